/**
 * Paging, as the playbook asks of every collection: `?page=N` from 1, with the
 * page size the API defines; no `page` means all results, unless there are
 * more than the unpaged maximum, then 400 saying paging is mandatory.
 *
 * The handler gets `request.paging` ({ page, pageSize, offset, limit }) and
 * returns `{ status, items, total? }`; the platform answers with the envelope:
 * `{ Page, <Items>, Links: [{ Rel, Href, Type }] }` (names from the playbook, in the route table),
 * serialised through the blueprint's response schema like any other answer.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem } from './errors.js';
import { declaredLinks, define, pathOf, queryPairs, queryString } from './links.js';
import { setContentType } from './media-type.js';
import { NOT_REPEAT } from './problem.js';
import type { PagingSpec } from './route-contract.js';
import type { HandlerResult, PageRequest } from './version-module.js';

export type { PageRequest } from './version-module.js';
export type { PagingSpec } from './route-contract.js';

export type PageOrProblem = { ok: true; value: PageRequest } | { ok: false; detail: string; errorDetail: string };

/** The page a request asks for, or why it is refused. */
export function readPage(request: FastifyRequest, paging: PagingSpec): PageOrProblem {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const raw = Object.prototype.hasOwnProperty.call(query, 'page') ? query.page : undefined;
  if (raw === undefined) return { ok: true, value: { page: null, pageSize: paging.pageSize, offset: 0, limit: paging.unpagedMaximum + 1 } };
  if (Array.isArray(raw)) return refuse('page is given more than once', 'must be given once');
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw : '';
  if (!/^0*[1-9][0-9]*$/.test(text)) return refuse('page must be a whole number from 1 (?page=1 is the first page)', 'must be a whole number from 1');
  const page = Number(text);
  const offset = (page - 1) * paging.pageSize;
  if (!Number.isSafeInteger(offset)) return refuse(`page ${text} is beyond any collection this service holds`, 'is too large');
  return { ok: true, value: { page, pageSize: paging.pageSize, offset, limit: paging.pageSize } };
}

function refuse(detail: string, errorDetail: string): PageOrProblem {
  return { ok: false, detail: `The request is not valid: ${detail}. ${NOT_REPEAT}`, errorDetail };
}

/** Refuses a request whose `page` is not valid, in the service's error shape. */
export function sendPageProblem(reply: FastifyReply, problem: Extract<PageOrProblem, { ok: false }>): FastifyReply {
  return sendProblem(reply, 400, problem.detail, { errors: [{ in: 'query', pointer: '/page', detail: problem.errorDetail }] });
}

export interface PageAnswer {
  request: FastifyRequest;
  reply: FastifyReply;
  asked: PageRequest;
  result: HandlerResult & { items: unknown[] };
}

/** What a route's pages share, known when it is registered. */
export interface PageRoute {
  /** The version's prefix (`/v1`), for declared links. */
  prefix: string;
  /** The route's method, the Type of the paging links. */
  method: string;
  paging: PagingSpec;
  /** The success media type, when the handler did not choose one. */
  contentType: string | null;
}

/**
 * How a route answers with a page: the envelope for a handler's items, or 400
 * when everything was asked for and there is too much. The envelope's and the
 * links' key names are the route's, so their objects are made by copying a
 * template holding those keys, decided here once: a page costs no key lookups
 * by name and no `__proto__` care per request (a template's own `__proto__`
 * key is an ordinary property of every copy).
 */
export function pageSender(route: PageRoute): (answer: PageAnswer) => FastifyReply {
  const { paging } = route;
  const names = paging.envelope;
  const envelopeTemplate = templateOf([names.page, paging.itemsKey, names.links]);
  const linkTemplate = templateOf([names.rel, names.href, names.type]);
  const linkObject = (rel: string, href: string, type: string): Record<string, unknown> => {
    const object = { ...linkTemplate };
    object[names.rel] = rel;
    object[names.href] = href;
    object[names.type] = type;
    return object;
  };
  return ({ request, reply, asked, result }) => {
    const items = result.items;
    const total = typeof result.total === 'number' && Number.isSafeInteger(result.total) && result.total >= 0 ? result.total : undefined;
    if (asked.page === null && Math.max(total ?? 0, items.length) > paging.unpagedMaximum) {
      return sendProblem(
        reply,
        400,
        `There are more than ${paging.unpagedMaximum} results, so paging is mandatory: ask for ?page=1 and follow the next-page links (${paging.pageSize} per page). ${NOT_REPEAT}`,
        { errors: [{ in: 'query', pointer: '/page', detail: `is required when there are more than ${paging.unpagedMaximum} results` }] },
      );
    }

    const url = request.url;
    const path = pathOf(url);
    // The request's other query parameters, kept in every paging link (most requests have none).
    const others = path.length === url.length ? '' : queryString(queryPairs(url).filter(([name]) => name !== 'page'));
    const href = (page: number | null) => (page === null ? path + others : `${path}${others === '' ? '?' : `${others}&`}page=${page}`);
    const links = [linkObject('self', href(asked.page), route.method)];
    if (asked.page !== null) {
      const page = asked.page;
      const last = total === undefined ? undefined : Math.max(1, Math.ceil(total / paging.pageSize));
      if (last !== undefined) links.push(linkObject('first-page', href(1), route.method));
      if (page > 1) links.push(linkObject('prev-page', href(last === undefined ? page - 1 : Math.min(page - 1, last)), route.method));
      // Without a total, a full page may have a next one; an empty next page is an honest answer.
      if (last === undefined ? items.length >= paging.pageSize : page < last) links.push(linkObject('next-page', href(page + 1), route.method));
      if (last !== undefined) links.push(linkObject('last-page', href(last), route.method));
    }

    const envelope = { ...envelopeTemplate };
    envelope[names.page] = asked.page ?? 1;
    envelope[paging.itemsKey] = items;
    // Declared links are filled in from the envelope before it holds any link, then follow the paging links.
    if (paging.links.length > 0) {
      for (const link of declaredLinks(paging.links, route.prefix, request, envelope)) links.push(linkObject(link.rel, link.href, link.type));
    }
    envelope[names.links] = links;

    if (result.headers) reply.headers(result.headers);
    setContentType(reply, result.contentType ?? route.contentType, envelope);
    return reply.code(paging.status).send(envelope);
  };
}

/** An object holding these keys in this order (each own, `__proto__` too), to be copied. */
function templateOf(keys: readonly string[]): Record<string, unknown> {
  const template: Record<string, unknown> = {};
  for (const key of keys) define(template, key, null);
  return template;
}
