/**
 * Which operations are collections that page (the playbook's paging rules):
 * a GET whose success answer is an object holding an array, with a `page`
 * query parameter, or any operation marked `x-paging: true`.
 *
 * For those, the model decides everything the platform needs to answer with
 * the envelope (`{ Page, <Items>, Links }`): which status carries it, the
 * items' key and type, the page sizes, and the links the blueprint declares on
 * the success response (`x-links`, or OpenAPI Link Objects). docs/paging.md
 * describes what is supported.
 */
import { isListSchema, type Json } from '../blueprint/openapi.js';
import { childPointer, followRefs, fragmentToPointer } from '../blueprint/pointer.js';
import { templateParameterName } from './names.js';
import type { LinkSpec, LinkValue, PagingSpec } from './route-contract.js';
import { schemaToType, UNKNOWN, type TypeContext, type TypeNode } from './type-node.js';

export type { LinkSpec, LinkValue, PagingSpec } from './route-contract.js';

/** What templates need (OperationModel.paging): the envelope's status and the type of one item. */
export interface PagingModel {
  status: number;
  itemType: TypeNode;
}

export interface PagingInput {
  document: unknown;
  method: string;
  operation: Json;
  /** JSON pointer of the operation, for notes. */
  pointer: string;
  queryParameterNames: readonly string[];
  /** [name in the route, name in the blueprint] of the operation's path parameters. */
  pathParams: ReadonlyArray<[string, string]>;
  /** The status the success answer has (a literal 2xx when paging can apply). */
  successStatus: number;
  /** The success response's JSON schema as written (may be a $ref). */
  successSchema: unknown;
  /** The playbook's envelope key names; `links` is never the items array. */
  envelope: { page: string; links: string; rel: string; href: string; type: string };
  defaultPageSize: number;
  unpagedMaximum: number;
  types: TypeContext;
  notes: string[];
  /** A blueprint path as served under the version's prefix: link hrefs are relative to the prefix. */
  servedPath: (blueprintPath: string) => string;
}

export function detectPaging(input: PagingInput): { route: PagingSpec; model: PagingModel } | null {
  const marked = input.operation['x-paging'];
  if (marked === false) return null;
  if (marked !== true && (input.method !== 'get' || !input.queryParameterNames.includes('page'))) return null;
  const responses = (followRefs(input.document, input.operation.responses) ?? {}) as Json;
  const statusKey = String(input.successStatus);
  // The envelope replaces one literal success status; `2XX` or `default` answers are not paged.
  if (!Object.hasOwn(responses, statusKey)) return null;
  const arrays = arrayProperties(input.document, input.successSchema).filter(([name]) => name !== input.envelope.links);
  const first = arrays[0];
  if (first === undefined) return null;
  const [itemsKey, property] = first;
  // The platform fills the playbook's envelope (page, items, links) and nothing else: a response shaped
  // otherwise (GitHub's `total_count`, a `pageSize` field...) is the handler's to build, not paged here.
  const { declared, required } = envelopeProperties(input.document, input.successSchema);
  const fillable = new Set([input.envelope.page, input.envelope.links, itemsKey]);
  if (!declared.has(input.envelope.page) && !declared.has(input.envelope.links)) {
    if (marked === true)
      input.notes.push(`#${input.pointer}: x-paging, but the response declares neither ${input.envelope.page} nor ${input.envelope.links}; not paged`);
    return null;
  }
  const unfillable = [...required].filter((name) => !fillable.has(name));
  if (unfillable.length > 0) {
    if (marked === true)
      input.notes.push(`#${input.pointer}: x-paging, but the response requires ${unfillable.join(', ')}, which the envelope does not hold; not paged`);
    return null;
  }
  const items = (followRefs(input.document, property) as Json).items;
  const size = input.operation['x-page-size'];
  const response = (followRefs(input.document, responses[statusKey]) ?? {}) as Json;
  const responsePointer = childPointer(childPointer(input.pointer, 'responses'), statusKey);
  return {
    route: {
      status: input.successStatus,
      itemsKey,
      pageSize: Number.isInteger(size) && (size as number) > 0 ? (size as number) : input.defaultPageSize,
      unpagedMaximum: input.unpagedMaximum,
      envelope: { ...input.envelope },
      links: [
        ...extensionLinks(input, input.operation['x-links'], childPointer(input.pointer, 'x-links')),
        ...extensionLinks(input, response['x-links'], childPointer(responsePointer, 'x-links')),
        ...openApiLinks(input, response.links, childPointer(responsePointer, 'links')),
      ],
    },
    model: {
      status: input.successStatus,
      itemType: items === undefined || Array.isArray(items) ? UNKNOWN : schemaToType(items, input.types),
    },
  };
}

/** `x-links: [{ rel, href, type }]` (keys in any casing); `{name}` in href is a parameter of the request. */
function extensionLinks(input: PagingInput, raw: unknown, pointer: string): LinkSpec[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    input.notes.push(`#${pointer}: x-links is not a list of { rel, href, type }; ignored`);
    return [];
  }
  const links: LinkSpec[] = [];
  raw.forEach((entry, index) => {
    const place = `#${childPointer(pointer, index)}`;
    const fields = entry && typeof entry === 'object' && !Array.isArray(entry) ? lowerKeys(entry as Json) : new Map<string, unknown>();
    const rel = fields.get('rel');
    const href = fields.get('href');
    const type = fields.get('type') ?? 'GET';
    if (typeof rel !== 'string' || rel === '' || typeof href !== 'string' || href === '' || typeof type !== 'string') {
      input.notes.push(`${place}: a link needs rel and href (text), and type (an HTTP method) when given; ignored`);
      return;
    }
    const absolute = /^[a-z][a-z0-9+.-]*:\/\//i.test(href);
    // An href written as a blueprint path (`/v1/pets/{id}` where every path begins with /v1) is relative to the prefix.
    const written = absolute ? href : input.servedPath(href);
    const parts: Array<string | LinkValue> = [];
    const pattern = /\{([^{}]*)\}/g;
    let last = 0;
    let problem: string | undefined;
    for (let match = pattern.exec(written); match; match = pattern.exec(written)) {
      if (match.index > last) parts.push(written.slice(last, match.index));
      const name = match[1]!.trim();
      const value = name.startsWith('$') ? expression(input, name) : parameterValue(input, name);
      if (typeof value === 'string') problem ??= value;
      else parts.push(value);
      last = match.index + match[0].length;
    }
    if (last < written.length) parts.push(written.slice(last));
    if (problem !== undefined) {
      input.notes.push(`${place}: ${problem}; the link is left out`);
      return;
    }
    // A path without a leading slash is still a path in this version.
    if (!absolute && typeof parts[0] === 'string' && !parts[0].startsWith('/')) parts[0] = `/${parts[0]}`;
    else if (!absolute && typeof parts[0] !== 'string') parts.unshift('/');
    links.push({ rel, type: type.toUpperCase(), absolute, href: parts, query: [] });
  });
  return links;
}

/** `{name}`: a path parameter of this operation, else a query parameter. */
function parameterValue(input: PagingInput, name: string): LinkValue | string {
  const path = input.pathParams.find(([, blueprintName]) => blueprintName === name);
  if (path) return { in: 'path', name: path[0] };
  if (input.queryParameterNames.includes(name)) return { in: 'query', name };
  return `{${name}} is neither a path nor a query parameter of this operation`;
}

/** OpenAPI runtime expressions design-first fills in; anything else is explained and refused. */
function expression(input: PagingInput, text: string): LinkValue | string {
  const request = /^\$request\.(path|query|header)\.(.+)$/.exec(text);
  if (request) {
    const [, part, name] = request as unknown as [string, 'path' | 'query' | 'header', string];
    if (part === 'path') {
      const path = input.pathParams.find(([, blueprintName]) => blueprintName === name);
      return path ? { in: 'path', name: path[0] } : `${text}: "${name}" is not a path parameter of this operation`;
    }
    return part === 'header' ? { in: 'header', name: name.toLowerCase() } : { in: 'query', name };
  }
  const body = /^\$response\.body#(\/.*)?$/.exec(text);
  if (body) return { in: 'body', pointer: body[1] ?? '' };
  return `${text} is not an expression design-first fills in ($request.path.*, $request.query.*, $request.header.*, $response.body#/pointer)`;
}

/** OpenAPI Link Objects (`links: { name: { operationId | operationRef, parameters } }`); the name is the rel. */
function openApiLinks(input: PagingInput, raw: unknown, pointer: string): LinkSpec[] {
  const map = followRefs(input.document, raw);
  if (!map || typeof map !== 'object' || Array.isArray(map)) return [];
  const links: LinkSpec[] = [];
  for (const [rel, rawLink] of Object.entries(map as Json)) {
    const place = `#${childPointer(pointer, rel)}`;
    const link = followRefs(input.document, rawLink) as Json | undefined;
    if (!link || typeof link !== 'object') continue;
    const target = targetOperation(input.document, link);
    if (typeof target === 'string') {
      input.notes.push(`${place}: ${target}; the link is left out`);
      continue;
    }
    const given = link.parameters && typeof link.parameters === 'object' ? (link.parameters as Json) : {};
    const valueAt = (where: string, name: string): LinkValue | string | undefined => {
      const key = own(given, `${where}.${name}`) ? `${where}.${name}` : own(given, name) ? name : undefined;
      if (key === undefined) return undefined;
      const value = given[key];
      if (typeof value === 'string' && value.startsWith('$')) return expression(input, value);
      if (typeof value === 'string' && value.includes('{$')) return `"${value}": expressions inside text are not filled in`;
      if (value === null || typeof value === 'object') return `${key}: only expressions and plain values are filled in`;
      return { in: 'constant', value: String(value) };
    };
    const href: Array<string | LinkValue> = [];
    let problem: string | undefined;
    const pattern = /\{([^}]*)\}/g;
    let last = 0;
    const targetPath = input.servedPath(target.path);
    for (let match = pattern.exec(targetPath); match; match = pattern.exec(targetPath)) {
      if (match.index > last) href.push(targetPath.slice(last, match.index));
      const name = templateParameterName(match[1]!);
      const value = valueAt('path', name);
      if (value === undefined) problem ??= `no value for the target's path parameter "${name}"`;
      else if (typeof value === 'string') problem ??= value;
      else href.push(value);
      last = match.index + match[0].length;
    }
    if (last < targetPath.length) href.push(targetPath.slice(last));
    const query: Array<[string, LinkValue]> = [];
    const queryNames = new Set(target.queryParameters);
    for (const key of Object.keys(given)) if (key.startsWith('query.')) queryNames.add(key.slice('query.'.length));
    for (const name of queryNames) {
      const value = valueAt('query', name);
      if (typeof value === 'string') problem ??= value;
      else if (value !== undefined) query.push([name, value]);
    }
    if (problem !== undefined) {
      input.notes.push(`${place}: ${problem}; the link is left out`);
      continue;
    }
    links.push({ rel, type: target.method.toUpperCase(), absolute: false, href, query });
  }
  return links;
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** The operation a Link Object points at: its path, method and query parameter names, or why not. */
function targetOperation(document: unknown, link: Json): { path: string; method: string; queryParameters: string[] } | string {
  const paths = ((document as Json).paths ?? {}) as Json;
  let found: { path: string; method: string; item: Json; operation: Json } | undefined;
  if (typeof link.operationId === 'string') {
    for (const [path, rawItem] of Object.entries(paths)) {
      const item = followRefs(document, rawItem) as Json | undefined;
      if (!item || typeof item !== 'object') continue;
      for (const method of Object.keys(item)) {
        const operation = item[method] as Json | undefined;
        if (METHODS.has(method) && operation && typeof operation === 'object' && operation.operationId === link.operationId) {
          found ??= { path, method, item, operation };
        }
      }
    }
    if (!found) return `no operation has operationId "${link.operationId}"`;
  } else if (typeof link.operationRef === 'string') {
    const ref = link.operationRef;
    const match = ref.startsWith('#/paths/') ? /^\/paths\/([^/]+)\/([a-z]+)$/.exec(fragmentToPointer(ref)) : null;
    const path = match ? match[1]!.replace(/~1/g, '/').replace(/~0/g, '~') : undefined;
    const item = path === undefined || !own(paths, path) ? undefined : (followRefs(document, paths[path]) as Json | undefined);
    const operation = item && match && METHODS.has(match[2]!) ? (item[match[2]!] as Json | undefined) : undefined;
    if (!path || !item || !operation || typeof operation !== 'object')
      return `operationRef "${ref}" is not an operation of this blueprint (#/paths/<path>/<method>)`;
    found = { path, method: match![2]!, item, operation };
  } else {
    return 'a link needs operationId or operationRef';
  }
  const queryParameters = new Set<string>();
  for (const list of [found.item.parameters, found.operation.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const parameter = followRefs(document, raw) as Json | undefined;
      if (parameter?.in === 'query' && typeof parameter.name === 'string') queryParameters.add(parameter.name);
    }
  }
  return { path: found.path, method: found.method, queryParameters: [...queryParameters] };
}

/** The array-valued properties of an object schema (through $refs and allOf), with their schemas. */
function arrayProperties(document: unknown, schema: unknown, depth = 0): Array<[string, unknown]> {
  const resolved = followRefs(document, schema);
  if (!resolved || typeof resolved !== 'object' || depth > 8) return [];
  const record = resolved as Json;
  const found: Array<[string, unknown]> = [];
  if (record.properties && typeof record.properties === 'object') {
    for (const [name, property] of Object.entries(record.properties as Json)) {
      const target = followRefs(document, property) as Json | undefined;
      if (isListSchema(target)) found.push([name, property]);
    }
  }
  if (Array.isArray(record.allOf)) for (const part of record.allOf) found.push(...arrayProperties(document, part, depth + 1));
  return found;
}

/** Declared and required property names of an object schema (through $refs and allOf). */
function envelopeProperties(document: unknown, schema: unknown, depth = 0): { declared: Set<string>; required: Set<string> } {
  const declared = new Set<string>();
  const required = new Set<string>();
  const resolved = followRefs(document, schema) as Json | undefined;
  if (!resolved || typeof resolved !== 'object' || depth > 8) return { declared, required };
  if (resolved.properties && typeof resolved.properties === 'object') for (const name of Object.keys(resolved.properties)) declared.add(name);
  if (Array.isArray(resolved.required)) for (const name of resolved.required) if (typeof name === 'string') required.add(name);
  if (Array.isArray(resolved.allOf)) {
    for (const part of resolved.allOf) {
      const inner = envelopeProperties(document, part, depth + 1);
      for (const name of inner.declared) declared.add(name);
      for (const name of inner.required) required.add(name);
    }
  }
  return { declared, required };
}

function lowerKeys(record: Json): Map<string, unknown> {
  const map = new Map<string, unknown>();
  for (const [key, value] of Object.entries(record)) if (!map.has(key.toLowerCase())) map.set(key.toLowerCase(), value);
  return map;
}

function own(record: Json, key: string): boolean {
  return Object.hasOwn(record, key);
}
