/**
 * Media types in and out. Fastify parses JSON, and here also vendor `+json`
 * types; forms are parsed into objects (so they validate like JSON); anything
 * else reaches the handler as a Buffer. Each operation accepts only the media types its blueprint declares
 * (415) and answers only in those it produces (406).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { loadQs, NESTED_LIMITS } from './query-styles.js';
import { sendProblem } from './errors.js';
import { mayOverflow, nonFinitePointer } from './finite.js';
import { baseMediaType } from './media-type.js';
import { NOT_REPEAT, problem } from './problem.js';
import type { RouteSpec } from './version-module.js';

export function installContentParsers(app: FastifyInstance): void {
  // Forms as real APIs send them: `a[b]=c` nests, `x[]=1&x[]=2` is a list (qs), capped against abuse.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, loadQs().parse(String(body), NESTED_LIMITS));
  });
  // Vendor JSON (`application/vnd.amadeus+json`) and `text/json` are JSON: parsed as Fastify parses JSON,
  // with the same refusal of `__proto__` and `constructor` keys, so their bodies validate like JSON ones.
  // Only where the operation has a schema for that very type: Fastify validates a body by its exact media
  // type, so one sent to an operation that declares `application/*` would arrive parsed and unchecked.
  const parseJson = finiteJson(app.getDefaultJsonParser('error', 'error'));
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, parseJson);
  app.addContentTypeParser(/^(?:[\w.-]+\/[\w.-]+\+json|text\/json)\s*(?:;|$)/i, { parseAs: 'buffer' }, (request, body, done) => {
    if (!hasBodySchemaFor(request)) return done(null, body);
    parseJson(request, body.toString('utf8'), done);
  });
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
}

type JsonParser = ReturnType<FastifyInstance['getDefaultJsonParser']>;

/**
 * Fastify's JSON parser (which refuses `__proto__` and `constructor` keys),
 * refusing numbers too large for a double as well (finite.ts): the text is
 * searched only when it holds a number that could be one.
 */
function finiteJson(parse: JsonParser): JsonParser {
  return (request, body, done) => {
    parse(request, body, (error, value) => {
      if (error) return done(error, undefined);
      const pointer = mayOverflow(body) ? nonFinitePointer(value) : null;
      if (pointer === null) return done(null, value);
      const errors = [{ in: 'body', pointer, detail: 'must be a finite number' }];
      done(problem(400, 'The request is not valid: one problem, each listed with where it is.', { errors }), undefined);
    });
  };
}

function hasBodySchemaFor(request: FastifyRequest): boolean {
  const content = (request.routeOptions.schema?.body as { content?: Record<string, unknown> } | undefined)?.content;
  const mediaType = request.mediaType;
  return content !== undefined && mediaType !== undefined && Object.keys(content).some((key) => key.toLowerCase() === mediaType);
}

function matches(declared: string, actual: string): boolean {
  const wanted = baseMediaType(declared);
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
    const actual = baseMediaType(contentType);
    if (route.bodyMediaTypes.length === 0 || !route.bodyMediaTypes.some((declared) => matches(declared, actual))) {
      return { status: 415, detail: `Send the body as ${accepted}; ${actual} is not accepted. ${NOT_REPEAT}` };
    }
    return undefined;
  };
}

/** The caller must accept one of the media types the operation produces; null when it produces none to check. */
function acceptCheck(route: RouteSpec): ((request: FastifyRequest) => Refusal) | null {
  // What the operation answers when it succeeds: the error shape's media type is no answer to Accept.
  const produced = route.produces.map(baseMediaType).filter((type) => type !== 'application/problem+json');
  if (produced.length === 0) return null;
  const refusal: Refusal = { status: 406, detail: `This operation answers in ${produced.join(', ')}. ${NOT_REPEAT}` };
  return (request) => {
    const accept = request.headers.accept;
    if (!accept) return undefined;
    return produced.some((type) => accepts(accept, type)) ? undefined : refusal;
  };
}

/**
 * Whether an Accept header allows a media type (RFC 9110 section 12.5.1): the
 * most specific range that matches it (`type/subtype`, then `type/*`, then
 * `*\/*`) decides, and `q=0` means "not this". Parameters other than `q` are
 * not compared, so `application/json; charset=utf-8` asks for JSON (the
 * negotiator package compares them, and would refuse that client).
 */
export function accepts(accept: string, type: string): boolean {
  // An operation that declares a range itself (`image/*`) can answer whatever the caller takes from it.
  if (type.includes('*')) return accept.split(',').some((part) => qualityOf(part.split(';').slice(1)) !== 0);
  // Most headers have no parameters: every range listed is wanted, any match will do.
  if (!accept.includes(';')) return accept.split(',').some((range) => matchesRange(baseMediaType(range), type) >= 0);
  let specificity = -1;
  let quality = 0;
  for (const part of accept.split(',')) {
    const [range = '', ...parameters] = part.split(';');
    const matched = matchesRange(baseMediaType(range), type);
    if (matched < specificity || matched < 0) continue;
    const q = qualityOf(parameters);
    if (q === null) continue;
    quality = matched > specificity ? q : Math.max(quality, q);
    specificity = matched;
  }
  return quality > 0;
}

/** How specifically a range names a type: 2 exactly, 1 by `type/*`, 0 by `*\/*`; -1 when it does not. */
function matchesRange(range: string, type: string): number {
  if (range === type) return 2;
  if (range === '*/*') return 0;
  return range.endsWith('/*') && type.startsWith(range.slice(0, -1)) ? 1 : -1;
}

/** The range's `q` (1 when absent); null for a malformed one, which leaves the range out. */
function qualityOf(parameters: readonly string[]): number | null {
  for (const parameter of parameters) {
    const [name = '', value = ''] = parameter.split('=');
    if (name.trim().toLowerCase() !== 'q') continue;
    const text = value.trim();
    return /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(text) ? Number(text) : null;
  }
  return 1;
}

/** A check of the request's media types: undefined to go on, or the refusal to answer with. */
export type ContentCheck = (request: FastifyRequest) => Refusal;

/**
 * Where each check runs, decided once per route. An operation that may carry
 * a body checks its media type once the body is read, so both checks are one
 * callback-style preValidation hook (an async hook costs a promise per
 * request). GET and HEAD carry no body Fastify would parse: only Accept is
 * checked, by the operation's own handler before anything else it does
 * (routes.ts), which spares every such request a hook stage.
 */
export function contentChecks(route: RouteSpec): {
  preValidation: ((request: FastifyRequest, reply: FastifyReply, done: () => void) => void) | null;
  inline: ContentCheck | null;
} {
  const accept = acceptCheck(route);
  if (route.method === 'GET' || route.method === 'HEAD') return { preValidation: null, inline: accept };
  const checks = [mediaTypeCheck(route), accept].filter((check) => check !== null);
  return {
    inline: null,
    preValidation: (request, reply, done) => {
      for (const check of checks) {
        const refusal = check(request);
        // The refusal is the answer: without done(), the request goes no further.
        if (refusal) return void sendProblem(reply, refusal.status, refusal.detail);
      }
      done();
    },
  };
}
