/**
 * OpenAPI Schema Objects (3.0 and 3.1) -> plain JSON Schema 2020-12 that AJV
 * and fast-json-stringify accept, one self-contained schema per route part.
 *
 * Real documents break schema compilers (see DESIGN.md, "Known traps"), so this
 * keeps an allow-list of validation keywords and normalises the rest:
 * - 3.0 `nullable` becomes a `null` type (and `null` in the enum); `nullable`
 *   without `type` is dropped, because it already allows everything;
 * - 3.0 boolean `exclusiveMinimum`/`exclusiveMaximum` become numbers;
 * - duplicate enum values are removed;
 * - patterns that JavaScript cannot compile in Unicode mode are dropped, with a note;
 * - `readOnly` properties are not required in requests; `writeOnly` ones never
 *   leave the service (removed from response schemas);
 * - `oneOf` with a discriminator becomes `anyOf`, because real subschemas overlap; so does a parameter's
 *   top-level `oneOf`, because text coerced to each branch's type often fits several;
 * - a request `default` that does not fit its own type or enum is dropped (the service fills defaults in);
 * - component `$ref`s become refs into one shared definitions document per
 *   version and direction (`urn:design-first:v1:request#/$defs/Pet`), which the
 *   service registers once: route schemas stay small, each component is
 *   compiled once, and the route table does not grow with every route's closure.
 */
import { hasSchemaFlag } from '../blueprint/openapi.js';
import { escapeSegment, fragmentToPointer, getAtPointer } from '../blueprint/pointer.js';
import { shortestMatch } from '../blueprint/pattern-length.js';

export type Direction = 'request' | 'response';
export type JsonSchema = Record<string, unknown> | boolean;

export interface SchemaNotes {
  /** Things dropped or changed that a user should know about (shown by `new`). */
  add(pointer: string, message: string): void;
}

/** What the converter needs to know about the document. */
export interface SchemaContext {
  document: unknown;
  /** Component schema name -> the def key used in `$defs` (a safe identifier). */
  defKeyOf(componentName: string): string;
  /** The `$id` of the shared definitions document for a direction. */
  definitionsId(direction: Direction): string;
  notes: SchemaNotes;
}

const COMPONENT_PREFIX = '#/components/schemas/';

const KNOWN_FORMATS = new Set([
  'date',
  'time',
  'date-time',
  'duration',
  'uri',
  'uri-reference',
  'uri-template',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'regex',
  'uuid',
  'json-pointer',
  'relative-json-pointer',
  'byte',
  'int32',
  'int64',
  'float',
  'double',
  'password',
  'binary',
]);
const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'array', 'object', 'null']);
const NUMBER_KEYWORDS = ['minimum', 'maximum', 'multipleOf'] as const;
const COUNT_KEYWORDS = ['minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties', 'minContains', 'maxContains'] as const;
const SCHEMA_LIST_KEYWORDS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'] as const;
const SCHEMA_KEYWORDS = [
  'not',
  'contains',
  'if',
  'then',
  'else',
  'propertyNames',
  'additionalProperties',
  'unevaluatedProperties',
  'unevaluatedItems',
] as const;

export class SchemaConverter {
  private readonly componentCache = new Map<string, JsonSchema>();
  private readonly inlineStack = new Set<string>();
  /** True while converting a parameter's schema: its values arrive as text and the service coerces them. */
  private convertingText = false;

  constructor(private readonly context: SchemaContext) {}

  /**
   * A self-contained schema for one route part: the converted schema plus
   * `$defs` holding every component it reaches.
   */
  routeSchema(schema: unknown, pointer: string, direction: Direction): JsonSchema {
    return this.convert(schema, pointer, direction);
  }

  /** One parameter's schema: its values arrive as text, and the service coerces them. */
  parameterSchema(schema: unknown, pointer: string): JsonSchema {
    this.convertingText = true;
    try {
      return textOneOfAsAnyOf(this.convert(schema, pointer, 'request'));
    } finally {
      this.convertingText = false;
    }
  }

  /** An object schema for a group of parameters (query, headers, path). */
  parameterGroupSchema(entries: Array<{ key: string; schema: unknown; pointer: string; required: boolean }>): JsonSchema {
    const properties: Record<string, JsonSchema> = {};
    for (const entry of entries) {
      defineOwn(properties, entry.key, entry.schema === undefined ? {} : this.parameterSchema(entry.schema, entry.pointer));
    }
    const required = entries.filter((entry) => entry.required).map((entry) => entry.key);
    return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
  }

  /** Every component schema, converted for one direction: the shared definitions document. */
  definitions(direction: Direction): { $id: string; $defs: Record<string, JsonSchema> } {
    const defs: Record<string, JsonSchema> = {};
    const schemas = (this.context.document as { components?: { schemas?: Record<string, unknown> } }).components?.schemas ?? {};
    for (const name of Object.keys(schemas)) defineOwn(defs, this.context.defKeyOf(name), this.component(name, direction));
    return { $id: this.context.definitionsId(direction), $defs: defs };
  }

  /** A named component, converted once per direction. */
  private component(name: string, direction: Direction): JsonSchema {
    const cacheKey = `${direction}:${name}`;
    let converted = this.componentCache.get(cacheKey);
    if (converted === undefined) {
      converted = this.convert(this.rawComponent(name), `/components/schemas/${escapeSegment(name)}`, direction);
      this.componentCache.set(cacheKey, converted);
    }
    return converted;
  }

  private rawComponent(name: string): unknown {
    const schemas = (this.context.document as { components?: { schemas?: Record<string, unknown> } }).components?.schemas;
    return schemas && Object.hasOwn(schemas, name) ? schemas[name] : undefined;
  }

  private convert(input: unknown, pointer: string, direction: Direction): JsonSchema {
    if (typeof input === 'boolean') return input;
    if (input === null || typeof input !== 'object' || Array.isArray(input)) return {};
    const schema = input as Record<string, unknown>;

    if (typeof schema.$ref === 'string') {
      const target = this.reference(schema.$ref, pointer, direction);
      // 3.0 ignores siblings of $ref, except that people pair it with nullable.
      return schema.nullable === true ? { anyOf: [target, { type: 'null' }] } : target;
    }

    const out: Record<string, unknown> = {};
    let types = readTypes(schema.type);
    const nullable = schema.nullable === true;
    if (types && nullable && !types.includes('null')) types = [...types, 'null'];
    if (types) out.type = types.length === 1 ? types[0] : types;

    if (typeof schema.format === 'string' && KNOWN_FORMATS.has(schema.format) && schema.format !== 'binary' && schema.format !== 'password') {
      out.format = schema.format;
    }
    if (typeof schema.pattern === 'string') {
      if (isUsablePattern(schema.pattern)) out.pattern = schema.pattern;
      else this.context.notes.add(`${pointer}/pattern`, 'pattern is not a valid JavaScript Unicode regular expression; not enforced');
    }
    for (const key of NUMBER_KEYWORDS) if (typeof schema[key] === 'number' && Number.isFinite(schema[key])) out[key] = schema[key];
    if (typeof out.multipleOf === 'number' && out.multipleOf <= 0) delete out.multipleOf;
    for (const key of ['exclusiveMinimum', 'exclusiveMaximum'] as const) {
      const value = schema[key];
      const bound = key === 'exclusiveMinimum' ? 'minimum' : 'maximum';
      if (typeof value === 'number' && Number.isFinite(value)) out[key] = value;
      else if (value === true && typeof out[bound] === 'number') {
        out[key] = out[bound];
        delete out[bound];
      }
    }
    for (const key of COUNT_KEYWORDS) if (Number.isInteger(schema[key]) && (schema[key] as number) >= 0) out[key] = schema[key];
    if (typeof out.pattern === 'string' && typeof out.maxLength === 'number') {
      // A blueprint contradicting itself: say so where it happens (mock answers and requests cannot be valid there).
      const shortest = shortestMatch(out.pattern);
      if (shortest !== undefined && shortest > out.maxLength) {
        this.context.notes.add(
          `${pointer}/pattern`,
          `pattern matches only strings of ${shortest} characters or more, but maxLength is ${out.maxLength}: no string is valid`,
        );
      }
    }
    if (typeof schema.uniqueItems === 'boolean') out.uniqueItems = schema.uniqueItems;
    if (Array.isArray(schema.enum) && schema.enum.length > 0) {
      const values = uniqueValues(nullable && !schema.enum.includes(null) ? [...schema.enum, null] : schema.enum);
      out.enum = values;
    }
    if ('const' in schema) out.const = schema.const;
    // The service fills defaults in (useDefaults): one its own schema refuses would refuse every request that
    // omits it (Xero's `default: 'false'` on a boolean in a body), and a read-only one has no place in a request
    // at all. Parameters arrive as text and are coerced, so there `default: "20"` on an integer is fine.
    if (direction === 'request' && isScalar(schema.default) && schema.readOnly !== true) {
      const value = schema.default as string | number | boolean;
      if (fitsTypeAndEnum(this.convertingText ? coercedLikeText(value, out) : value, out)) out.default = value;
      else this.context.notes.add(`${pointer}/default`, 'default does not fit its own type or enum; not applied');
    }

    if (schema.properties && typeof schema.properties === 'object' && !Array.isArray(schema.properties)) {
      const properties: Record<string, JsonSchema> = {};
      for (const [name, property] of Object.entries(schema.properties as Record<string, unknown>)) {
        // `false`, not absent: with additionalProperties allowed, an absent name would count as an extra and leave.
        if (direction === 'response' && hasSchemaFlag(this.context.document, property, 'writeOnly')) {
          defineOwn(properties, name, false);
          continue;
        }
        defineOwn(properties, name, this.convert(property, `${pointer}/properties/${escapeSegment(name)}`, direction));
      }
      out.properties = properties;
    }
    if (Array.isArray(schema.required)) {
      const properties = (schema.properties ?? {}) as Record<string, unknown>;
      const required = uniqueValues(schema.required.filter((name): name is string => typeof name === 'string')).filter((name) => {
        const property = Object.hasOwn(properties, name) ? properties[name] : undefined;
        if (direction === 'request' && hasSchemaFlag(this.context.document, property, 'readOnly')) return false;
        // No safe JSON parser accepts a `__proto__` key (Fastify refuses it): requiring one would refuse every request.
        if (direction === 'request' && name === '__proto__') return false;
        if (direction === 'response' && hasSchemaFlag(this.context.document, property, 'writeOnly')) return false;
        return true;
      });
      if (required.length > 0) out.required = required;
    }
    if (schema.patternProperties && typeof schema.patternProperties === 'object') {
      const patternProperties: Record<string, JsonSchema> = {};
      for (const [pattern, property] of Object.entries(schema.patternProperties as Record<string, unknown>)) {
        if (isUsablePattern(pattern)) defineOwn(patternProperties, pattern, this.convert(property, `${pointer}/patternProperties`, direction));
      }
      out.patternProperties = patternProperties;
    }
    if (Array.isArray(schema.items)) {
      out.prefixItems = schema.items.map((item, i) => this.convert(item, `${pointer}/items/${i}`, direction));
    } else if (schema.items !== undefined) {
      out.items = this.convert(schema.items, `${pointer}/items`, direction);
    }
    for (const key of SCHEMA_KEYWORDS) {
      if (schema[key] !== undefined && (typeof schema[key] === 'object' || typeof schema[key] === 'boolean')) {
        out[key] = this.convert(schema[key], `${pointer}/${key}`, direction);
      }
    }
    for (const key of SCHEMA_LIST_KEYWORDS) {
      const list = schema[key];
      if (Array.isArray(list) && list.length > 0 && !(key === 'prefixItems' && out.prefixItems)) {
        out[key] = list.map((item, i) => this.convert(item, `${pointer}/${key}/${i}`, direction));
      }
    }
    if (schema.discriminator !== undefined && Array.isArray(out.oneOf)) {
      out.anyOf = out.oneOf;
      delete out.oneOf;
    }
    if (nullable && !types && (out.allOf || out.anyOf || out.oneOf)) {
      return { anyOf: [out, { type: 'null' }] };
    }
    return out;
  }

  private reference(ref: string, pointer: string, direction: Direction): JsonSchema {
    if (ref.startsWith(COMPONENT_PREFIX) && !ref.slice(COMPONENT_PREFIX.length).includes('/')) {
      const name = fragmentToPointer(ref).slice('/components/schemas/'.length).replace(/~1/g, '/').replace(/~0/g, '~');
      return { $ref: `${this.context.definitionsId(direction)}#/$defs/${this.context.defKeyOf(name)}` };
    }
    // Any other target (inside paths, a property of a component...) is inlined, guarding cycles.
    if (this.inlineStack.has(ref)) {
      this.context.notes.add(pointer, `recursive $ref ${ref} outside components/schemas is not checked below this point`);
      return {};
    }
    this.inlineStack.add(ref);
    try {
      return this.convert(getAtPointer(this.context.document, fragmentToPointer(ref)), fragmentToPointer(ref), direction);
    } finally {
      this.inlineStack.delete(ref);
    }
  }
}

/**
 * Parameters arrive as text and are coerced to each branch's type: `"7"` is both an integer and a string,
 * so `oneOf: [integer, string]` would refuse every number. Exactly-one cannot be judged on text; at least one can.
 */
function textOneOfAsAnyOf(schema: JsonSchema): JsonSchema {
  if (typeof schema !== 'object' || !Array.isArray(schema.oneOf)) return schema;
  const { oneOf, ...rest } = schema;
  return rest.anyOf === undefined ? { ...rest, anyOf: oneOf } : { ...rest, allOf: [...(Array.isArray(rest.allOf) ? rest.allOf : []), { anyOf: oneOf }] };
}

/** A parameter's default as the service's validator coerces it (AJV coerceTypes): "20" -> 20, "false" -> false. */
function coercedLikeText(value: string | number | boolean, schema: Record<string, unknown>): string | number | boolean {
  if (typeof value !== 'string') return value;
  const types = schema.type === undefined ? [] : ([] as unknown[]).concat(schema.type);
  if (types.includes('string')) return value;
  const number = value.trim() === '' ? Number.NaN : Number(value);
  if ((types.includes('integer') && Number.isInteger(number)) || (types.includes('number') && Number.isFinite(number))) return number;
  if (types.includes('boolean') && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

function fitsTypeAndEnum(value: string | number | boolean, schema: Record<string, unknown>): boolean {
  const types = schema.type === undefined ? undefined : ([] as unknown[]).concat(schema.type);
  const type = typeof value === 'number' && Number.isInteger(value) ? ['number', 'integer'] : [typeof value];
  if (types && !types.some((t) => type.includes(t as string))) return false;
  return !Array.isArray(schema.enum) || schema.enum.includes(value);
}

function readTypes(type: unknown): string[] | undefined {
  const list = (Array.isArray(type) ? type : [type])
    .map((t) => (t === 'file' ? 'string' : t))
    .filter((t): t is string => typeof t === 'string' && TYPES.has(t));
  return list.length > 0 ? [...new Set(list)] : undefined;
}

function isScalar(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

const patternCache = new Map<string, boolean>();
function isUsablePattern(pattern: string): boolean {
  let usable = patternCache.get(pattern);
  if (usable === undefined) {
    try {
      new RegExp(pattern, 'u');
      usable = true;
    } catch {
      usable = false;
    }
    patternCache.set(pattern, usable);
  }
  return usable;
}

function uniqueValues<T>(values: readonly T[]): T[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = JSON.stringify(value) ?? 'undefined';
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A schema's text, for use as a key (a schema's verdicts or samples are kept by it). JSON.stringify writes NaN and
 * Infinity (YAML's `.nan`, `.inf`) as null, so schemas differing only there would share a key; here they are written
 * apart, and a string that could be taken for one is escaped. Throws where JSON.stringify throws (a cycle, a BigInt).
 */
export function schemaKey(schema: unknown): string {
  return JSON.stringify(schema, (_key, value: unknown) =>
    typeof value === 'number'
      ? Number.isFinite(value)
        ? value
        : `\u0000${value}`
      : typeof value === 'string' && value.startsWith('\u0000')
        ? `\u0000${value}`
        : value,
  );
}

/** Assign without ever invoking the `__proto__` setter. */
export function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
