/**
 * Answers Node makes before Fastify has a request, in the error shape with a
 * request id, like every other answer:
 *
 * - HTTP Node cannot parse (400), headers over its limit (431), a request
 *   whose headers or body do not arrive in time (408: HEADERS_TIMEOUT_MS,
 *   REQUEST_TIMEOUT_MS), through Fastify's `clientErrorHandler`;
 * - an `Expect` other than `100-continue` (417);
 * - `CONNECT`: this service is not a proxy (400).
 *
 * A request whose headers had arrived (a body too slow) keeps the id Fastify
 * gave it and logged; otherwise a new one is made. The answer is written, the
 * connection half-closed, and what the client still sends is read and
 * dropped for a moment before the socket is destroyed (nginx's
 * lingering_close): closing with unread data would send a reset, and the
 * client could lose the answer.
 */
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { clientDetail } from './errors.js';
import { errorBody, errorContractFor, NOT_REPEAT, titleFor } from './problem.js';
import { newRequestId } from './request-id.js';
import { requestId } from './request-start.js';

/** How long a refused connection is read (and what arrives dropped) before it is destroyed. */
const LINGER_MS = 1_000;
const ANSWERED = Symbol('answered');

type RawSocket = Socket & { [ANSWERED]?: true; _httpMessage?: ServerResponse | null };

/** Expect and CONNECT; call once, before listening. */
export function installRawAnswers(app: FastifyInstance): void {
  app.server.on('checkExpectation', (request: IncomingMessage, response: ServerResponse) => {
    const id = requestId(request);
    app.log.info({ reqId: id, status: 417 }, 'request refused before routing: unknown Expect');
    const detail = `This service meets no expectation but 100-continue. ${NOT_REPEAT}`;
    const { contentType, payload } = errorBody({ type: 'about:blank', title: titleFor(417), status: 417, detail, instance: pathOf(request), requestId: id }, errorContractFor(pathOf(request)));
    response.writeHead(417, { 'content-type': contentType, 'content-length': Buffer.byteLength(payload), 'x-request-id': id, connection: 'close' }).end(payload);
  });
  app.server.on('connect', (request: IncomingMessage, socket: Socket) => {
    const id = requestId(request);
    app.log.info({ reqId: id, status: 400 }, 'request refused before routing: CONNECT');
    answer(socket as RawSocket, 400, `This service is not a proxy: CONNECT is not supported. ${NOT_REPEAT}`, id, undefined);
  });
}

/**
 * Fastify's `clientErrorHandler`: HTTP that Node could not parse (malformed
 * request line, headers too large, a request too slow to arrive).
 */
export function clientErrorHandler(this: FastifyInstance, error: Error & { code?: string }, socket: Socket): void {
  const raw = socket as RawSocket;
  if (raw[ANSWERED] || error.code === 'ECONNRESET' || socket.destroyed) return;
  const inFlight = raw._httpMessage ?? null;
  // An answer already on its way cannot be replaced; Node does the same.
  if (inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const request = inFlight?.req;
  const id = request ? requestId(request) : newRequestId();
  // The code only: the error also holds the raw bytes received, credentials included.
  this.log.info({ reqId: id, status, code: error.code ?? null }, 'request refused before routing');
  const detail = status === 400 ? `The request is not valid HTTP. ${NOT_REPEAT}` : clientDetail(status);
  answer(raw, status, detail, id, request ? pathOf(request) : undefined);
}

function answer(socket: RawSocket, status: number, detail: string, id: string, instance: string | undefined): void {
  socket[ANSWERED] = true;
  // In the shape of the version the address belongs to, when there is an address to tell.
  const contract = instance === undefined ? undefined : errorContractFor(instance);
  const { contentType, payload } = errorBody({ type: 'about:blank', title: titleFor(status), status, detail, ...(instance === undefined ? {} : { instance }), requestId: id }, contract);
  if (socket.writable) {
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${contentType}\r\nContent-Length: ${Buffer.byteLength(payload)}\r\nX-Request-Id: ${id}\r\nConnection: close\r\n\r\n${payload}`,
    );
  }
  socket.resume();
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}

function pathOf(request: IncomingMessage): string {
  return (request.url ?? '/').split('?')[0]!;
}
