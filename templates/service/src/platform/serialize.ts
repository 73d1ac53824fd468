/**
 * Responses are serialised from their schemas: a projection keeps exactly the
 * properties the blueprint declares (undeclared ones never leave the service,
 * `writeOnly` ones were removed from response schemas when generating), then
 * JSON.stringify writes it.
 *
 * Why not fast-json-stringify (Fastify's default): with the shared component
 * definitions real blueprints need (GitHub: 845 routes, Stripe: deeply
 * recursive schemas), it re-processes the definitions for every route and a
 * service took minutes and gigabytes to start. A projection is compiled lazily,
 * once per schema node, so start-up costs nothing and recursion is free.
 */
import type { FastifyInstance } from 'fastify';
import { safeRegExp } from './regexp.js';
import type { JsonSchema, VersionModule } from './version-module.js';

type Projection = (value: unknown) => unknown;

const identity: Projection = (value) => value;

export function installSerialization(app: FastifyInstance, versions: readonly VersionModule[]): void {
  const documents = new Map<string, Record<string, JsonSchema>>();
  for (const version of versions) documents.set(version.definitions.response.$id, version.definitions.response.$defs);
  const compiler = new ProjectionCompiler(documents);
  app.setSerializerCompiler(({ schema }) => {
    const project = compiler.compile(schema as JsonSchema);
    return (data: unknown) => JSON.stringify(project(data));
  });
}

export class ProjectionCompiler {
  private readonly cache = new WeakMap<object, Projection>();

  constructor(private readonly documents: ReadonlyMap<string, Record<string, JsonSchema>>) {}

  compile(schema: JsonSchema | undefined): Projection {
    if (schema === undefined || typeof schema !== 'object' || schema === null) return identity;
    const cached = this.cache.get(schema);
    if (cached) return cached;
    // A placeholder first, so a recursive schema compiles to a function that calls itself.
    let built: Projection = identity;
    this.cache.set(schema, (value) => built(value));
    built = this.build(schema);
    this.cache.set(schema, built);
    return built;
  }

  private build(schema: Record<string, unknown>): Projection {
    if (typeof schema.$ref === 'string') return this.compile(this.resolve(schema.$ref));
    const branches = [schema.allOf, schema.anyOf, schema.oneOf].filter(Array.isArray).flat() as JsonSchema[];
    const own = this.buildOwn(schema);
    if (branches.length === 0) return own;
    // Composition: a value keeps what any branch declares (and what the schema itself declares).
    // Branches that declare no shape (`{ required: [...] }`, a description) keep only the properties they require;
    // when nothing declares a shape, the value is free-form and kept as it is.
    const parts: Projection[] = [hasShape(schema) ? own : keepOnly(requiredOf(schema))];
    for (const branch of branches) {
      const resolved = this.resolved(branch);
      parts.push(declaresShape(resolved) ? this.compile(branch) : keepOnly(requiredOf(resolved)));
    }
    if (!hasShape(schema) && !branches.some((branch) => declaresShape(this.resolved(branch)))) return identity;
    // Each part keeps a subset of the value; their union (objects by key, arrays item by item) is what leaves.
    return (value) => parts.map((part) => part(value)).reduce(union) ?? value;
  }

  private buildOwn(schema: Record<string, unknown>): Projection {
    const properties = isPlainObject(schema.properties) ? (schema.properties as Record<string, JsonSchema>) : undefined;
    const items = schema.items as JsonSchema | undefined;
    const prefixItems = Array.isArray(schema.prefixItems) ? (schema.prefixItems as JsonSchema[]) : undefined;
    if (!properties && items === undefined && !prefixItems && !isPlainObject(schema.additionalProperties)) return identity;

    // A property whose schema is `false` (writeOnly, in responses) is never sent.
    const declared = properties ? Object.keys(properties).filter((key) => properties[key] !== false).map((key) => [key, this.compile(properties[key])] as const) : [];
    // A property the schema requires without describing it is declared all the same (any value): it leaves as it is.
    const undescribed = requiredOf(schema).filter((name) => !properties || !Object.prototype.hasOwnProperty.call(properties, name));
    for (const name of undescribed) declared.push([name, identity]);
    const extra = schema.additionalProperties;
    // With declared properties, extra ones leave only when the blueprint allows them explicitly.
    const keepExtra = properties ? extra === true || isPlainObject(extra) : extra !== false;
    const projectExtra = isPlainObject(extra) ? this.compile(extra as JsonSchema) : identity;
    const patterns = isPlainObject(schema.patternProperties)
      ? Object.entries(schema.patternProperties as Record<string, JsonSchema>).map(([pattern, sub]) => [safeRegExp(pattern, 'u'), this.compile(sub)] as const)
      : [];
    const projectItem = items === undefined ? identity : this.compile(items);
    const prefix = prefixItems?.map((item) => this.compile(item)) ?? [];

    return (value) => {
      if (Array.isArray(value)) return value.map((item, index) => (index < prefix.length ? prefix[index]!(item) : projectItem(item)));
      if (!isPlainObject(value)) return value;
      const out: Record<string, unknown> = {};
      for (const [key, project] of declared) {
        if (Object.prototype.hasOwnProperty.call(value, key) && value[key] !== undefined) assign(out, key, project(value[key]));
      }
      if (keepExtra || patterns.length > 0) {
        for (const key of Object.keys(value)) {
          if (value[key] === undefined || (properties && Object.prototype.hasOwnProperty.call(properties, key)) || undescribed.includes(key)) continue;
          const pattern = patterns.find(([regexp]) => regexp.test(key));
          if (pattern) assign(out, key, pattern[1](value[key]));
          else if (keepExtra) assign(out, key, projectExtra(value[key]));
        }
      }
      return out;
    };
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
function keepOnly(names: readonly string[]): Projection {
  return (value) => {
    if (!isPlainObject(value)) return undefined;
    const out: Record<string, unknown> = {};
    for (const name of names) if (Object.prototype.hasOwnProperty.call(value, name) && value[name] !== undefined) assign(out, name, value[name]);
    return out;
  };
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
