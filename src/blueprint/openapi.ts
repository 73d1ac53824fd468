/**
 * Guards and small facts about OpenAPI values. Real documents hold every odd
 * shape (strings where objects belong, arrays for maps, nulls), so rules read
 * through these and never assume.
 */
import { escapeSegment, fragmentToPointer, getAtPointer } from './pointer.js';

export type Json = Record<string, unknown>;

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** The value as a plain object, or undefined. */
export function asObject(value: unknown): Json | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Own enumerable entries whose values are objects. */
export function objectEntries(value: unknown): Array<[string, Json]> {
  const object = asObject(value);
  if (!object) return [];
  const entries: Array<[string, Json]> = [];
  for (const key of Object.keys(object)) {
    const child = asObject(object[key]);
    if (child) entries.push([key, child]);
  }
  return entries;
}

/** `pointer/key`, escaping only when the key needs it (the walk builds many of these). */
export function child(pointer: string, key: string | number): string {
  const text = String(key);
  return `${pointer}/${text.includes('~') || text.includes('/') ? escapeSegment(text) : text}`;
}

export function isRef(value: Json): boolean {
  return typeof value.$ref === 'string';
}

/** Media type without parameters, lower-cased: `application/json; charset=utf-8` -> `application/json`. */
export function baseMediaType(mediaType: string): string {
  return mediaType.split(';')[0]!.trim().toLowerCase();
}

/**
 * JSON-like media types: application/json, application/problem+json,
 * application/vnd.x+json, the legacy text/json, and the ranges that admit JSON
 * (`*\/*`, `application/*`). Lint, model and diff read media types through
 * this one rule; the generated service keeps a copy (platform/media-type.ts)
 * that test/seams checks against it.
 */
export function isJsonMediaType(mediaType: string): boolean {
  const base = baseMediaType(mediaType);
  return base === 'application/json' || base.endsWith('+json') || base === 'text/json' || base === '*/*' || base === 'application/*';
}

/** The types a schema admits: its `type` (string or 3.1 array), else inferred from `properties` or `items`. */
export function schemaTypes(schema: Json): Set<string> {
  const type = schema.type;
  if (typeof type === 'string') return new Set([type]);
  if (Array.isArray(type)) return new Set(type.filter((t): t is string => typeof t === 'string'));
  const inferred = new Set<string>();
  if (asObject(schema.properties) || schema.additionalProperties !== undefined) inferred.add('object');
  if (schema.items !== undefined) inferred.add('array');
  return inferred;
}

/** A schema that admits lists (`type: array`, a 3.1 type list holding `array`, or `items` with no type). */
export function isListSchema(schema: Json | undefined): boolean {
  return schema !== undefined && schemaTypes(schema).has('array');
}

/** A schema that admits lists and not objects. */
export function isArraySchema(schema: Json): boolean {
  const types = schemaTypes(schema);
  return types.has('array') && !types.has('object');
}

/** Status keys: `200`, `2XX`, `default`. */
export function statusClass(status: string): number | 'default' | undefined {
  if (status === 'default') return 'default';
  const match = /^([1-5])(\d\d|XX)$/i.exec(status);
  return match ? Number(match[1]) : undefined;
}

export function isErrorStatus(status: string): boolean {
  const statusKind = statusClass(status);
  return statusKind === 4 || statusKind === 5 || statusKind === 'default';
}

/** `x-audience` on `info` or at the top: `internal`, `external`, or undefined. */
export function audienceOf(document: unknown): 'internal' | 'external' | undefined {
  const root = asObject(document);
  const value = asObject(root?.info)?.['x-audience'] ?? root?.['x-audience'];
  const text = typeof value === 'string' ? value.toLowerCase() : undefined;
  return text === 'internal' || text === 'external' ? text : undefined;
}

/** Literal segments of a path template, with their positions; template segments are `{...}`. */
export function pathSegments(path: string): string[] {
  return path.split('/').slice(1);
}

export function isTemplateSegment(segment: string): boolean {
  return /^\{[^{}]*\}$/.test(segment);
}

/** `v1`, `v2.1`, `v1beta2`: a version segment, not a resource. */
export function isVersionSegment(segment: string): boolean {
  return /^v\d+([.\-_]?\d+)*([a-z]+\d*)?$/i.test(segment);
}

/**
 * `readOnly: true` / `writeOnly: true` on a schema or on what its local `$ref`s
 * lead to: a read-only property is never sent in a request, a write-only one
 * never appears in a response.
 */
export function hasSchemaFlag(document: unknown, schema: unknown, flag: 'readOnly' | 'writeOnly'): boolean {
  let current = asObject(schema);
  // Each hop may carry the flag beside its `$ref` (3.1); at most 8 hops, so a cycle ends.
  for (let hops = 0; current && hops <= 8; hops++) {
    if (current[flag] === true) return true;
    if (typeof current.$ref !== 'string' || !current.$ref.startsWith('#')) return false;
    current = asObject(followRef(document, current.$ref));
  }
  return false;
}

function followRef(document: unknown, ref: string): unknown {
  return getAtPointer(document, fragmentToPointer(ref));
}
