/**
 * Media types in and out. Fastify parses JSON, and here also vendor `+json`
 * types; forms are parsed into objects (so they validate like JSON); anything
 * else reaches the handler as a Buffer. Each operation accepts only the media types its blueprint declares
 * (415) and answers only in those it produces (406).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import qs from 'qs';
import { NESTED_LIMITS } from './query-styles.js';
import { sendProblem } from './errors.js';
import type { RouteSpec } from './version-module.js';

const NOT_REPEAT = 'Do not repeat the request unchanged.';

export function installContentParsers(app: FastifyInstance): void {
  // Forms as real APIs send them: `a[b]=c` nests, `x[]=1&x[]=2` is a list (qs), capped against abuse.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, qs.parse(String(body), NESTED_LIMITS));
  });
  // Vendor JSON (`application/vnd.amadeus+json`) and `text/json` are JSON: parsed as Fastify parses JSON,
  // with the same refusal of `__proto__` and `constructor` keys, so their bodies validate like JSON ones.
  // Only where the operation has a schema for that very type: Fastify validates a body by its exact media
  // type, so one sent to an operation that declares `application/*` would arrive parsed and unchecked.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser(/^(?:[\w.-]+\/[\w.-]+\+json|text\/json)\s*(?:;|$)/i, { parseAs: 'buffer' }, (request, body, done) => {
    if (!hasBodySchemaFor(request)) return done(null, body);
    parseJson(request, body.toString('utf8'), done);
  });
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
}

function hasBodySchemaFor(request: FastifyRequest): boolean {
  const content = (request.routeOptions.schema?.body as { content?: Record<string, unknown> } | undefined)?.content;
  const mediaType = request.mediaType;
  return content !== undefined && mediaType !== undefined && Object.keys(content).some((key) => key.toLowerCase() === mediaType);
}

function baseType(value: string): string {
  return value.split(';')[0]!.trim().toLowerCase();
}

function matches(declared: string, actual: string): boolean {
  const wanted = baseType(declared);
  if (wanted === '*/*') return true;
  if (wanted.endsWith('/*')) return actual.startsWith(wanted.slice(0, -1));
  return wanted === actual;
}

/** What a check says: undefined to go on, or the refusal to answer with. */
type Refusal = { status: 400 | 406 | 415; detail: string } | undefined;

/** The body's media type must be one the operation declares. */
function mediaTypeCheck(route: RouteSpec): (request: FastifyRequest) => Refusal {
  const accepted = route.bodyMediaTypes.join(' or ') || 'nothing';
  return (request) => {
    const contentType = request.headers['content-type'];
    const hasBody = request.body !== undefined && request.body !== null;
    if (!hasBody || contentType === undefined) {
      if (route.bodyRequired && !hasBody) return { status: 400, detail: `This operation needs a request body. ${NOT_REPEAT}` };
      return undefined;
    }
    const actual = baseType(contentType);
    if (route.bodyMediaTypes.length === 0 || !route.bodyMediaTypes.some((declared) => matches(declared, actual))) {
      return { status: 415, detail: `Send the body as ${accepted}; ${actual} is not accepted. ${NOT_REPEAT}` };
    }
    return undefined;
  };
}

/** The caller must accept one of the media types the operation produces; null when it produces none to check. */
function acceptCheck(route: RouteSpec): ((request: FastifyRequest) => Refusal) | null {
  // What the operation answers when it succeeds: the error shape's media type is no answer to Accept.
  const produced = route.produces.map(baseType).filter((type) => type !== 'application/problem+json');
  if (produced.length === 0) return null;
  const refusal: Refusal = { status: 406, detail: `This operation answers in ${produced.join(', ')}. ${NOT_REPEAT}` };
  return (request) => {
    const accept = request.headers.accept;
    if (!accept) return undefined;
    const acceptable = accept.split(',').map((part) => baseType(part)).filter(Boolean);
    const ok = acceptable.some((wanted) => wanted === '*/*' || produced.some((type) => matches(wanted, type)));
    return ok ? undefined : refusal;
  };
}

/**
 * Both checks as one callback-style preValidation hook (an async hook costs a
 * promise per request), or null when the operation has nothing to check.
 * GET and HEAD carry no body Fastify would parse, so only Accept is checked.
 */
export function checkContent(route: RouteSpec): ((request: FastifyRequest, reply: FastifyReply, done: () => void) => void) | null {
  const checks = [route.method === 'GET' || route.method === 'HEAD' ? null : mediaTypeCheck(route), acceptCheck(route)].filter((check) => check !== null);
  if (checks.length === 0) return null;
  return (request, reply, done) => {
    for (const check of checks) {
      const refusal = check(request);
      // The refusal is the answer: without done(), the request goes no further.
      if (refusal) return void sendProblem(reply, refusal.status, refusal.detail);
    }
    done();
  };
}
