/**
 * Responses are serialised from their schemas: only the properties the
 * blueprint declares leave the service (undeclared ones never do, `writeOnly`
 * ones were removed from response schemas when generating).
 *
 * Each schema node compiles to a writer that emits the JSON text of exactly
 * the declared properties in one pass, without copying them into a new object
 * first: the text is, byte for byte, what JSON.stringify writes for the
 * projection of the value (its declared properties copied into a new object),
 * except that NaN and Infinity throw NonFiniteNumber instead of becoming null,
 * which test/model/serialize-differential.test.ts checks against the
 * projection-then-JSON.stringify serialiser this replaced. Composition
 * (allOf/anyOf/oneOf) whose parts keep disjoint, fixed sets of keys is written
 * as one object; any other composition is still projected first (its
 * branches' projections merged, see `union`), then written.
 *
 * Why not fast-json-stringify (Fastify's default): with the shared component
 * definitions real blueprints need (GitHub: 845 routes, Stripe: deeply
 * recursive schemas), it re-processes the definitions for every route and a
 * service took minutes and gigabytes to start. Here a node is compiled lazily,
 * once, and cached, so start-up costs little and recursion is free.
 */
import type { FastifyInstance } from 'fastify';
import { isArrayIndex, isPlainText, writeAny } from './json-text.js';
import { safeRegExp, type RegExpLike } from './regexp.js';
import type { JsonSchema, VersionModule } from './version-module.js';

export { NonFiniteNumber } from './json-text.js';

type Projection = (value: unknown) => unknown;
/**
 * The JSON text of a value found at `key` of its parent (the key is what a `toJSON` method is given), or
 * undefined where JSON.stringify writes nothing (undefined, functions, symbols).
 */
type Writer = (value: unknown, key: string | number) => string | undefined;
/** A compiled schema node: its projection (which composition merges) and its writer. */
interface Compiled {
  project: Projection;
  write: Writer;
  /** The members an object's projection holds, when that is all it holds (no extra properties): composition can merge them. */
  members?: ReadonlyArray<readonly [string, Compiled]> | undefined;
}

const IDENTITY: Compiled = { project: (value) => value, write: writeAny };

export function installSerialization(app: FastifyInstance, versions: readonly VersionModule[]): void {
  const documents = new Map<string, Record<string, JsonSchema>>();
  for (const version of versions) documents.set(version.definitions.response.$id, version.definitions.response.$defs);
  const compiler = new ProjectionCompiler(documents);
  // Undefined only for a body JSON.stringify writes nothing for (undefined, a function), as before; its type said string too.
  app.setSerializerCompiler(({ schema }) => compiler.serializer(schema as JsonSchema) as (data: unknown) => string);
}

export class ProjectionCompiler {
  private readonly cache = new WeakMap<object, Compiled>();

  constructor(private readonly documents: ReadonlyMap<string, Record<string, JsonSchema>>) {}

  /** The value with only what the schema declares. */
  compile(schema: JsonSchema | undefined): Projection {
    return this.node(schema).project;
  }

  /**
   * The JSON text of a response body: what JSON.stringify writes for `compile(schema)(value)`.
   * Compiled when the route first answers, not when it is registered: GitHub's 845 routes would
   * otherwise walk most of their response definitions before the service answers anything.
   */
  serializer(schema: JsonSchema | undefined): (value: unknown) => string | undefined {
    let write: Writer | undefined;
    return (value) => (write ??= this.node(schema).write)(value, '');
  }

  private node(schema: JsonSchema | undefined): Compiled {
    if (schema === undefined || typeof schema !== 'object' || schema === null) return IDENTITY;
    const cached = this.cache.get(schema);
    if (cached) return cached;
    // A placeholder first, so a recursive schema compiles to functions that call themselves.
    let built = IDENTITY;
    this.cache.set(schema, { project: (value) => built.project(value), write: (value, key) => built.write(value, key) });
    built = this.build(schema);
    this.cache.set(schema, built);
    return built;
  }

  private build(schema: Record<string, unknown>): Compiled {
    if (typeof schema.$ref === 'string') return this.node(this.resolve(schema.$ref));
    const branches = [schema.allOf, schema.anyOf, schema.oneOf].filter(Array.isArray).flat() as JsonSchema[];
    const own = this.buildOwn(schema);
    if (branches.length === 0) return own;
    // Composition: a value keeps what any branch declares (and what the schema itself declares).
    // Branches that declare no shape (`{ required: [...] }`, a description) keep only the properties they require;
    // when nothing declares a shape, the value is free-form and kept as it is.
    const parts: Array<Pick<Compiled, 'project' | 'members'>> = [hasShape(schema) ? own : keepOnly(requiredOf(schema))];
    for (const branch of branches) {
      const resolved = this.resolved(branch);
      parts.push(declaresShape(resolved) ? this.node(branch) : keepOnly(requiredOf(resolved)));
    }
    if (!hasShape(schema) && !branches.some((branch) => declaresShape(this.resolved(branch)))) return IDENTITY;
    // Each part keeps a subset of the value; their union (objects by key, arrays item by item) is what leaves.
    const project: Projection = (value) => parts.map((part) => part.project(value)).reduce(union) ?? value;
    // The union of an object's parts that keep fixed, disjoint sets of keys (allOf: [Base, { properties }], the usual case)
    // holds each part's members in turn, as one object schema declaring them all would: written as such, without the union.
    // Anything else (arrays, overlapping keys, extra properties, recursion still compiling) is projected, then written.
    const memberLists = parts.map((part) => part.members);
    const members = memberLists.every((list) => list !== undefined) ? memberLists.flat() : undefined;
    if (!members || new Set(members.map(([key]) => key)).size !== members.length) return { project, write: (value, key) => writeAny(project(value), key) };
    const writeObject = objectWriter(members);
    const mayCopyToJSON = members.some(([key]) => key === 'toJSON');
    const write: Writer = (value, key) =>
      isPlainObject(value) && !(mayCopyToJSON && copiesToJSON(value)) ? writeObject(value) : writeAny(project(value), key);
    return { project, write, members };
  }

  private buildOwn(schema: Record<string, unknown>): Compiled {
    const properties = isPlainObject(schema.properties) ? (schema.properties as Record<string, JsonSchema>) : undefined;
    const items = schema.items as JsonSchema | undefined;
    const prefixItems = Array.isArray(schema.prefixItems) ? (schema.prefixItems as JsonSchema[]) : undefined;
    if (!properties && items === undefined && !prefixItems && !isPlainObject(schema.additionalProperties)) return IDENTITY;

    // A property whose schema is `false` (writeOnly, in responses) is never sent.
    const declared = properties ? Object.keys(properties).filter((key) => properties[key] !== false).map((key) => [key, this.node(properties[key])] as const) : [];
    // A property the schema requires without describing it is declared all the same (any value): it leaves as it is.
    const undescribed = requiredOf(schema).filter((name) => !properties || !Object.prototype.hasOwnProperty.call(properties, name));
    for (const name of undescribed) declared.push([name, IDENTITY]);
    const extra = schema.additionalProperties;
    // With declared properties, extra ones leave only when the blueprint allows them explicitly.
    const keepExtra = properties ? extra === true || isPlainObject(extra) : extra !== false;
    const extraNode = isPlainObject(extra) ? this.node(extra as JsonSchema) : IDENTITY;
    const patterns = isPlainObject(schema.patternProperties)
      ? Object.entries(schema.patternProperties as Record<string, JsonSchema>).map(([pattern, sub]) => [safeRegExp(pattern, 'u'), this.node(sub)] as const)
      : [];
    const itemNode = items === undefined ? IDENTITY : this.node(items);
    const prefix = prefixItems?.map((item) => this.node(item)) ?? [];
    /** Keys that are never extra: every property named (`false` ones too) and the undescribed required ones. */
    const named = new Set([...Object.keys(properties ?? {}), ...undescribed]);
    const writesExtra = keepExtra || patterns.length > 0;

    const project: Projection = (value) => {
      if (Array.isArray(value)) return value.map((item, index) => (index < prefix.length ? prefix[index]! : itemNode).project(item));
      if (!isPlainObject(value)) return value;
      const out: Record<string, unknown> = {};
      for (const [key, node] of declared) {
        if (Object.prototype.hasOwnProperty.call(value, key) && value[key] !== undefined) assign(out, key, node.project(value[key]));
      }
      if (writesExtra) {
        for (const key of Object.keys(value)) {
          if (value[key] === undefined || named.has(key)) continue;
          const pattern = patterns.find(([regexp]) => regexp.test(key));
          if (pattern) assign(out, key, pattern[1].project(value[key]));
          else if (keepExtra) assign(out, key, extraNode.project(value[key]));
        }
      }
      return out;
    };

    const members = [...new Map(declared).entries()];
    const writeObject = objectWriter(members, writesExtra ? { named, patterns, keepExtra, extraNode } : undefined);
    // A copied own `toJSON` method would make JSON.stringify write what it returns: such a (rare) value is projected and written as before.
    const mayCopyToJSON = writesExtra || named.has('toJSON');
    const writeArray = (value: readonly unknown[]): string => {
      let body = '';
      for (let index = 0; index < value.length; index++) {
        const text = (index < prefix.length ? prefix[index]! : itemNode).write(value[index], index) ?? 'null';
        body += index === 0 ? text : ',' + text;
      }
      return '[' + body + ']';
    };
    const write: Writer = (value, key) => {
      if (Array.isArray(value)) return writeArray(value);
      if (!isPlainObject(value)) return writeAny(value, key);
      if (mayCopyToJSON && copiesToJSON(value)) return writeAny(project(value), key);
      return writeObject(value);
    };
    return { project, write, members: writesExtra ? undefined : members };
  }

  /** A schema with its $ref chain followed. */
  private resolved(schema: JsonSchema): Record<string, unknown> {
    let current: JsonSchema | undefined = schema;
    for (let depth = 0; depth < 32 && typeof current === 'object' && current !== null && typeof current.$ref === 'string'; depth++) {
      current = this.resolve(current.$ref);
    }
    return typeof current === 'object' && current !== null ? current : {};
  }

  private resolve(ref: string): JsonSchema | undefined {
    const hash = ref.indexOf('#/$defs/');
    if (hash < 0) return undefined;
    const defs = this.documents.get(ref.slice(0, hash));
    const key = decodeURIComponent(ref.slice(hash + '#/$defs/'.length)).replace(/~1/g, '/').replace(/~0/g, '~');
    return defs && Object.prototype.hasOwnProperty.call(defs, key) ? defs[key] : undefined;
  }
}

/** Keeps only the named properties of an object, as they are; says nothing (undefined) about anything else. */
function keepOnly(names: readonly string[]): Pick<Compiled, 'project' | 'members'> {
  const project: Projection = (value) => {
    if (!isPlainObject(value)) return undefined;
    const out: Record<string, unknown> = {};
    for (const name of names) if (Object.prototype.hasOwnProperty.call(value, name) && value[name] !== undefined) assign(out, name, value[name]);
    return out;
  };
  return { project, members: [...new Set(names)].map((name) => [name, IDENTITY] as const) };
}

interface Extras {
  /** Keys that are never extra. */
  named: ReadonlySet<string>;
  patterns: ReadonlyArray<readonly [RegExpLike, Compiled]>;
  keepExtra: boolean;
  extraNode: Compiled;
}

/**
 * Writes an object's declared members (each `"key":` text made once), then its extra ones. An object lists keys
 * that are array indices ("0", "7") first, in ascending order, then the others in the order they were added:
 * the projection's copy did, so JSON.stringify wrote them so, and so does this.
 */
function objectWriter(members: ReadonlyArray<readonly [string, Compiled]>, extras?: Extras): (value: Record<string, unknown>) => string {
  const fields = members.map(([key, node]): Field => {
    const text = JSON.stringify(key) + ':';
    return { key, text, first: '{' + text, next: ',' + text, firstQuote: '{' + text + '"', nextQuote: ',' + text + '"', write: node.write, keptAsIs: node.write === writeAny };
  });
  const indexFields = fields.filter((field) => isArrayIndex(field.key)).sort((a, b) => Number(a.key) - Number(b.key));
  const nameFields = fields.filter((field) => !isArrayIndex(field.key));
  const mayAlign = extras === undefined && indexFields.length === 0;
  return (value) => {
    // The usual answer holds its declared properties, some perhaps missing, in the declared order, and nothing else:
    // its keys are compared with the declared ones and its values read in one go, instead of one lookup by name each.
    if (mayAlign) {
      const keys = Object.keys(value);
      if (keys.length <= nameFields.length && holdsInOrder(value, keys, nameFields)) return writeAligned(keys, Object.values(value), nameFields);
    }
    let body = '';
    let indexed: Array<[number, string]> | undefined;
    for (const field of indexFields) {
      const item = value[field.key];
      if (item === undefined || !Object.hasOwn(value, field.key)) continue;
      const text = field.write(item, field.key);
      if (text !== undefined) (indexed ??= []).push([Number(field.key), field.text + text]);
    }
    for (const field of nameFields) {
      const item = value[field.key];
      if (item === undefined || !Object.hasOwn(value, field.key)) continue;
      const text = field.write(item, field.key);
      if (text !== undefined) body += body === '' ? field.text + text : ',' + field.text + text;
    }
    if (extras) {
      for (const key of Object.keys(value)) {
        const item = value[key];
        if (item === undefined || extras.named.has(key)) continue;
        const node = extras.patterns.find(([regexp]) => regexp.test(key))?.[1] ?? (extras.keepExtra ? extras.extraNode : undefined);
        const text = node?.write(item, key);
        if (text === undefined) continue;
        if (isArrayIndex(key)) (indexed ??= []).push([Number(key), JSON.stringify(key) + ':' + text]);
        else body += body === '' ? JSON.stringify(key) + ':' + text : ',' + JSON.stringify(key) + ':' + text;
      }
    }
    if (indexed) body = [...indexed.sort((a, b) => a[0] - b[0]).map((member) => member[1]), ...(body === '' ? [] : [body])].join(',');
    return '{' + body + '}';
  };
}

interface Field {
  key: string;
  /** `"key":` */
  text: string;
  /** `{"key":` and `,"key":`: the member's text as the object's first member or a later one, made once. */
  first: string;
  next: string;
  /** The same with the opening quote of a string value. */
  firstQuote: string;
  nextQuote: string;
  write: Writer;
  /** Written as JSON.stringify writes it (no schema of its own to follow): a plain string is written in place. */
  keptAsIs: boolean;
}

/**
 * The object's own enumerable keys are some of the fields' keys, in the fields' order, and no field it lacks
 * there is an own property all the same (a non-enumerable one, which the projection kept).
 */
function holdsInOrder(value: Record<string, unknown>, keys: readonly string[], fields: readonly Field[]): boolean {
  let at = 0;
  for (const field of fields) {
    if (keys[at] === field.key) at += 1;
    else if (Object.hasOwn(value, field.key)) return false;
  }
  return at === keys.length;
}

/**
 * The members of an object that holdsInOrder, from its values in its key order. The text grows by one join per
 * member (the member's `,"key":` made once, then its value; a plain string between its quotes), not one per piece:
 * every join is a string the writer allocates, and this is the path of nearly every object a service answers.
 */
function writeAligned(keys: readonly string[], values: readonly unknown[], fields: readonly Field[]): string {
  let json = '';
  let at = 0;
  for (const field of fields) {
    if (keys[at] !== field.key) continue;
    const item = values[at++];
    if (item === undefined) continue;
    if (field.keptAsIs && typeof item === 'string' && isPlainText(item)) {
      json = json === '' ? field.firstQuote + item + '"' : json + field.nextQuote + item + '"';
      continue;
    }
    const text = field.write(item, field.key);
    if (text !== undefined) json = json === '' ? field.first + text : json + field.next + text;
  }
  return json === '' ? '{}' : json + '}';
}

/** Has an own `toJSON` method, which a copy of the object would carry. */
function copiesToJSON(value: Record<string, unknown>): boolean {
  return typeof value.toJSON === 'function' && Object.hasOwn(value, 'toJSON');
}

function requiredOf(schema: Record<string, unknown>): string[] {
  return Array.isArray(schema.required) ? schema.required.filter((name): name is string => typeof name === 'string') : [];
}

/** Two projections of one value merged: objects keep the keys of both, arrays merge item by item, anything else is the first. */
function union(a: unknown, b: unknown): unknown {
  if (a === undefined) return b;
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) return a.map((item, index) => union(item, b[index]));
  if (!isPlainObject(a) || !isPlainObject(b)) return a;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(a)) assign(out, key, Object.prototype.hasOwnProperty.call(b, key) ? union(a[key], b[key]) : a[key]);
  for (const key of Object.keys(b)) if (!Object.prototype.hasOwnProperty.call(a, key)) assign(out, key, b[key]);
  return out;
}

/** Declares properties or items itself or through composition: a branch that can keep something. */
function declaresShape(schema: Record<string, unknown>): boolean {
  return hasShape(schema) || ['allOf', 'anyOf', 'oneOf', 'prefixItems', 'patternProperties'].some((key) => schema[key] !== undefined);
}

function hasShape(schema: Record<string, unknown>): boolean {
  return schema.properties !== undefined || schema.items !== undefined || schema.additionalProperties !== undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !Buffer.isBuffer(value);
}

/** `out[key] = value` that never triggers the `__proto__` setter. */
function assign(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}
