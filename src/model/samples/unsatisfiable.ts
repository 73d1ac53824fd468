/**
 * A structural proof that no value can satisfy a (converted) schema, with the
 * place and the reason: a blueprint that contradicts itself, such as a
 * `pattern` for 36-character UUIDs under `maxLength: 32` on a required
 * property. Only what is cheap and certain counts; anything else is "not
 * proven", never "unsatisfiable". Used by the corpus run to tell blueprints
 * that cannot be answered from failures that are design-first's own.
 */
import { shortestMatch } from '../pattern-length.js';
import type { JsonSchema } from '../json-schema.js';
import type { Json } from '../../blueprint/openapi.js';

export type Resolve = (ref: string) => JsonSchema | undefined;

const MAX_DEPTH = 64;

/** Why nothing is valid for `schema`, naming the place in the value (`/Service/ServiceId`), or undefined when not proven. */
export function unsatisfiable(schema: JsonSchema | undefined, resolve: Resolve, place = '', seen = new Set<object>()): string | undefined {
  if (schema === false) return `${place || '/'}: the schema allows nothing`;
  if (schema === undefined || schema === true || seen.size > MAX_DEPTH) return undefined;
  if (typeof schema.$ref === 'string') {
    const target = resolve(schema.$ref);
    if (target === undefined || (typeof target === 'object' && seen.has(target))) return undefined;
    return unsatisfiable(target, resolve, place, new Set([...seen, ...(typeof target === 'object' ? [target] : [])]));
  }
  const at = place || '/';
  const type = onlyType(schema);
  if (type === 'string') {
    const max = typeof schema.maxLength === 'number' ? schema.maxLength : Infinity;
    if (typeof schema.minLength === 'number' && schema.minLength > max) return `${at}: minLength ${schema.minLength} is above maxLength ${max}`;
    const shortest = typeof schema.pattern === 'string' ? shortestMatch(schema.pattern) : undefined;
    if (shortest !== undefined && shortest > max) return `${at}: pattern ${schema.pattern} matches only strings of ${shortest} characters or more, but maxLength is ${max}`;
  }
  if ((type === 'number' || type === 'integer') && typeof schema.minimum === 'number' && typeof schema.maximum === 'number' && schema.minimum > schema.maximum) {
    return `${at}: minimum ${schema.minimum} is above maximum ${schema.maximum}`;
  }
  const parts = Array.isArray(schema.allOf) ? (schema.allOf as JsonSchema[]) : [];
  for (const part of parts) {
    const reason = unsatisfiable(part, resolve, place, seen);
    if (reason) return reason;
  }
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = Array.isArray(schema[key]) ? (schema[key] as JsonSchema[]) : [];
    const reasons = branches.map((branch) => unsatisfiable(branch, resolve, place, seen));
    if (branches.length > 0 && reasons.every(Boolean)) return `${at}: no branch of ${key} can be met (${reasons[0]})`;
  }
  // `required` binds objects only: it proves something only when the value must be an object.
  const resolvedParts = parts.map((part) => resolved(part, resolve));
  if (type === 'object' || resolvedParts.some((part) => onlyType(part) === 'object')) {
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set([schema, ...resolvedParts].flatMap((part) => (Array.isArray(part.required) ? part.required : [])));
    for (const name of required) {
      if (typeof name !== 'string') continue;
      const declared = Object.prototype.hasOwnProperty.call(properties, name);
      if (!declared && schema.additionalProperties === false && schema.patternProperties === undefined) {
        return `${at}: requires property '${name}' but additionalProperties is false and ${name} is not among its properties`;
      }
      if (!declared) continue;
      const reason = unsatisfiable(properties[name], resolve, `${place}/${name}`, seen);
      if (reason) return reason;
    }
  }
  if (type === 'array' && typeof schema.minItems === 'number' && schema.minItems > 0 && schema.items !== undefined) {
    return unsatisfiable(schema.items as JsonSchema, resolve, `${place}/0`, seen);
  }
  return undefined;
}

/** The one type a schema allows, when it names exactly one. */
function onlyType(schema: Json): string | undefined {
  const types = ([] as unknown[]).concat(schema.type ?? []);
  return types.length === 1 && typeof types[0] === 'string' ? types[0] : undefined;
}

function resolved(schema: JsonSchema, resolve: Resolve): Json {
  let current: JsonSchema | undefined = schema;
  for (let depth = 0; depth < 16 && typeof current === 'object' && typeof current.$ref === 'string'; depth++) current = resolve(current.$ref);
  return typeof current === 'object' ? current : {};
}
