/**
 * Bundle a multi-file blueprint into one document whose refs are all internal.
 *
 * A referenced component (`other.yaml#/components/schemas/Pet`) or a whole file
 * used as a schema (`pet.yaml`) is hoisted under `components/<kind>/<Name>` and
 * referenced there, so recursion keeps working; any other external target (a
 * path item, a response) is copied in place. Every copy records where it came
 * from, so locations survive bundling.
 */
import path from 'node:path';
import { DesignFirstError } from '../errors.js';
import { resolveRefTarget, type FetchRules } from './fetch-source.js';
import { escapeSegment, fragmentToPointer, getAtPointer, parsePointer, childPointer } from './pointer.js';
import { isDataChild, splitRef } from './refs.js';
import { placeIn, type BlueprintSource, type Origin } from './source.js';

export interface BundleResult {
  document: unknown;
  origins: Array<{ prefix: string; origin: Origin }>;
}

const COMPONENT_KINDS = new Set([
  'schemas',
  'responses',
  'parameters',
  'examples',
  'requestBodies',
  'headers',
  'securitySchemes',
  'links',
  'callbacks',
  'pathItems',
]);
const SCHEMA_KEYS = new Set([
  'schema',
  'schemas',
  'items',
  'additionalProperties',
  'not',
  'properties',
  'allOf',
  'oneOf',
  'anyOf',
  'prefixItems',
  '$defs',
  'definitions',
  'patternProperties',
  'contains',
  'if',
  'then',
  'else',
  'propertyNames',
  'unevaluatedProperties',
  'unevaluatedItems',
  'dependentSchemas',
]);
const MAX_INLINE_DEPTH = 64;
/**
 * Values the bundle may copy in place. Targets that are not components are
 * copied where they are used, so files that each inline the next one ten times
 * would otherwise multiply into billions of values (the $ref form of the
 * billion laughs). The budget is four times the values of all files read, and
 * at least this many, so memory stays proportional to the input.
 */
export const MIN_INLINE_BUDGET = 50_000;

/** How many values (objects, arrays, scalars) `root` holds, counted without recursion. */
function countValues(root: unknown): number {
  let count = 0;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    count++;
    if (value !== null && typeof value === 'object') for (const child of Object.values(value)) stack.push(child);
  }
  return count;
}

/** Set an own property, even one called `__proto__`, without touching any prototype. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

export function bundleExternalRefs(root: BlueprintSource, sources: ReadonlyMap<string, BlueprintSource>, rules: FetchRules): BundleResult {
  const origins: BundleResult['origins'] = [];
  const hoisted = new Map<string, string>(); // "file#pointer" -> internal ref
  const usedNames = new Map<string, Set<string>>(); // kind -> names taken
  const rootData = root.data as Record<string, unknown>;
  const rootComponents = Object.hasOwn(rootData, 'components') ? (rootData.components as Record<string, unknown> | undefined) : undefined;
  const components: Record<string, Record<string, unknown>> = {};
  const componentsOfKind = (kind: string): Record<string, unknown> => {
    const existing = Object.hasOwn(components, kind) ? components[kind] : undefined;
    if (existing === null || typeof existing !== 'object' || Array.isArray(existing)) setOwn(components, kind, {});
    return components[kind]!;
  };
  for (const [kind, entries] of Object.entries(rootComponents ?? {})) {
    if (entries && typeof entries === 'object' && !Array.isArray(entries)) {
      setOwn(components, kind, { ...(entries as Record<string, unknown>) });
      usedNames.set(kind, new Set(Object.keys(entries)));
    } else {
      setOwn(components, kind, entries as Record<string, unknown>);
    }
  }

  let sourceValues = 0;
  for (const source of sources.values()) sourceValues += countValues(source.data);
  const inlineBudget = Math.max(MIN_INLINE_BUDGET, 4 * sourceValues);
  let inlined = 0;
  let inlining = 0;
  let lastRefPlace: ReturnType<typeof placeIn> | undefined;

  const takeName = (kind: string, wanted: string): string => {
    const taken = usedNames.get(kind) ?? new Set<string>();
    usedNames.set(kind, taken);
    const base = wanted.replace(/[^A-Za-z0-9._-]/g, '_') || 'Component';
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
    taken.add(name);
    return name;
  };

  /**
   * Copy `value` (found in `source` at `pointer`, under the key `parentKey`)
   * into the bundle at `at`, rewriting refs.
   */
  const importValue = (value: unknown, source: BlueprintSource, pointer: string, at: string, parentKey: string, inSchema: boolean, depth: number): unknown => {
    if (inlining > 0 && ++inlined > inlineBudget) {
      throw new DesignFirstError(
        'DF_ERR_LOAD_TOO_LARGE',
        `bundling would copy more than ${inlineBudget} values in place: $refs repeat the same parts again and again (a resource-exhaustion attempt?)`,
        lastRefPlace ?? placeIn(source, pointer),
      );
    }
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      return value.map((item, i) => importValue(item, source, `${pointer}/${i}`, `${at}/${i}`, '', inSchema, depth));
    }
    const record = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(record)) {
      if (key === '$ref' && typeof child === 'string') continue;
      const childIsSchema = inSchema || SCHEMA_KEYS.has(key);
      const copy = isDataChild(parentKey, key, child)
        ? child
        : importValue(child, source, childPointer(pointer, key), childPointer(at, key), key, childIsSchema, depth);
      setOwn(out, key, copy);
    }
    if (typeof record.$ref !== 'string') return out;

    const ref = record.$ref;
    if (ref.startsWith('#') && source === root) return { $ref: ref, ...out };
    const [documentPart, fragment] = splitRef(ref);
    const place = placeIn(source, childPointer(pointer, '$ref'));
    lastRefPlace = place;
    const targetFile = documentPart === '' ? source.file : resolveRefTarget(documentPart, source.file, rules, place);
    const targetSource = sources.get(targetFile);
    if (!targetSource) {
      // Only when a value that reads as data in its own file holds a $ref in the bundle's context: never followed, so never read.
      throw new DesignFirstError('DF_ERR_REF_UNRESOLVED', `$ref "${ref}" sits where references are not followed`, place);
    }
    const targetPointer = fragmentToPointer(fragment);
    // The root's own values keep their places in the bundle: a ref to them from another file becomes internal.
    if (targetSource === root) return { $ref: fragment || '#', ...out };
    const key = `${targetFile}#${targetPointer}`;
    const segments = parsePointer(targetPointer);
    const componentKind = segments.length === 3 && segments[0] === 'components' && COMPONENT_KINDS.has(segments[1]!) ? segments[1]! : undefined;
    const kind = componentKind ?? (inSchema ? 'schemas' : undefined);

    if (kind) {
      let internal = hoisted.get(key);
      if (!internal) {
        const wanted = segments.at(-1) ?? path.basename(targetFile).replace(/\.(ya?ml|json)$/i, '');
        const name = takeName(kind, segments.length > 0 ? wanted : path.basename(targetFile).replace(/\.(ya?ml|json)$/i, ''));
        internal = `#/components/${kind}/${escapeSegment(name)}`;
        hoisted.set(key, internal);
        const bundledAt = `/components/${kind}/${escapeSegment(name)}`;
        origins.push({ prefix: bundledAt, origin: { source: targetSource, pointer: targetPointer } });
        const content = importValue(
          getAtPointer(targetSource.data, targetPointer),
          targetSource,
          targetPointer,
          bundledAt,
          name,
          kind === 'schemas',
          depth + 1,
        );
        setOwn(componentsOfKind(kind), name, content);
      }
      return { $ref: internal, ...out };
    }
    if (depth > MAX_INLINE_DEPTH) {
      throw new DesignFirstError('DF_ERR_REF_UNRESOLVED', `$ref "${ref}" is part of a cycle that cannot be bundled`, place);
    }
    origins.push({ prefix: at, origin: { source: targetSource, pointer: targetPointer } });
    inlining++;
    let copy: unknown;
    try {
      copy = importValue(getAtPointer(targetSource.data, targetPointer), targetSource, targetPointer, at, parentKey, inSchema, depth + 1);
    } finally {
      inlining--;
    }
    return copy !== null && typeof copy === 'object' && !Array.isArray(copy) ? { ...(copy as object), ...out } : copy;
  };

  const document: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rootData)) {
    if (key === 'components') continue;
    setOwn(document, key, isDataChild('', key, value) ? value : importValue(value, root, `/${escapeSegment(key)}`, `/${escapeSegment(key)}`, key, false, 0));
  }
  // Components of the root are imported after paths so hoisted names never shadow them.
  for (const [kind, entries] of Object.entries(components)) {
    const original = rootComponents !== undefined && Object.hasOwn(rootComponents, kind) ? (rootComponents[kind] as Record<string, unknown>) : undefined;
    if (entries === null || typeof entries !== 'object' || Array.isArray(entries)) continue;
    for (const [name, value] of Object.entries(entries)) {
      if (original && Object.hasOwn(original, name) && original[name] === value) {
        const at = `/components/${escapeSegment(kind)}/${escapeSegment(name)}`;
        setOwn(entries, name, importValue(value, root, at, at, name, kind === 'schemas', 0));
      }
    }
  }
  if (Object.keys(components).length > 0 || rootComponents !== undefined) document.components = components;
  return { document, origins };
}
