/**
 * A structural proof that no value can satisfy a schema, with the place and
 * the reason: a blueprint that contradicts itself, such as a `pattern` for
 * 36-character UUIDs under `maxLength: 32` on a required property. Only what
 * is cheap and certain counts; anything else is "not proven", never
 * "unsatisfiable".
 *
 * It reads plain schemas: the model's converted JSON Schemas (the corpus run
 * tells blueprints that cannot be answered from its own failures) and the
 * blueprint's own OpenAPI schemas (lint's `no-unsatisfiable-schemas`), where a
 * 3.0 `nullable: true` admits `null` and so is never proven unsatisfiable.
 */
import { shortestMatch } from './pattern-length.js';

type Json = Record<string, unknown>;
export type SchemaValue = Json | boolean;
export type Resolve = (ref: string) => SchemaValue | undefined;

const MAX_DEPTH = 64;
const TYPES = ['string', 'number', 'integer', 'boolean', 'null', 'array', 'object'] as const;

/**
 * Answers already worked out, per schema object, relative to the schema (`/: …`, `/Id: …`).
 * Lint asks about every schema of a document, and most are reached again
 * through the required properties of others; a cycle cut short is cached as
 * "not proven", which is always safe.
 */
export type UnsatisfiableMemo = WeakMap<object, string | null>;

/** Why nothing is valid for `schema`, naming the place in the value (`/Service/ServiceId`), or undefined when not proven. */
export function unsatisfiable(
  schema: SchemaValue | undefined,
  resolve: Resolve,
  place = '',
  seen = new Set<object>(),
  memo?: UnsatisfiableMemo,
): string | undefined {
  if (memo === undefined || typeof schema !== 'object') return prove(schema, resolve, place, seen, memo);
  let relative = memo.get(schema);
  if (relative === undefined) {
    relative = prove(schema, resolve, '', seen, memo) ?? null;
    memo.set(schema, relative);
  }
  if (relative === null) return undefined;
  return relative.startsWith('/: ') ? `${place || '/'}${relative.slice(1)}` : `${place}${relative}`;
}

function prove(schema: SchemaValue | undefined, resolve: Resolve, place: string, seen: Set<object>, memo: UnsatisfiableMemo | undefined): string | undefined {
  if (schema === false) return `${place || '/'}: the schema allows nothing`;
  if (schema === undefined || schema === true || seen.size > MAX_DEPTH) return undefined;
  if (typeof schema.$ref === 'string') {
    const target = resolve(schema.$ref);
    if (target === undefined || (typeof target === 'object' && seen.has(target))) return undefined;
    return unsatisfiable(target, resolve, place, new Set([...seen, ...(typeof target === 'object' ? [target] : [])]), memo);
  }
  // OpenAPI 3.0: null satisfies a nullable schema whatever else it says.
  if (schema.nullable === true) return undefined;
  const at = place || '/';
  const type = onlyType(schema);
  if (type === 'string') {
    const max = typeof schema.maxLength === 'number' ? schema.maxLength : Infinity;
    if (typeof schema.minLength === 'number' && schema.minLength > max) return `${at}: minLength ${schema.minLength} is above maxLength ${max}`;
    const shortest = typeof schema.pattern === 'string' ? shortestMatch(schema.pattern) : undefined;
    if (shortest !== undefined && shortest > max)
      return `${at}: pattern ${schema.pattern} matches only strings of ${shortest} characters or more, but maxLength is ${max}`;
  }
  if (
    (type === 'number' || type === 'integer') &&
    typeof schema.minimum === 'number' &&
    typeof schema.maximum === 'number' &&
    schema.minimum > schema.maximum
  ) {
    return `${at}: minimum ${schema.minimum} is above maximum ${schema.maximum}`;
  }
  if (type === 'array' && typeof schema.minItems === 'number' && typeof schema.maxItems === 'number' && schema.minItems > schema.maxItems) {
    return `${at}: minItems ${schema.minItems} is above maxItems ${schema.maxItems}`;
  }
  const parts = Array.isArray(schema.allOf) ? (schema.allOf as SchemaValue[]) : [];
  for (const part of parts) {
    const reason = unsatisfiable(part, resolve, place, seen, memo);
    if (reason) return reason;
  }
  const resolvedParts = parts.map((part) => resolved(part, resolve));
  const own = typesOf(schema);
  for (const part of resolvedParts) {
    const theirs = typesOf(part);
    if (own && theirs && intersect(own, theirs).size === 0)
      return `${at}: type ${[...own].join('/')} and an allOf member's type ${[...theirs].join('/')} have no value in common`;
  }
  const required = new Set(
    [schema, ...resolvedParts].flatMap((part) =>
      Array.isArray(part.required) ? part.required.filter((name): name is string => typeof name === 'string') : [],
    ),
  );
  const mustBeObject = type === 'object' || resolvedParts.some((part) => onlyType(part) === 'object');
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = Array.isArray(schema[key]) ? (schema[key] as SchemaValue[]) : [];
    const reasons = branches.map(
      (branch) => unsatisfiable(branch, resolve, place, seen, memo) ?? conflictWithParent(schema, resolved(branch, resolve), required, resolve, at),
    );
    if (branches.length > 0 && reasons.every(Boolean)) return `${at}: no branch of ${key} can be met (${reasons[0]})`;
  }
  // `required` binds objects only: it proves something only when the value must be an object.
  if (mustBeObject) {
    const properties = (schema.properties ?? {}) as Record<string, SchemaValue>;
    for (const name of required) {
      const declared = Object.hasOwn(properties, name);
      if (!declared && schema.additionalProperties === false && schema.patternProperties === undefined) {
        return `${at}: requires property '${name}' but additionalProperties is false and ${name} is not among its properties`;
      }
      const forbidding = resolvedParts.find((part) => forbids(part, name));
      if (forbidding) {
        return `${at}: requires property '${name}', but an allOf member${describe(forbidding)} allows only its own properties (additionalProperties: false) and ${name} is not one of them`;
      }
      if (!declared) continue;
      const reason = unsatisfiable(properties[name], resolve, `${place}/${name}`, seen, memo);
      if (reason) return reason;
    }
  }
  if (type === 'array' && typeof schema.minItems === 'number' && schema.minItems > 0 && schema.items !== undefined) {
    return unsatisfiable(schema.items as SchemaValue, resolve, `${place}/0`, seen, memo);
  }
  return undefined;
}

/**
 * Properties an `allOf` member forbids although another part of the
 * composition declares them: such a property can never be present (and when
 * required, nothing satisfies the schema, which `unsatisfiable` reports).
 */
export function allOfForbiddenProperties(schema: Json, resolve: Resolve): Array<{ member: number; property: string }> {
  const parts = Array.isArray(schema.allOf) ? (schema.allOf as SchemaValue[]).map((part) => resolved(part, resolve)) : [];
  const conflicts: Array<{ member: number; property: string }> = [];
  parts.forEach((part, member) => {
    if (part.additionalProperties !== false || part.patternProperties !== undefined) return;
    const others = [schema, ...parts.filter((_, i) => i !== member)];
    const names = new Set(others.flatMap((other) => Object.keys((other.properties ?? {}) as Json)));
    for (const property of names) if (forbids(part, property)) conflicts.push({ member, property });
  });
  return conflicts;
}

/** A oneOf/anyOf branch that cannot hold with its parent: disjoint types, or a required property typed apart. */
function conflictWithParent(parent: Json, branch: Json, parentRequired: ReadonlySet<string>, resolve: Resolve, at: string): string | undefined {
  const own = typesOf(parent);
  const theirs = typesOf(branch);
  if (own && theirs && intersect(own, theirs).size === 0)
    return `${at}: type ${[...own].join('/')} and the branch's type ${[...theirs].join('/')} have no value in common`;
  const required = new Set([
    ...parentRequired,
    ...(Array.isArray(branch.required) ? branch.required.filter((name): name is string => typeof name === 'string') : []),
  ]);
  const parentProperties = (parent.properties ?? {}) as Record<string, SchemaValue>;
  const branchProperties = (branch.properties ?? {}) as Record<string, SchemaValue>;
  for (const name of required) {
    if (!Object.hasOwn(parentProperties, name) || !Object.hasOwn(branchProperties, name)) continue;
    const a = typesOf(resolved(parentProperties[name]!, resolve));
    const b = typesOf(resolved(branchProperties[name]!, resolve));
    if (a && b && intersect(a, b).size === 0) return `${at}/${name}: required, of type ${[...a].join('/')}, but the branch wants ${[...b].join('/')}`;
  }
  return undefined;
}

function forbids(part: Json, name: string): boolean {
  return part.additionalProperties === false && part.patternProperties === undefined && !Object.hasOwn((part.properties ?? {}) as Json, name);
}

function describe(part: Json): string {
  return typeof part.title === 'string' ? ` (${part.title})` : '';
}

/** The types a schema admits by its `type` (with 3.0 `nullable`), or undefined when it does not constrain them. */
function typesOf(schema: Json): Set<string> | undefined {
  const listed = ([] as unknown[]).concat(schema.type ?? []).filter((type): type is string => (TYPES as readonly string[]).includes(type as string));
  if (listed.length === 0) return undefined;
  const types = new Set(listed);
  if (schema.nullable === true) types.add('null');
  return types;
}

/** Types in common; `integer` is a kind of `number`. */
function intersect(a: Set<string>, b: Set<string>): Set<string> {
  const common = new Set<string>();
  for (const type of a) {
    if (b.has(type)) common.add(type);
    else if (type === 'integer' && b.has('number')) common.add('integer');
    else if (type === 'number' && b.has('integer')) common.add('integer');
  }
  return common;
}

/** The one type a schema allows, when it names exactly one. */
function onlyType(schema: Json): string | undefined {
  const types = ([] as unknown[]).concat(schema.type ?? []);
  return types.length === 1 && typeof types[0] === 'string' ? types[0] : undefined;
}

function resolved(schema: SchemaValue, resolve: Resolve): Json {
  let current: SchemaValue | undefined = schema;
  for (let depth = 0; depth < 16 && typeof current === 'object' && typeof current.$ref === 'string'; depth++) current = resolve(current.$ref);
  return typeof current === 'object' ? current : {};
}
