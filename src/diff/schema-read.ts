/**
 * Reading one schema object's own keywords into its view (schema-view.ts
 * merges allOf members and oneOf/anyOf on top). Every keyword of an odd shape
 * is left out rather than thrown on.
 * https://json-schema.org/draft/2020-12/json-schema-validation
 */
import { childPointer } from '../blueprint/pointer.js';
import type { BoundName } from './schema-kinds.js';
import { tighten, type Flag, type SchemaView } from './schema-view-model.js';
import { asObject, entriesOf, own, type JsonRecord, type Located } from './side.js';

const UPPER_COUNTS = [
  ['maxLength', 'max-length'],
  ['maxItems', 'max-items'],
  ['maxProperties', 'max-properties'],
  ['maxContains', 'max-contains'],
] as const satisfies ReadonlyArray<readonly [string, BoundName]>;
const LOWER_COUNTS = [
  ['minLength', 'min-length'],
  ['minItems', 'min-items'],
  ['minProperties', 'min-properties'],
  ['minContains', 'min-contains'],
] as const satisfies ReadonlyArray<readonly [string, BoundName]>;

export function readOwnKeywords(view: SchemaView, record: JsonRecord, pointer: string): void {
  const at = (key: string) => `${pointer}/${key}`;
  const sub = (key: string, value: unknown): Located | undefined =>
    asObject(value) || typeof value === 'boolean' ? { node: value, pointer: at(key) } : undefined;
  let bounds = false;
  // One pass over the keys the schema has (most have a handful), rather than a lookup per known keyword.
  for (const key of Object.keys(record)) {
    const value = record[key];
    switch (key) {
      case 'type': {
        const types = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : undefined;
        if (types) {
          view.types = new Set(types.filter((t) => t !== 'null'));
          if (types.includes('null')) view.nullable = true;
        }
        break;
      }
      case 'nullable':
        if (value === true) view.nullable = true;
        break;
      case 'format':
        if (typeof value === 'string') view.format = { value, pointer: at(key) };
        break;
      case 'enum':
        if (Array.isArray(value)) view.enum = { value: valueMap(value), pointer: at(key), fromConst: false };
        break;
      case 'const':
        if (value !== undefined && !Array.isArray(own(record, 'enum'))) view.enum = { value: valueMap([value]), pointer: at(key), fromConst: true };
        break;
      case 'x-extensible-enum':
        if (Array.isArray(value)) view.extensibleEnum = { value: valueMap(value), pointer: at(key) };
        break;
      case 'pattern':
        // An empty pattern matches every string: it is no pattern.
        if (typeof value === 'string' && value !== '') view.pattern = { value, pointer: at(key) };
        break;
      case 'multipleOf':
        if (isNumber(value) && value > 0) view.multipleOf = { value, pointer: at(key) };
        break;
      case 'uniqueItems':
        if (value === true) view.uniqueItems = { value: true, pointer: at(key) };
        break;
      case 'default':
        if (value !== undefined) view.default = { value, pointer: at(key) };
        break;
      case 'maximum':
      case 'exclusiveMaximum':
      case 'minimum':
      case 'exclusiveMinimum':
      case 'maxLength':
      case 'maxItems':
      case 'maxProperties':
      case 'maxContains':
      case 'minLength':
      case 'minItems':
      case 'minProperties':
      case 'minContains':
        bounds = true;
        if (key.endsWith('Contains')) view.has2020 = true;
        break;
      case 'properties':
        for (const [name, schema] of entriesOf(value)) view.properties.set(name, { node: schema, pointer: childPointer(at(key), name) });
        break;
      case 'required':
        if (Array.isArray(value)) for (const name of value) if (typeof name === 'string') view.required.add(name);
        break;
      case 'additionalProperties':
        view.additionalProperties = flag(value, at(key));
        break;
      case 'items':
        view.items = sub(key, value);
        break;
      case 'readOnly':
        if (value === true) view.readOnly = true;
        break;
      case 'writeOnly':
        if (value === true) view.writeOnly = true;
        break;
      case 'discriminator':
        readDiscriminator(view, value, at(key));
        break;
      case 'deprecated':
        if (value === true) view.deprecated = true;
        break;
      case 'x-sunset':
        view.sunset = { value, pointer: at(key) };
        break;
      case 'x-stability-level':
        view.stability = { value, pointer: at(key) };
        break;
      default:
        read2020Keyword(view, key, value, at, sub);
    }
  }
  if (bounds) readBounds(view, record, at);
}

/** The JSON Schema 2020-12 keywords (OpenAPI 3.1); `not` too. */
function read2020Keyword(
  view: SchemaView,
  key: string,
  value: unknown,
  at: (key: string) => string,
  sub: (key: string, value: unknown) => Located | undefined,
): void {
  view.has2020 ||= KEYWORDS_2020.has(key);
  switch (key) {
    case 'prefixItems':
      if (Array.isArray(value)) view.prefixItems = { value: value.map((node, i) => ({ node, pointer: `${at(key)}/${i}` })), pointer: at(key) };
      break;
    case 'patternProperties':
      for (const [pattern, schema] of entriesOf(value)) {
        if (view.patternProperties.size === 0) view.patternProperties = new Map();
        view.patternProperties.set(pattern, { node: schema, pointer: childPointer(at(key), pattern) });
      }
      break;
    case 'dependentRequired':
      for (const [name, list] of entriesOf(value)) {
        if (!Array.isArray(list)) continue;
        if (view.dependentRequired.size === 0) view.dependentRequired = new Map();
        view.dependentRequired.set(name, { value: list.filter((item): item is string => typeof item === 'string'), pointer: childPointer(at(key), name) });
      }
      break;
    case 'dependentSchemas':
      for (const [name, schema] of entriesOf(value)) {
        if (view.dependentSchemas.size === 0) view.dependentSchemas = new Map();
        view.dependentSchemas.set(name, { node: schema, pointer: childPointer(at(key), name) });
      }
      break;
    case 'contains':
    case 'propertyNames':
    case 'if':
    case 'then':
    case 'else':
    case 'contentSchema':
    case 'not':
      view[key] = sub(key, value);
      break;
    case 'unevaluatedProperties':
    case 'unevaluatedItems':
      view[key] = flag(value, at(key));
      break;
    case 'contentMediaType':
    case 'contentEncoding':
      if (typeof value === 'string') view[key] = { value, pointer: at(key) };
      break;
  }
}

const KEYWORDS_2020: ReadonlySet<string> = new Set([
  'prefixItems',
  'patternProperties',
  'dependentRequired',
  'dependentSchemas',
  'contains',
  'propertyNames',
  'if',
  'then',
  'else',
  'contentSchema',
  'unevaluatedProperties',
  'unevaluatedItems',
  'contentMediaType',
  'contentEncoding',
  'maxContains',
  'minContains',
]);

function readBounds(view: SchemaView, record: JsonRecord, at: (key: string) => string): void {
  const maximum = own(record, 'maximum');
  const exclusiveMaximum = own(record, 'exclusiveMaximum');
  if (isNumber(maximum)) tighten(view, 'max', { value: maximum, exclusive: exclusiveMaximum === true, pointer: at('maximum') });
  if (isNumber(exclusiveMaximum)) tighten(view, 'max', { value: exclusiveMaximum, exclusive: true, pointer: at('exclusiveMaximum') });
  const minimum = own(record, 'minimum');
  const exclusiveMinimum = own(record, 'exclusiveMinimum');
  if (isNumber(minimum)) tighten(view, 'min', { value: minimum, exclusive: exclusiveMinimum === true, pointer: at('minimum') });
  if (isNumber(exclusiveMinimum)) tighten(view, 'min', { value: exclusiveMinimum, exclusive: true, pointer: at('exclusiveMinimum') });
  for (const [key, name] of UPPER_COUNTS) {
    const value = own(record, key);
    if (isNumber(value)) tighten(view, name, { value, exclusive: false, pointer: at(key) });
  }
  for (const [key, name] of LOWER_COUNTS) {
    const value = own(record, key);
    if (isNumber(value) && value > 0) tighten(view, name, { value, exclusive: false, pointer: at(key) });
  }
}

function readDiscriminator(view: SchemaView, value: unknown, pointer: string): void {
  const discriminator = asObject(value);
  if (!discriminator) return;
  const propertyName = own(discriminator, 'propertyName');
  const mapping = new Map<string, string>();
  for (const [value, target] of entriesOf(own(discriminator, 'mapping'))) if (typeof target === 'string') mapping.set(value, target);
  view.discriminator = {
    value: { propertyName: typeof propertyName === 'string' ? propertyName : undefined, mapping },
    pointer,
  };
}

/** `false`/`true`, or a subschema; undefined when not written. */
function flag(value: unknown, pointer: string): Flag | undefined {
  if (typeof value === 'boolean') return { value, pointer };
  if (asObject(value)) return { node: value, pointer };
  return undefined;
}

function valueMap(values: readonly unknown[]): Map<string, unknown> {
  const map = new Map<string, unknown>();
  for (const value of values) map.set(canonical(value), value);
  return map;
}

export function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** JSON with sorted keys, so that `{a,b}` and `{b,a}` are the same enum value. */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical((value as JsonRecord)[key])}`).join(',')}}`;
}
