/**
 * Which operations are collections that page (the playbook's paging rules):
 * a GET whose success answer is an object holding an array, with a `page`
 * query parameter, or any operation marked `x-paging: true`.
 */
import { fragmentToPointer, getAtPointer } from '../blueprint/pointer.js';
import type { RouteSpec } from './service-model.js';

type Json = Record<string, unknown>;

export interface PagingInput {
  document: unknown;
  method: string;
  operation: Json;
  queryParameterNames: readonly string[];
  /** The success response's JSON schema as written (may be a $ref). */
  successSchema: unknown;
  /** The playbook's envelope key for links, which is never the items array. */
  linksKey: string;
  defaultPageSize: number;
  unpagedMaximum: number;
}

export function detectPaging(input: PagingInput): RouteSpec['paging'] {
  const marked = input.operation['x-paging'];
  if (marked === false) return null;
  if (marked !== true && (input.method !== 'get' || !input.queryParameterNames.includes('page'))) return null;
  const arrays = arrayProperties(input.document, input.successSchema).filter((name) => name !== input.linksKey);
  const itemsKey = arrays[0];
  if (itemsKey === undefined) return null;
  const size = input.operation['x-page-size'];
  return {
    itemsKey,
    pageSize: Number.isInteger(size) && (size as number) > 0 ? (size as number) : input.defaultPageSize,
    unpagedMaximum: input.unpagedMaximum,
  };
}

/** Names of the array-valued properties of an object schema (through $refs and allOf). */
function arrayProperties(document: unknown, schema: unknown, depth = 0): string[] {
  const resolved = resolve(document, schema);
  if (!resolved || typeof resolved !== 'object' || depth > 8) return [];
  const record = resolved as Json;
  const names: string[] = [];
  if (record.properties && typeof record.properties === 'object') {
    for (const [name, property] of Object.entries(record.properties as Json)) {
      const target = resolve(document, property) as Json | undefined;
      if (target?.type === 'array' || (Array.isArray(target?.type) && target.type.includes('array')) || target?.items !== undefined) names.push(name);
    }
  }
  if (Array.isArray(record.allOf)) for (const part of record.allOf) names.push(...arrayProperties(document, part, depth + 1));
  return names;
}

function resolve(document: unknown, value: unknown, depth = 0): unknown {
  if (depth < 20 && value && typeof value === 'object' && typeof (value as Json).$ref === 'string') {
    return resolve(document, getAtPointer(document, fragmentToPointer((value as Json).$ref as string)), depth + 1);
  }
  return value;
}
