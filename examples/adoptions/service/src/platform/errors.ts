/**
 * Every failure answers in the playbook's error shape (problem.ts): validation,
 * unknown routes and methods, media types, body size, rate limits, handler
 * problems, unexpected exceptions, requests that reach an instance while it
 * shuts down, and what Fastify refuses before routing (bad URLs; what Node
 * refuses is answered in raw-http.ts). Library messages, stacks and paths are
 * logged with the request id, never sent.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody, errorContractFor, NOT_REPEAT, ProblemError, titleFor, type FieldError, type ProblemBody } from './problem.js';
import { settings } from './settings.js';
import { describeValidationErrors } from './validation-messages.js';

export function sendProblem(reply: FastifyReply, status: number, detail: string, extra: Partial<ProblemBody> = {}): FastifyReply {
  const body: ProblemBody = {
    type: extra.type ?? 'about:blank',
    title: titleFor(status),
    status,
    detail,
    instance: reply.request.originalUrl.split('?')[0],
    requestId: String(reply.request.id),
    ...(extra.errors ? { errors: extra.errors } : {}),
  };
  const { contentType, payload } = errorBody(body, errorContractFor(reply.request.url));
  // Also answers made before the route's own start ran (request-start.ts): a body too large, a query that does not validate.
  const lifecycle = reply.server.serviceLifecycle;
  if (lifecycle !== undefined && lifecycle.phase !== 'serving') reply.header('connection', 'close');
  // The route's own response schema must not reshape (and so empty) the error body.
  reply.code(status).header('x-request-id', String(reply.request.id)).type(contentType).serializer(String).send(payload);
  reply.server.recordAnswer?.(reply.request, reply);
  return reply;
}

/** What a 4xx says when a library (not a handler) refused the request. */
const CLIENT_DETAILS: Record<number, string> = {
  400: 'The request is not valid.',
  401: 'Credentials are required and could not be verified.',
  403: 'These credentials do not allow this request.',
  404: 'There is no resource at this address.',
  405: 'This method is not allowed here.',
  406: 'This operation cannot answer in a media type the Accept header allows.',
  408: 'The request took too long to arrive.',
  411: 'The request needs a Content-Length header.',
  413: `The body is larger than the ${settings.bodyLimitBytes} bytes this service accepts.`,
  414: 'The address is longer than this service accepts.',
  415: "The body's media type is not accepted by this operation.",
  431: 'The request headers are larger than this service accepts.',
};

export function clientDetail(status: number): string {
  return `${CLIENT_DETAILS[status] ?? `The request was refused (${titleFor(status)}).`} ${NOT_REPEAT}`;
}

function serverDetail(requestId: string): string {
  return `Something went wrong on our side, not in the request. Quote request id ${requestId} when reporting it.`;
}

/**
 * `start` is the request's start (request-start.ts: id, Host, shutting down), which the 404 handler runs
 * itself since no route did; false when it refused the request.
 */
export function installErrorHandling(
  app: FastifyInstance,
  allowedMethods: (url: string) => string[],
  start: (request: FastifyRequest, reply: FastifyReply) => boolean,
): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof ProblemError && error.status >= 400 && error.status <= 599) {
      reply.headers(error.headers);
      if (error.status >= 500) request.log.warn({ status: error.status, detail: error.detail }, 'handler reported a server problem');
      const detail = error.status < 500 && !/repeat/i.test(error.detail) ? `${error.detail.trimEnd()} ${NOT_REPEAT}` : error.detail;
      return sendProblem(reply, error.status, detail, { type: error.type, ...(error.errors ? { errors: error.errors } : {}) });
    }
    if (error.validation) {
      const errors: FieldError[] = describeValidationErrors(error.validation, error.validationContext ?? 'body', request.routeOptions.config.pathNames);
      const count = errors.length === 1 ? 'one problem' : `${errors.length} problems`;
      return sendProblem(reply, 400, `The request is not valid: ${count}, each listed with where it is. ${NOT_REPEAT}`, { errors });
    }
    switch (error.code) {
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendProblem(reply, 415, clientDetail(415));
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendProblem(reply, 413, clientDetail(413));
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return sendProblem(reply, 400, `The body is empty, but its Content-Type says JSON. ${NOT_REPEAT}`);
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return sendProblem(reply, 400, `The body is not valid JSON. ${NOT_REPEAT}`);
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return sendProblem(reply, 400, `The Content-Length header does not match the body. ${NOT_REPEAT}`);
      case 'ECONNRESET':
        // The body stopped arriving: the client went away, or was cut (408, raw-http.ts). There is no one to answer.
        request.log.info('the connection closed before the request arrived whole');
        return sendProblem(reply, 400, `The request did not arrive whole. ${NOT_REPEAT}`);
    }
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode <= 599 ? error.statusCode : 500;
    if (status < 500) {
      request.log.info({ err: error, status }, 'request refused');
      if (status === 400 && error instanceof SyntaxError) return sendProblem(reply, 400, `The body is not valid JSON. ${NOT_REPEAT}`);
      return sendProblem(reply, status, clientDetail(status));
    }
    // The operation names the handler to look at (a serialiser's refusal of NaN, say, says which value, not whose).
    request.log.error({ err: error, operationId: request.routeOptions.config.operationId ?? null }, 'unexpected error');
    // 502, 503 and 504 say something true about the service; any other 5xx is a 500.
    return sendProblem(reply, status === 502 || status === 503 || status === 504 ? status : 500, serverDetail(String(request.id)));
  });

  app.setNotFoundHandler((request, reply) => {
    // No route, so no route's start ran: the id, the Host check and shutting down are seen to here.
    if (!start(request, reply)) return reply;
    const allowed = allowedMethods(request.url.split('?')[0] ?? '/');
    if (allowed.length > 0) {
      reply.header('allow', allowed.join(', '));
      return sendProblem(reply, 405, `${request.method} is not allowed here; use ${allowed.join(', ')}. ${NOT_REPEAT}`);
    }
    return sendProblem(reply, 404, clientDetail(404));
  });
}

/**
 * Fastify's `frameworkErrors`: failures found before routing (a path with a
 * broken percent-encoding, an over-long path parameter), which would otherwise
 * answer in Fastify's own shape.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      sendProblem(reply, 400, `The address is not valid: it holds a broken percent-encoding. ${NOT_REPEAT}`);
      return;
    case 'FST_ERR_MAX_PARAM_LENGTH':
      sendProblem(reply, 414, clientDetail(414));
      return;
    default:
      reply.log.error({ err: error }, 'unexpected error before routing');
      sendProblem(reply, 500, serverDetail(String(reply.request.id)));
  }
}
