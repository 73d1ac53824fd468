/**
 * What every request goes through first: its id, honoured or made, on the
 * answer and in every log line; an HTTP/1.1 request without exactly one Host
 * refused (RFC 9112 section 3.2, as nginx does); and, while the instance shuts
 * down (shutdown.ts), `Connection: close` on every answer, then a 503 telling
 * the caller to go elsewhere.
 *
 * Where it runs is decided per route, at registration: an operation's own
 * handler does it first (routes.ts), so the common request pays for no
 * Fastify hook at all (each hook stage costs a measurable share of a small
 * GET); every other route (health, metrics, docs, a team's plugin) gets it as
 * its first onRequest hook; the 404 handler calls it too (errors.ts). An
 * answer made before any of these runs (a body too large, a query that does
 * not validate, a rate limit) goes through sendProblem, which stamps the id and
 * `Connection: close` itself.
 */
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem } from './errors.js';
import { NOT_REPEAT } from './problem.js';
import { newRequestId } from './request-id.js';
import { withHook } from './route-hooks.js';
import type { Lifecycle } from './shutdown.js';

const REQUEST_ID = /^[A-Za-z0-9._:@+=-]{1,128}$/;
/** The id given to a raw request, so that an answer Node makes for it (a body too slow to arrive, raw-http.ts) quotes the same id. */
const ID = Symbol('requestId');

type Identified = IncomingMessage & { [ID]?: string };

/**
 * Fastify's genReqId: the caller's X-Request-Id when it is a plain token of
 * at most 128 characters, else a new random id (request-id.ts). Asked again
 * for the same request, the same id.
 */
export function requestId(request: IncomingMessage): string {
  const known = (request as Identified)[ID];
  if (known !== undefined) return known;
  const given = request.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : newRequestId();
  (request as Identified)[ID] = id;
  return id;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route's handler starts the request itself (routes.ts): no onRequest hook is added for it. */
    startsInline?: boolean;
  }
  interface FastifyInstance {
    /** Where the instance is in its life (shutdown.ts), for answers made outside any route's start (sendProblem). */
    serviceLifecycle?: Lifecycle;
  }
}

/** Starts a request (see above); false when it was refused, and answered. */
export type StartRequest = (request: FastifyRequest, reply: FastifyReply) => boolean;

export function installRequestStart(app: FastifyInstance, lifecycle: Lifecycle): StartRequest {
  app.decorate('serviceLifecycle', lifecycle);
  const start: StartRequest = (request, reply) => startRequest(request, reply, lifecycle);
  // One callback-style hook: it costs neither a promise nor a second hook.
  const hook = (request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    if (start(request, reply)) done();
  };
  app.addHook('onRoute', (route) => {
    if (route.config?.startsInline === true) return;
    route.onRequest = withHook(route.onRequest, hook, 'first');
  });
  return start;
}

export function startRequest(request: FastifyRequest, reply: FastifyReply, lifecycle: Lifecycle): boolean {
  reply.header('x-request-id', String(request.id));
  if (!hasOneHost(request.raw)) {
    reply.header('connection', 'close');
    sendProblem(reply, 400, `An HTTP/1.1 request needs exactly one Host header. ${NOT_REPEAT}`);
    return false;
  }
  if (lifecycle.phase === 'serving') return true;
  // Shutting down: the client is told to close this connection, and to open its next one elsewhere.
  reply.header('connection', 'close');
  if (lifecycle.phase === 'draining') return true;
  sendProblem(reply, 503, 'This instance is shutting down and takes no new requests. Repeat the request: another instance (or this one, restarted) will answer it.');
  return false;
}

/**
 * One Host header, or none on HTTP/1.0. Node keeps only the first of several,
 * so they are counted in the raw headers (names at even indexes), looking at
 * a name only when it has four letters.
 */
function hasOneHost(raw: IncomingMessage): boolean {
  if (raw.headers.host === undefined) return raw.httpVersionMajor === 1 && raw.httpVersionMinor === 0;
  const names = raw.rawHeaders;
  let seen = 0;
  for (let index = 0; index < names.length; index += 2) {
    const name = names[index]!;
    if (name.length === 4 && name.toLowerCase() === 'host' && ++seen > 1) return false;
  }
  return true;
}
