/**
 * The route handler of one operation, composed when the route is registered
 * (routes.ts) from only the steps that route needs, in this order: the
 * request's start (id, Host, shutting down; request-start.ts) unless an
 * onRequest hook did it, the guard when it decides at once (AUTH_MODE=mock),
 * the Accept check of a GET or HEAD, then the team's handler, its answer sent
 * (as a page envelope for a collection that pages), and the answer recorded
 * for /metrics once it is handed to the socket.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RouteGuard } from './auth.js';
import type { ContentCheck } from './content.js';
import type { HandlerContext } from './context.js';
import { sendProblem } from './errors.js';
import { isJsonMediaType, setContentType } from './media-type.js';
import type { RecordAnswer } from './metrics.js';
import { mockOf } from './mock.js';
import { pageSender, readPage, sendPageProblem, type PageAnswer, type PageRequest } from './paging.js';
import type { StartRequest } from './request-start.js';
import type { Upstreams } from '../generated/upstreams.js';
import type { AnyHandler, HandlerRequest, HandlerResult, RouteSpec, VersionModule } from './version-module.js';

/** The clients of the APIs this service calls, bound to one inbound request (generated/upstreams.ts). */
export type UpstreamsFor = (request: FastifyRequest) => Upstreams;

/** The steps of the platform this route's handler runs itself; null where the route has none (or a hook does it). */
export interface InlineSteps {
  start: StartRequest | null;
  guard: RouteGuard | null;
  accept: ContentCheck | null;
  upstreams: UpstreamsFor;
  recordAnswer: RecordAnswer;
}

/**
 * A route handler that answers by itself: Fastify is given undefined, not a
 * promise, so it follows no promise per request (an async route handler cost
 * two more promise steps, 1 to 2% of a small GET's CPU). `followAnswers`
 * makes it return its answer's promise instead, for when something wraps the
 * handler and times it by that promise (tracing: routes.ts). Unfollowed,
 * Fastify's `fastify.request.handler` diagnostics channel sees the handler end
 * when it returns; nothing in the service listens to that channel.
 */
export type OperationHandler = ((request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined> | undefined) & { followAnswers(): void };

export function operationHandler(route: RouteSpec, version: VersionModule, steps: InlineSteps): OperationHandler {
  const load = version.handlers[route.operationId]!;
  // Loaded at the first call (or by handler-loading.ts once the service listens); later calls do not wait.
  let handler: AnyHandler | undefined;
  // The route's meter (metrics.ts put it in the route's config), read at the first answer.
  let meter: Parameters<RecordAnswer>[2];
  let followed = false;
  const handlerRequest = handlerRequestOf(route);
  const send = sendResultOf(route, version);
  const mock = mockOf(route);
  const { start, guard, accept, upstreams, recordAnswer } = steps;
  const operation = (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> | undefined => {
    // Each refusal below is the answer, sent (and recorded) by sendProblem.
    if (start !== null && !start(request, reply)) return undefined;
    if (guard !== null && !passes(guard, request, reply)) return undefined;
    if (accept !== null) {
      const refusal = accept(request);
      if (refusal) return void sendProblem(reply, refusal.status, refusal.detail);
    }
    // Collections that page: `page` is read first, and the envelope is built from the handler's items.
    const page = route.paging ? readPage(request, route.paging) : null;
    if (page && !page.ok) return void sendPageProblem(reply, page);
    const asked = page?.value;
    const context: HandlerContext = {
      requestId: String(request.id),
      operationId: route.operationId,
      log: request.log,
      client: request.client ?? null,
      mock: <T>() => mock(asked) as T,
      upstreams: upstreams(request),
    };
    const answer = (result: HandlerResult): FastifyReply | undefined => {
      try {
        send(request, reply, result, asked);
        meter ??= request.routeOptions.config.meter;
        recordAnswer(request, reply, meter);
      } catch (error) {
        // Nothing may escape unfollowed: an unhandled rejection stops the process.
        if (followed) throw error;
        fail(reply, error);
        return undefined;
      }
      // Sent, or still held by an onSend hook: then a caller following the promise must wait for it, not send again.
      return reply.sent ? undefined : reply;
    };
    // A handler that throws at once is Fastify's to answer (its error handler), as a rejection is. The module is
    // loaded at the route's first call, unless handler-loading.ts loaded it first.
    const result =
      handler === undefined
        ? load().then((loaded) => (handler = loaded)(handlerRequest(request, asked), context))
        : handler(handlerRequest(request, asked), context);
    const settled = Promise.resolve(result);
    if (followed) return settled.then(answer);
    settled.then(answer, (error: unknown) => fail(reply, error));
    return undefined;
  };
  // Named after its operation, as a tracer names the handler's span.
  Object.defineProperty(operation, 'name', { value: route.operationId });
  return Object.assign(operation, {
    followAnswers: () => {
      followed = true;
    },
  });
}

/**
 * What Fastify does with a route handler's rejected promise: the error handler
 * answers it, unless an answer already left (then the error is logged).
 */
function fail(reply: FastifyReply, error: unknown): void {
  if (reply.sent) {
    reply.log.error({ err: error }, 'the handler failed after its answer was sent');
    return;
  }
  try {
    reply.send(asError(error));
  } catch (failure) {
    // The error handler itself failed: the connection is cut rather than left waiting, and nothing escapes.
    reply.log.error({ err: failure }, 'answering a failed handler failed');
    reply.raw.destroy();
  }
}

/**
 * reply.send gives an Error to the error handler and sends anything else as a
 * body, so a rejection that is not an Error becomes one, keeping its own fields
 * (`statusCode`, `code`...): it is answered as the value itself would be, the
 * way Fastify answers it when it is thrown at once.
 */
function asError(value: unknown): Error {
  if (value instanceof Error) return value;
  const error = new Error(`the handler failed with ${value === null ? 'null' : typeof value}`, { cause: value }) as Error & Record<string, unknown>;
  if (typeof value !== 'object' || value === null) return error;
  // A `__proto__` field (a parsed JSON body, say) would replace the error's prototype: it is the one field not kept.
  for (const [key, field] of Object.entries(value)) if (key !== '__proto__') error[key] = field;
  return error;
}

/** A guard that decides at once (Auth.decidesAtOnce), run in place: true when it let the request through. */
function passes(guard: RouteGuard, request: FastifyRequest, reply: FastifyReply): boolean {
  let passed = false;
  guard(request, reply, (error) => {
    if (error) throw error;
    passed = true;
  });
  return passed;
}

type SendResult = (request: FastifyRequest, reply: FastifyReply, result: HandlerResult, asked: PageRequest | undefined) => void;

/** How the route sends what its handler returned, with what depends only on the route decided once. */
function sendResultOf(route: RouteSpec, version: VersionModule): SendResult {
  const paging = route.paging;
  const defaultType = route.mock.contentType ?? 'application/json';
  const sendPage = paging ? pageSender({ prefix: version.prefix, method: route.method, paging, contentType: route.mock.contentType }) : null;
  return (request, reply, result, asked) => {
    if (paging && sendPage && asked && result.status === paging.status && Array.isArray(result.items)) {
      sendPage({ request, reply, asked, result: result as PageAnswer['result'] });
      return;
    }
    if (result.headers) reply.headers(result.headers);
    setContentType(reply, result.contentType, result.body);
    reply.code(result.status);
    if (result.body === undefined) {
      reply.send();
      return;
    }
    // Fastify sends strings as they are; a JSON answer that is a string must still be JSON.
    const type = result.contentType ?? defaultType;
    if (typeof result.body === 'string' && isJsonMediaType(type)) reply.type(type).send(JSON.stringify(result.body));
    else reply.send(result.body);
  };
}

/**
 * What the handler gets as its request. Path parameters are renamed in routes
 * (find-my-way needs plain names): when any name differs, the handler gets the
 * blueprint's names; otherwise Fastify's own params object, as it is.
 */
function handlerRequestOf(route: RouteSpec): (request: FastifyRequest, paging: PageRequest | undefined) => HandlerRequest {
  const renamed = route.pathParams.some(([routeName, blueprintName]) => routeName !== blueprintName);
  const paramsOf = renamed
    ? (request: FastifyRequest) => {
        const raw = (request.params ?? {}) as Record<string, unknown>;
        const params: Record<string, unknown> = {};
        for (const [routeName, blueprintName] of route.pathParams) {
          Object.defineProperty(params, blueprintName, { value: raw[routeName], enumerable: true, writable: true, configurable: true });
        }
        return params;
      }
    : (request: FastifyRequest) => (request.params ?? {}) as Record<string, unknown>;
  return (request, paging) => {
    const params = paramsOf(request);
    const query = (request.query ?? {}) as Record<string, unknown>;
    const headers = request.headers as Record<string, unknown>;
    return paging ? { params, query, headers, body: request.body, paging } : { params, query, headers, body: request.body };
  };
}
