/**
 * The links of a collection's envelope, as the playbook writes them:
 * `[{ Rel, Href, Type }]` (key names from the route's paging envelope). Paging links
 * (`self`, `first-page`, `prev-page`, `next-page`, `last-page`) point at the
 * same address with another `page` and keep the request's other query
 * parameters; links the blueprint declares (`x-links`, OpenAPI `links`) are
 * filled in from the request and the envelope. Hrefs are relative to the
 * service root and include the version prefix: `/v1/pets?species=cat&page=2`.
 */
import type { FastifyRequest } from 'fastify';
import type { LinkSpec, LinkValue } from './route-contract.js';

export type { LinkSpec, LinkValue } from './route-contract.js';

export interface Link {
  rel: string;
  href: string;
  /** The HTTP method to use. */
  type: string;
}

/** The query string of a URL as decoded [name, value] pairs, in order. */
export function queryPairs(url: string): Array<[string, string]> {
  const start = url.indexOf('?');
  if (start < 0) return [];
  const pairs: Array<[string, string]> = [];
  for (const part of url.slice(start + 1).split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    const name = decode(equals < 0 ? part : part.slice(0, equals));
    pairs.push([name, equals < 0 ? '' : decode(part.slice(equals + 1))]);
  }
  return pairs;
}

/** `?a=1&b=x%20y`, or '' for no pairs. */
export function queryString(pairs: ReadonlyArray<readonly [string, string]>): string {
  if (pairs.length === 0) return '';
  return `?${pairs.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&')}`;
}

/** The path of a request URL (as sent, without the query). */
export function pathOf(url: string): string {
  const start = url.indexOf('?');
  return start < 0 ? url : url.slice(0, start);
}

/** Declared links, filled in; a link that needs a value the request or envelope does not have is left out. */
export function declaredLinks(specs: readonly LinkSpec[], prefix: string, request: FastifyRequest, envelope: unknown): Link[] {
  const links: Link[] = [];
  for (const spec of specs) {
    let href = '';
    let complete = true;
    for (const part of spec.href) {
      if (typeof part === 'string') {
        href += part;
        continue;
      }
      const value = valueOf(part, request, envelope);
      if (value === undefined || value === '') {
        complete = false;
        break;
      }
      href += encodeURIComponent(value);
    }
    if (!complete) continue;
    const query: Array<[string, string]> = [];
    for (const [name, source] of spec.query) {
      const value = valueOf(source, request, envelope);
      if (value !== undefined) query.push([name, value]);
    }
    if (query.length > 0) href += (href.includes('?') ? '&' : '?') + queryString(query).slice(1);
    links.push({ rel: spec.rel, href: spec.absolute ? href : prefix + href, type: spec.type });
  }
  return links;
}

/**
 * `object[key] = value` that never triggers the `__proto__` setter. Only that
 * key needs defineProperty: a plain assignment keeps the object fast to build
 * and to serialise.
 */
export function define(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  else object[key] = value;
}

function valueOf(source: LinkValue, request: FastifyRequest, envelope: unknown): string | undefined {
  switch (source.in) {
    case 'constant':
      return source.value;
    case 'path':
      return text(ownValue(request.params, source.name));
    case 'query':
      return text(ownValue(request.query, source.name));
    case 'header':
      return text(ownValue(request.headers, source.name));
    case 'body':
      return text(atPointer(envelope, source.pointer));
  }
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean')) {
    return value.join(',');
  }
  return undefined;
}

function ownValue(holder: unknown, key: string): unknown {
  return holder !== null && typeof holder === 'object' && Object.prototype.hasOwnProperty.call(holder, key) ? (holder as Record<string, unknown>)[key] : undefined;
}

/** RFC 6901, own properties only. */
function atPointer(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  let node = root;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = ownValue(node, segment);
    if (node === undefined) return undefined;
  }
  return node;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
