/**
 * Paths that differ only in a parameter's name match the same URLs (OpenAPI
 * forbids them), yet real blueprints have them: Xero serves
 * `GET /Contacts/{ContactID}` (a UUID) beside `GET /Contacts/{ContactNumber}`
 * (any text), and tells them apart by the value. When the parameters' schemas
 * do the same (a UUID, an integer, a date or an enum against anything else),
 * the more specific route gets a regular-expression constraint: the router
 * (find-my-way) tries a constrained parameter before a plain one, so each
 * value reaches its operation, and a value neither admits is refused by the
 * plain route's validation. find-my-way takes one constrained variant of a
 * route, so this works for pairs; anything else is refused, naming both.
 */
import { followRefs } from '../blueprint/pointer.js';
import { templateParameterName } from './names.js';
import type { Json } from '../blueprint/openapi.js';

/** What a route of an overlapping group needs to be told apart. */
export interface OverlappingRoute {
  path: string;
  method: string;
  item: Json;
  operation: Json;
}

/** For each route of the group (same order): parameter name -> the value pattern it must match (no entry: any value). */
export type RouteConstraints = Array<Map<string, string>>;

const WHOLE_VALUE_CLASSES: Array<{ test: (schema: Json) => boolean; pattern: string }> = [
  { test: (schema) => schema.format === 'uuid', pattern: '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}' },
  { test: (schema) => schema.format === 'date', pattern: '[0-9]{4}-[0-9]{2}-[0-9]{2}' },
  { test: (schema) => schema.type === 'integer', pattern: '-?[0-9]+' },
];

/** Enum values that are plain URL text can be listed in a pattern as they are; others are not trusted there. */
const PLAIN_VALUE = /^[A-Za-z0-9_~-]+$/;

/** The values a path parameter's schema admits, as a pattern source, or null when it admits any text. */
export function valueClass(schema: unknown, document: unknown): string | null {
  const resolved = followRefs(document, schema) as Json | undefined;
  if (!resolved || typeof resolved !== 'object') return null;
  if (Array.isArray(resolved.enum) && resolved.enum.length > 0 && resolved.enum.every((value) => typeof value === 'string' && PLAIN_VALUE.test(value))) {
    return (resolved.enum as string[]).join('|');
  }
  return WHOLE_VALUE_CLASSES.find((candidate) => candidate.test(resolved))?.pattern ?? null;
}

/** The schema of path parameter `name` (operation level first, then path level), if declared. */
function pathParameterSchema(route: OverlappingRoute, name: string, document: unknown): unknown {
  for (const list of [route.operation.parameters, route.item.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const parameter = followRefs(document, raw) as Json | undefined;
      if (parameter?.in === 'path' && parameter.name === name) return parameter.schema;
    }
  }
  return undefined;
}

function parameterNames(path: string): Array<{ name: string; wholeSegment: boolean }> {
  return [...path.matchAll(/\{([^}]*)\}/g)].map((match) => {
    const following = path.charAt(match.index + match[0].length);
    const preceding = path.charAt(match.index - 1);
    return { name: templateParameterName(match[1]!), wholeSegment: preceding === '/' && (following === '' || following === '/') };
  });
}

/**
 * Constraints that tell the two routes of a group apart, or undefined when
 * their schemas cannot: they must differ at exactly one parameter, in a whole
 * path segment, with value classes that no value belongs to twice.
 */
export function separateOverlappingRoutes(group: readonly OverlappingRoute[], document: unknown): RouteConstraints | undefined {
  if (group.length !== 2) return undefined;
  const params = group.map((route) => parameterNames(route.path.replace(/[#?].*$/s, '')));
  const classes = group.map((route, i) => params[i]!.map(({ name }) => valueClass(pathParameterSchema(route, name, document), document)));
  const positions = classes[0]!.map((_, position) => position);
  const differing = positions.filter((position) => new Set(classes.map((row) => row[position])).size > 1);
  if (differing.length !== 1) return undefined;
  const position = differing[0]!;
  if (!params.every((row) => row[position]!.wholeSegment)) return undefined;
  const atPosition = classes.map((row) => row[position]!);
  if (!pairwiseDisjoint(atPosition.filter((pattern): pattern is string => pattern !== null))) return undefined;
  // One route is constrained (the first that can be); the other takes every other value and validates it.
  const constrained = atPosition.findIndex((pattern) => pattern !== null);
  return group.map((_, i) => new Map(i === constrained ? [[params[i]![position]!.name, atPosition[i]!]] : []));
}

/** Whole-value classes are disjoint by construction; enum values must not fall in another class. */
function pairwiseDisjoint(patterns: readonly string[]): boolean {
  if (new Set(patterns).size !== patterns.length) return false;
  const builtIn = new Set(WHOLE_VALUE_CLASSES.map((candidate) => candidate.pattern));
  for (const pattern of patterns) {
    if (builtIn.has(pattern)) continue;
    for (const value of pattern.split('|')) {
      const others = patterns.filter((other) => other !== pattern);
      if (others.some((other) => new RegExp(`^(?:${other})$`).test(value))) return false;
    }
  }
  return true;
}
