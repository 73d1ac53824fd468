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
import { declaredLinks, define, linkObjects, pathOf, queryPairs, queryString, type Link } from './links.js';
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
  /** The version's prefix (`/v1`), for declared links. */
  prefix: string;
  /** The route's method, the Type of the paging links. */
  method: string;
  paging: PagingSpec;
  asked: PageRequest;
  result: HandlerResult & { items: unknown[] };
  /** The success media type, when the handler did not choose one. */
  contentType: string | null;
}

/** The envelope for a handler's items, or 400 when everything was asked for and there is too much. */
export function sendPage(answer: PageAnswer): FastifyReply {
  const { request, reply, paging, asked, result } = answer;
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

  const path = pathOf(request.url);
  const others = queryPairs(request.url).filter(([name]) => name !== 'page');
  const href = (page: number | null) => path + queryString(page === null ? others : [...others, ['page', String(page)]]);
  const link = (rel: string, page: number | null): Link => ({ rel, href: href(page), type: answer.method });
  const links: Link[] = [link('self', asked.page)];
  if (asked.page !== null) {
    const page = asked.page;
    const last = total === undefined ? undefined : Math.max(1, Math.ceil(total / paging.pageSize));
    if (last !== undefined) links.push(link('first-page', 1));
    if (page > 1) links.push(link('prev-page', last === undefined ? page - 1 : Math.min(page - 1, last)));
    // Without a total, a full page may have a next one; an empty next page is an honest answer.
    if (last === undefined ? items.length >= paging.pageSize : page < last) links.push(link('next-page', page + 1));
    if (last !== undefined) links.push(link('last-page', last));
  }

  const envelope: Record<string, unknown> = {};
  define(envelope, paging.envelope.page, asked.page ?? 1);
  define(envelope, paging.itemsKey, items);
  const declared = declaredLinks(paging.links, answer.prefix, request, envelope);
  define(envelope, paging.envelope.links, linkObjects(declared.length > 0 ? [...links, ...declared] : links, paging.envelope));

  if (result.headers) reply.headers(result.headers);
  const contentType = result.contentType ?? answer.contentType;
  if (contentType) reply.type(contentType);
  return reply.code(paging.status).send(envelope);
}
