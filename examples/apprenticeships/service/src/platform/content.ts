/**
 * Media types in and out. Fastify parses JSON; forms are parsed here into
 * objects (so they validate like JSON); anything else reaches the handler as a
 * Buffer. Each operation accepts only the media types its blueprint declares
 * (415) and answers only in those it produces (406).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import qs from 'qs';
import { sendProblem } from './errors.js';
import type { RouteSpec } from './version-module.js';

const NOT_REPEAT = 'Do not repeat the request unchanged.';

export function installContentParsers(app: FastifyInstance): void {
  // Forms as real APIs send them: `a[b]=c` nests, `x[]=1&x[]=2` is a list (qs), capped against abuse.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, qs.parse(String(body), { depth: 10, arrayLimit: 200, parameterLimit: 2000, allowPrototypes: false, plainObjects: true }));
  });
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
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

/** A preValidation check: the body's media type must be one the operation declares. */
export function checkMediaTypes(route: RouteSpec) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const contentType = request.headers['content-type'];
    const hasBody = request.body !== undefined && request.body !== null;
    if (!hasBody || contentType === undefined) {
      if (route.bodyRequired && !hasBody) return sendProblem(reply, 400, `This operation needs a request body. ${NOT_REPEAT}`);
      return;
    }
    const actual = baseType(contentType);
    if (route.bodyMediaTypes.length === 0 || !route.bodyMediaTypes.some((declared) => matches(declared, actual))) {
      return sendProblem(reply, 415, `Send the body as ${route.bodyMediaTypes.join(' or ') || 'nothing'}; ${actual} is not accepted. ${NOT_REPEAT}`);
    }
  };
}

/** A preHandler check: the caller must accept one of the media types the operation produces. */
export function checkAccept(route: RouteSpec) {
  // What the operation answers when it succeeds: the error shape's media type is no answer to Accept.
  const produced = route.produces.map(baseType).filter((type) => type !== 'application/problem+json');
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const accept = request.headers.accept;
    if (!accept || produced.length === 0) return;
    const acceptable = accept.split(',').map((part) => baseType(part)).filter(Boolean);
    const ok = acceptable.some((wanted) => wanted === '*/*' || produced.some((type) => matches(wanted, type)));
    if (!ok) return sendProblem(reply, 406, `This operation answers in ${produced.join(', ')}. ${NOT_REPEAT}`);
  };
}

/**
 * Both checks as one preValidation hook (a hook per check costs a promise per
 * request). GET and HEAD carry no body Fastify would parse, so only Accept is checked.
 */
export function checkContent(route: RouteSpec) {
  const accept = checkAccept(route);
  if (route.method === 'GET' || route.method === 'HEAD') return accept;
  const media = checkMediaTypes(route);
  return async (request: FastifyRequest, reply: FastifyReply) => {
    await media(request, reply);
    // A hook that has answered returns the reply, so Fastify stops there.
    return reply.sent ? reply : accept(request, reply);
  };
}
