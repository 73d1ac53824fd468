/**
 * Repairs sampled data so that it validates: openapi-sampler gives realistic
 * values but stops at a depth limit and does not always honour `required`,
 * `allOf` or `nullable` in real documents. Each AJV error names a place in the
 * value and in the (converted) schema; the value there is replaced by minimal
 * data built from that schema, which is valid by construction for the
 * keywords design-first keeps (see json-schema.ts). A few rounds suffice.
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import { sample } from 'openapi-sampler';
import RandExp from 'randexp';
import { escapeSegment, parsePointer } from '../../blueprint/pointer.js';
import { safeRegExp } from '../../regexp.js';
import type { ExampleCheck } from './example-check.js';
import type { JsonSchema } from '../json-schema.js';
import type { Json } from '../../blueprint/openapi.js';

const MAX_ROUNDS = 12;
const MAX_DEPTH = 24;

export function repairSample(value: unknown, schema: JsonSchema | undefined, check: ExampleCheck): unknown {
  let current = structuredClone(value);
  const replaced = new Set<string>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const errors = check.errors(schema, current);
    if (errors.length === 0) return current;
    const seen = new Set<string>();
    for (const error of deepestFirst(errors)) {
      // AJV's `verbose` errors carry the schema that failed; schemaPath is relative to a compiled $ref.
      const target = (error.parentSchema as JsonSchema | undefined) ?? schemaAt(schema, error.schemaPath, check);
      if (target === undefined) continue;
      const path = parsePointer(error.instancePath);
      if (error.keyword === 'required' && typeof error.params.missingProperty === 'string') {
        const property = propertySchema(target, error.params.missingProperty, check);
        current = setAt(current, [...path, error.params.missingProperty], minimal(property, check, 0));
        seen.add(`${error.instancePath}/${escapeSegment(error.params.missingProperty)}`);
      } else if (error.keyword === 'additionalProperties' && typeof error.params.additionalProperty === 'string') {
        current = deleteAt(current, [...path, error.params.additionalProperty]);
      } else if (error.keyword === 'oneOf' && !seen.has(error.instancePath)) {
        // Matches none of the branches, or several (overlapping objects): a value of one branch that the others refuse.
        const chosen = oneBranchValue(target, check);
        if (chosen === undefined) continue;
        current = setAt(current, path, chosen);
        seen.add(error.instancePath);
        replaced.add(error.instancePath);
      } else if ([...seen].some((place) => place.startsWith(`${error.instancePath}/`))) {
      } else if (replaced.has(error.instancePath) && !seen.has(error.instancePath) && isObject(parentOf(current, path))) {
        // Replaced once already and still wrong: the schema there cannot be met (`allOf: [string, null]`).
        // Without the property the value is valid when it is optional; when it is required, nothing is.
        current = deleteAt(current, path);
      } else {
        current = setAt(current, path, minimal(target, check, 0));
        replaced.add(error.instancePath);
        seen.add(error.instancePath);
      }
    }
  }
  return current;
}

/**
 * Data valid for a schema with `oneOf`: exactly one branch must match, and
 * real branches overlap (objects with optional properties match each other's
 * data). For each branch in turn (null-only ones last): its minimal data, then
 * that data with each property only this branch declares; each told apart
 * from any other branch that still matches by a property that branch declares
 * and this one does not, set to a value that branch refuses. The first that
 * passes the whole schema wins; undefined when none does.
 */
function oneBranchValue(schema: JsonSchema, check: ExampleCheck): unknown {
  const record = resolve(schema, check);
  if (typeof record !== 'object' || !Array.isArray(record.oneOf)) return undefined;
  const branches = record.oneOf as JsonSchema[];
  const declared = branches.map((branch) => declaredProperties(branch, check, 0));
  const order = [...branches.keys()].sort((a, b) => Number(isNullOnly(resolve(branches[a]!, check))) - Number(isNullOnly(resolve(branches[b]!, check))));
  for (const index of order) {
    const base = minimal(branches[index], check, 0);
    const candidates: unknown[] = [base];
    if (isObject(base)) {
      const others = new Set(declared.flatMap((properties, other) => (other === index ? [] : Object.keys(properties))));
      const own = Object.entries(declared[index]!).filter(([name]) => !others.has(name) && !Object.hasOwn(base, name));
      for (const [name, property] of own) candidates.push(withProperty(base, name, minimal(property, check, 1)));
    }
    for (const candidate of candidates) {
      const told = isObject(candidate) ? toldApart(candidate, index, branches, declared, check) : candidate;
      if (check(schema, told)) return told;
    }
  }
  return undefined;
}

/** `value` with, for each other branch that admits it, one of that branch's properties set to a value it refuses. */
function toldApart(
  value: Json,
  index: number,
  branches: readonly JsonSchema[],
  declared: ReadonlyArray<Record<string, JsonSchema>>,
  check: ExampleCheck,
): Json {
  let out = value;
  branches.forEach((branch, other) => {
    if (other === index || !check(branch, out)) return;
    for (const [name, property] of Object.entries(declared[other]!)) {
      if (Object.hasOwn(out, name) || Object.hasOwn(declared[index]!, name)) continue;
      const refused = OUTSIDE_VALUES.find((candidate) => !check(property, candidate));
      if (refused === undefined) continue;
      const next = withProperty(out, name, refused);
      if (!check(branch, next)) {
        out = next;
        return;
      }
    }
  });
  return out;
}

/** Values of every JSON type, one of which most property schemas refuse. */
const OUTSIDE_VALUES: readonly unknown[] = [true, 0, 'x', null, [], {}];

function withProperty(value: Json, name: string, property: unknown): Json {
  const copy = { ...value };
  Object.defineProperty(copy, name, { value: property, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** Minimal valid data for a converted schema (refs resolved through the check's definitions). */
export function minimal(schema: JsonSchema | undefined, check: ExampleCheck, depth: number, siblings?: Record<string, JsonSchema>): unknown {
  if (schema === undefined || schema === true || schema === false || depth > MAX_DEPTH) return null;
  const record = resolve(schema, check) as Json;
  if ('const' in record) return record.const;
  if (Array.isArray(record.enum) && record.enum.length > 0) return record.enum[0];
  const branch = ((record.anyOf ?? record.oneOf) as JsonSchema[] | undefined)?.find((option) => !isNullOnly(resolve(option, check)));
  if (Array.isArray(record.allOf)) {
    // A part may require a property another part describes: each part sees the properties of all.
    const all = { ...siblings, ...declaredProperties(record, check, 0) };
    const parts = record.allOf.map((part) => minimal(part as JsonSchema, check, depth + 1, all));
    const own = record.properties || record.type ? minimal({ ...record, allOf: undefined } as JsonSchema, check, depth + 1, all) : undefined;
    if ([own, ...parts].every((part) => part === undefined || isObject(part))) return Object.assign({}, ...[own, ...parts].filter(isObject));
    return parts[0];
  }
  if (branch !== undefined && !record.type && !record.properties) return minimal(branch, check, depth + 1);
  const types = (Array.isArray(record.type) ? record.type : [record.type ?? (record.properties ? 'object' : record.items ? 'array' : undefined)]).filter(
    (type): type is string => typeof type === 'string',
  );
  const type = types.find((t) => t !== 'null') ?? (types.includes('null') ? 'null' : undefined);
  switch (type) {
    case 'object': {
      const out: Json = {};
      const properties = (record.properties ?? {}) as Record<string, JsonSchema>;
      for (const name of (record.required as string[] | undefined) ?? []) {
        const property = Object.hasOwn(properties, name) ? properties[name] : siblings && Object.hasOwn(siblings, name) ? siblings[name] : undefined;
        Object.defineProperty(out, name, { value: minimal(property, check, depth + 1), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    case 'array': {
      const count = typeof record.minItems === 'number' ? record.minItems : 0;
      return Array.from({ length: count }, () => minimal(record.items as JsonSchema, check, depth + 1));
    }
    case 'string':
      return stringFor(record);
    case 'integer':
    case 'number':
      return numberFor(record, type === 'integer');
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return branch !== undefined ? minimal(branch, check, depth + 1) : {};
  }
}

const FORMATS: Record<string, string> = {
  date: '2024-01-31',
  'date-time': '2024-01-31T09:30:00Z',
  time: '09:30:00Z',
  duration: 'P1D',
  email: 'user@example.com',
  uri: 'https://example.com/',
  'uri-reference': '/example',
  'uri-template': '/example/{id}',
  hostname: 'example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  uuid: '5b0a5e36-6a0c-4f0e-9d7c-2b0f8f1f3c11',
  byte: 'AA==',
  regex: '.*',
  'json-pointer': '/example',
  'relative-json-pointer': '0',
};

function stringFor(record: Json): string {
  const min = typeof record.minLength === 'number' ? record.minLength : 0;
  const max = typeof record.maxLength === 'number' ? record.maxLength : Infinity;
  const fits = (value: string | undefined): value is string => value !== undefined && value.length >= min && value.length <= max;
  const known = typeof record.format === 'string' ? FORMATS[record.format] : undefined;
  if (fits(known)) return known;
  if (typeof record.pattern === 'string') {
    const value = matchingString(record.pattern, fits);
    if (value !== undefined) return value;
  }
  return 'example'.padEnd(min, 'x').slice(0, Math.max(min, Math.min(max, 7)));
}

/**
 * A predictable string a pattern accepts and that fits the length bounds:
 * randexp with every choice at its lower bound, then with repetitions grown
 * step by step (for a `minLength` the shortest match does not reach), then
 * openapi-sampler's own; each checked against the pattern itself.
 */
function matchingString(pattern: string, fits: (value: string | undefined) => boolean): string | undefined {
  const grown = (extra: number) => () => {
    const generator = new RandExp(pattern);
    generator.randInt = (from, to) => Math.min(to, from + extra);
    generator.max = Math.max(1, extra);
    return generator.gen();
  };
  const candidates: Array<() => unknown> = [
    grown(0),
    ...[1, 2, 4, 8, 16, 32, 64].map(grown),
    () => sample({ type: 'string', pattern } as never, { enablePatterns: true, quiet: true }),
  ];
  for (const candidate of candidates) {
    try {
      const value = candidate();
      // The linear-time engine: a hostile pattern must not hang generation.
      if (typeof value === 'string' && fits(value) && safeRegExp(pattern, 'u').test(value)) return value;
    } catch {
      // try the next way
    }
  }
  return undefined;
}

function numberFor(record: Json, integer: boolean): number {
  let value = 0;
  if (typeof record.minimum === 'number') value = record.minimum;
  if (typeof record.exclusiveMinimum === 'number') value = record.exclusiveMinimum + (integer ? 1 : 0.5);
  if (typeof record.maximum === 'number' && value > record.maximum) value = record.maximum;
  if (typeof record.exclusiveMaximum === 'number' && value >= record.exclusiveMaximum) value = record.exclusiveMaximum - (integer ? 1 : 0.5);
  if (typeof record.multipleOf === 'number' && record.multipleOf > 0) value = Math.ceil(value / record.multipleOf) * record.multipleOf;
  return integer ? Math.ceil(value) : value;
}

function resolve(schema: JsonSchema, check: ExampleCheck, depth = 0): JsonSchema {
  if (typeof schema === 'object' && typeof schema.$ref === 'string' && depth < 32) {
    const key = schema.$ref.split('#/$defs/')[1];
    const target = key === undefined ? undefined : check.definitions.$defs[decodeURIComponent(key)];
    return target === undefined ? {} : resolve(target, check, depth + 1);
  }
  return schema;
}

/** The properties a schema describes itself and through its `allOf` parts (nested ones too). */
function declaredProperties(schema: JsonSchema, check: ExampleCheck, depth: number): Record<string, JsonSchema> {
  const record = resolve(schema, check);
  if (typeof record !== 'object' || depth > MAX_DEPTH) return {};
  const out: Record<string, JsonSchema> = {};
  const sources = [
    ...(Array.isArray(record.allOf) ? (record.allOf as JsonSchema[]).map((part) => declaredProperties(part, check, depth + 1)) : []),
    (record.properties ?? {}) as Record<string, JsonSchema>,
  ];
  for (const source of sources) {
    for (const name of Object.keys(source)) Object.defineProperty(out, name, { value: source[name], enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function isNullOnly(schema: JsonSchema): boolean {
  return typeof schema === 'object' && (schema.type === 'null' || (Array.isArray(schema.type) && schema.type.length === 1 && schema.type[0] === 'null'));
}

function propertySchema(schema: JsonSchema, name: string, check: ExampleCheck): JsonSchema | undefined {
  const record = resolve(schema, check);
  if (typeof record !== 'object') return undefined;
  const properties = record.properties as Record<string, JsonSchema> | undefined;
  return properties && Object.hasOwn(properties, name) ? properties[name] : undefined;
}

/** The schema an error's schemaPath names, minus the failing keyword. */
function schemaAt(root: JsonSchema | undefined, schemaPath: string, check: ExampleCheck): JsonSchema | undefined {
  const hash = schemaPath.indexOf('#');
  let node: unknown = hash > 0 ? check.definitions : root;
  let fragment = schemaPath.slice(hash + 1);
  try {
    fragment = decodeURIComponent(fragment);
  } catch {
    // not URI-encoded after all
  }
  const segments = parsePointer(fragment).slice(0, -1);
  for (const segment of segments) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, segment)) return undefined;
    node = (node as Json)[segment];
  }
  return node as JsonSchema;
}

/** Deeper places first, so a repair of a parent does not hide its children's repairs in the same round. */
function deepestFirst(errors: readonly ErrorObject[]): ErrorObject[] {
  return [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length);
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function setAt(root: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  let node = root as Json;
  for (const segment of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return root;
    node = node[segment] as Json;
  }
  if (node !== null && typeof node === 'object') {
    Object.defineProperty(node, path.at(-1)!, { value, enumerable: true, writable: true, configurable: true });
  }
  return root;
}

function parentOf(root: unknown, path: string[]): unknown {
  let node = root;
  for (const segment of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Json)[segment];
  }
  return path.length === 0 ? undefined : node;
}

function deleteAt(root: unknown, path: string[]): unknown {
  let node = root as Json;
  for (const segment of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return root;
    node = node[segment] as Json;
  }
  if (node !== null && typeof node === 'object') delete node[path.at(-1)!];
  return root;
}
