/**
 * Schema Objects -> TypeNode trees: the TypeScript types of a service, decided
 * here and printed (with escaping) by render/ts-printer.ts. Types follow what a
 * handler may rely on: readOnly and writeOnly properties are optional, because
 * each is absent in one direction; `nullable` and 3.1 `null` types add `| null`.
 */
import { hasSchemaFlag } from '../blueprint/openapi.js';
import { fragmentToPointer, getAtPointer } from '../blueprint/pointer.js';

export type TypeNode =
  | { kind: 'primitive'; name: 'string' | 'number' | 'boolean' | 'null' | 'unknown' | 'never' | 'undefined' | 'Buffer' }
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'ref'; name: string }
  | { kind: 'array'; items: TypeNode }
  | { kind: 'object'; properties: PropertyNode[]; additional: TypeNode | undefined }
  | { kind: 'union'; members: TypeNode[] }
  | { kind: 'intersection'; members: TypeNode[] };

export interface PropertyNode {
  name: string;
  optional: boolean;
  type: TypeNode;
  description: string | undefined;
}

export const UNKNOWN: TypeNode = { kind: 'primitive', name: 'unknown' };
const MAX_ENUM_LITERALS = 500;
const MAX_DEPTH = 40;

export interface TypeContext {
  document: unknown;
  /** Component schema name -> its exported type name. */
  typeNameOf(componentName: string): string;
}

const COMPONENT_PREFIX = '#/components/schemas/';

export function schemaToType(schema: unknown, context: TypeContext, depth = 0, seen: ReadonlySet<string> = new Set()): TypeNode {
  if (schema === true || schema === undefined) return UNKNOWN;
  if (schema === false) return { kind: 'primitive', name: 'never' };
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema) || depth > MAX_DEPTH) return UNKNOWN;
  const record = schema as Record<string, unknown>;

  if (typeof record.$ref === 'string') {
    const ref = record.$ref;
    let target: TypeNode;
    if (ref.startsWith(COMPONENT_PREFIX) && !ref.slice(COMPONENT_PREFIX.length).includes('/')) {
      const name = fragmentToPointer(ref).slice('/components/schemas/'.length).replace(/~1/g, '/').replace(/~0/g, '~');
      target = { kind: 'ref', name: context.typeNameOf(name) };
    } else if (seen.has(ref) || !ref.startsWith('#')) {
      target = UNKNOWN;
    } else {
      target = schemaToType(getAtPointer(context.document, fragmentToPointer(ref)), context, depth + 1, new Set([...seen, ref]));
    }
    return record.nullable === true ? union([target, NULL]) : target;
  }

  const nullable = record.nullable === true;
  const next = (value: unknown) => schemaToType(value, context, depth + 1, seen);
  let node: TypeNode;

  if ('const' in record) {
    node = literalOrUnknown(record.const);
  } else if (Array.isArray(record.enum) && record.enum.length > 0 && record.enum.length <= MAX_ENUM_LITERALS && record.enum.every(isLiteral)) {
    node = union(record.enum.map((value) => ({ kind: 'literal', value }) as TypeNode));
  } else if (Array.isArray(record.allOf) && record.allOf.length > 0 && !hasOwnShape(record)) {
    node = intersection(record.allOf.map(next));
  } else if (Array.isArray(record.oneOf ?? record.anyOf) && !hasOwnShape(record)) {
    node = union(((record.oneOf ?? record.anyOf) as unknown[]).map(next));
  } else {
    const types = Array.isArray(record.type) ? record.type : record.type === undefined ? inferTypes(record) : [record.type];
    node = union(types.map((type) => typeFor(String(type), record, context, depth, seen)));
    const composed = [record.allOf, record.oneOf ?? record.anyOf].filter(Array.isArray) as unknown[][];
    if (composed.length > 0 && hasOwnShape(record)) {
      node = intersection([node, ...composed.map((list, i) => (i === 0 && list === record.allOf ? intersection(list.map(next)) : union(list.map(next))))]);
    }
  }
  return nullable ? union([node, NULL]) : node;
}

const NULL: TypeNode = { kind: 'primitive', name: 'null' };

function typeFor(type: string, record: Record<string, unknown>, context: TypeContext, depth: number, seen: ReadonlySet<string>): TypeNode {
  const next = (value: unknown) => schemaToType(value, context, depth + 1, seen);
  switch (type) {
    case 'string':
    case 'file':
      return { kind: 'primitive', name: 'string' };
    case 'integer':
    case 'number':
      return { kind: 'primitive', name: 'number' };
    case 'boolean':
      return { kind: 'primitive', name: 'boolean' };
    case 'null':
      return NULL;
    case 'array':
      return { kind: 'array', items: Array.isArray(record.items) ? union(record.items.map(next)) : next(record.items) };
    case 'object':
      return objectType(record, context, depth, seen);
    default:
      return UNKNOWN;
  }
}

function objectType(record: Record<string, unknown>, context: TypeContext, depth: number, seen: ReadonlySet<string>): TypeNode {
  const next = (value: unknown) => schemaToType(value, context, depth + 1, seen);
  const required = new Set(Array.isArray(record.required) ? record.required.filter((name) => typeof name === 'string') : []);
  const properties: PropertyNode[] = [];
  const declared = record.properties && typeof record.properties === 'object' ? Object.entries(record.properties as Record<string, unknown>) : [];
  for (const [name, property] of declared) {
    const flagged = hasSchemaFlag(context.document, property, 'readOnly') || hasSchemaFlag(context.document, property, 'writeOnly');
    const description = property && typeof property === 'object' ? (property as { description?: unknown }).description : undefined;
    properties.push({
      name,
      optional: !required.has(name) || flagged,
      type: next(property),
      description: typeof description === 'string' ? description : undefined,
    });
  }
  const extra = record.additionalProperties;
  let additional: TypeNode | undefined;
  if (extra === false) additional = undefined;
  else if (extra !== undefined && extra !== true) additional = properties.length === 0 ? next(extra) : UNKNOWN;
  else if (properties.length === 0) additional = UNKNOWN;
  return { kind: 'object', properties, additional };
}

function inferTypes(record: Record<string, unknown>): string[] {
  if (record.properties || record.additionalProperties !== undefined) return ['object'];
  if (record.items) return ['array'];
  return ['unknown'];
}

function hasOwnShape(record: Record<string, unknown>): boolean {
  return record.type !== undefined || record.properties !== undefined;
}

function isLiteral(value: unknown): value is string | number | boolean | null {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

function literalOrUnknown(value: unknown): TypeNode {
  return isLiteral(value) ? { kind: 'literal', value } : UNKNOWN;
}

export function union(members: TypeNode[]): TypeNode {
  const flat = members.flatMap((member) => (member.kind === 'union' ? member.members : [member]));
  if (flat.some((member) => member.kind === 'primitive' && member.name === 'unknown')) return UNKNOWN;
  const unique = dedupe(flat);
  return unique.length === 1 ? unique[0]! : unique.length === 0 ? { kind: 'primitive', name: 'never' } : { kind: 'union', members: unique };
}

export function intersection(members: TypeNode[]): TypeNode {
  const useful = dedupe(members.filter((member) => !(member.kind === 'primitive' && member.name === 'unknown')));
  return useful.length === 0 ? UNKNOWN : useful.length === 1 ? useful[0]! : { kind: 'intersection', members: useful };
}

function dedupe(members: TypeNode[]): TypeNode[] {
  if (members.length < 2) return members;
  const seen = new Set<string>();
  return members.filter((member) => {
    const key = typeKey(member);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const TYPE_KEYS = new WeakMap<TypeNode, string>();

/**
 * A text that two nodes share exactly when they are the same type (their JSON), remembered per node:
 * unions nest, and writing each member out again at every level cost Stripe's types a quarter of a second.
 */
function typeKey(node: TypeNode): string {
  let key = TYPE_KEYS.get(node);
  if (key !== undefined) return key;
  switch (node.kind) {
    case 'primitive':
    case 'literal':
    case 'ref':
      key = JSON.stringify(node);
      break;
    case 'array':
      key = `{"kind":"array","items":${typeKey(node.items)}}`;
      break;
    case 'union':
    case 'intersection':
      key = `{"kind":${JSON.stringify(node.kind)},"members":[${node.members.map(typeKey).join(',')}]}`;
      break;
    case 'object':
      key =
        `{"kind":"object","properties":[${node.properties
          .map(
            (p) =>
              `{"name":${JSON.stringify(p.name)},"optional":${p.optional},"type":${typeKey(p.type)},"description":${JSON.stringify(p.description ?? null)}}`,
          )
          .join(',')}]` + `,"additional":${node.additional === undefined ? 'null' : typeKey(node.additional)}}`;
      break;
  }
  TYPE_KEYS.set(node, key);
  return key;
}
