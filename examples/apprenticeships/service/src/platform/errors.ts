/**
 * Every failure answers in the problem shape: validation, unknown routes and
 * methods, media types, body size, handler problems and unexpected exceptions.
 * Library messages, stacks and paths are logged with the request id, never sent.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ProblemError, titleFor, type FieldError, type ProblemBody } from './problem.js';
import { describeValidationErrors } from './validation-messages.js';

const NOT_REPEAT = 'Do not repeat the request unchanged.';

export function sendProblem(
  reply: FastifyReply,
  status: number,
  detail: string,
  extra: Partial<ProblemBody> = {},
): FastifyReply {
  const body: ProblemBody = {
    type: extra.type ?? 'about:blank',
    title: titleFor(status),
    status,
    detail,
    instance: reply.request.url.split('?')[0],
    requestId: String(reply.request.id),
    ...(extra.errors ? { errors: extra.errors } : {}),
  };
  // The route's own response schema must not reshape (and so empty) the problem body.
  return reply
    .code(status)
    .type('application/problem+json; charset=utf-8')
    .serializer(JSON.stringify)
    .send(body);
}

export function installErrorHandling(
  app: FastifyInstance,
  allowedMethods: (url: string) => string[],
): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof ProblemError) {
      reply.headers(error.headers);
      return sendProblem(reply, error.status, error.detail, {
        type: error.type,
        ...(error.errors ? { errors: error.errors } : {}),
      });
    }
    if (error.validation) {
      const errors: FieldError[] = describeValidationErrors(
        error.validation,
        error.validationContext ?? 'body',
      );
      return sendProblem(
        reply,
        400,
        `The request is not valid: ${errors.length} problem(s) listed in errors. ${NOT_REPEAT}`,
        { errors },
      );
    }
    switch (error.code) {
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendProblem(
          reply,
          415,
          `The body's media type is not accepted by this operation. ${NOT_REPEAT}`,
        );
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendProblem(
          reply,
          413,
          `The body is larger than this service accepts. ${NOT_REPEAT}`,
        );
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return sendProblem(reply, 400, `The body is not valid JSON. ${NOT_REPEAT}`);
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return sendProblem(
          reply,
          400,
          `The Content-Length header does not match the body. ${NOT_REPEAT}`,
        );
    }
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 400 && status < 500) {
      if (status === 400 && error instanceof SyntaxError)
        return sendProblem(reply, 400, `The body is not valid JSON. ${NOT_REPEAT}`);
      return sendProblem(
        reply,
        status,
        `The request was refused (${titleFor(status)}). ${NOT_REPEAT}`,
      );
    }
    request.log.error({ err: error }, 'unexpected error');
    return sendProblem(
      reply,
      500,
      `Something went wrong on our side. Quote request id ${String(request.id)} when reporting it.`,
    );
  });

  app.setNotFoundHandler((request, reply) => {
    const allowed = allowedMethods(request.url.split('?')[0] ?? '/');
    if (allowed.length > 0) {
      reply.header('allow', allowed.join(', '));
      return sendProblem(
        reply,
        405,
        `${request.method} is not allowed here; use ${allowed.join(', ')}. ${NOT_REPEAT}`,
      );
    }
    return sendProblem(reply, 404, `There is no resource at this address. ${NOT_REPEAT}`);
  });
}
