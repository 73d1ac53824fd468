/**
 * Finding `$ref`s in an OpenAPI document without mistaking data for references:
 * example payloads, defaults, enums and `x-` extensions may legitimately hold a
 * `$ref` key that is not a reference. Walks iteratively, so depth is no risk.
 */
import { childPointer } from './pointer.js';

/** Keys whose values are data, never OpenAPI objects. */
const DATA_KEYS = new Set(['example', 'default', 'enum', 'const']);

/** Keys whose children are user-chosen names: the data-key rule does not apply to those names. */
const NAME_MAP_KEYS = new Set([
  'properties',
  'patternProperties',
  '$defs',
  'definitions',
  'dependentSchemas',
  'schemas',
  'responses',
  'parameters',
  'requestBodies',
  'headers',
  'securitySchemes',
  'links',
  'callbacks',
  'pathItems',
  'paths',
  'content',
  'encoding',
  'webhooks',
]);

export type RefVisitor = (ref: string, pointer: string, holder: Record<string, unknown>) => void;

export function forEachRef(root: unknown, visit: RefVisitor): void {
  const stack: Array<{ value: unknown; pointer: string; parentKey: string }> = [{ value: root, pointer: '', parentKey: '' }];
  while (stack.length > 0) {
    const { value, pointer, parentKey } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], pointer: `${pointer}/${i}`, parentKey: '' });
      continue;
    }
    const record = value as Record<string, unknown>;
    if (typeof record.$ref === 'string') visit(record.$ref, pointer, record);
    for (const key of Object.keys(record)) {
      if (key === '$ref') continue;
      if (isDataChild(parentKey, key, record[key])) continue;
      stack.push({ value: record[key], pointer: childPointer(pointer, key), parentKey: key });
    }
  }
}

/**
 * Whether `record[key]` is data (never holds references), for a record found
 * under `parentKey`. Keys of name maps (`properties`, `responses`, …) are names
 * chosen by the author, so a property or response called `default` or
 * `x-thing` is not data.
 */
export function isDataChild(parentKey: string, key: string, value: unknown): boolean {
  return !NAME_MAP_KEYS.has(parentKey) && isDataKey(key, value, parentKey);
}

function isDataKey(key: string, value: unknown, parentKey: string): boolean {
  if (DATA_KEYS.has(key) || key.startsWith('x-')) return true;
  // Schema `examples` (3.1) is an array of values; media-type `examples` is a map of Example Objects.
  if (key === 'examples' && Array.isArray(value)) return true;
  // Inside an Example Object, `value` is the payload.
  return key === 'value' && parentKey !== 'properties';
}

/** `file.yaml#/components/x` -> [`file.yaml`, `#/components/x`]; a ref without `#` names a whole document. */
export function splitRef(ref: string): [string, string] {
  const hash = ref.indexOf('#');
  return hash < 0 ? [ref, ''] : [ref.slice(0, hash), ref.slice(hash)];
}
