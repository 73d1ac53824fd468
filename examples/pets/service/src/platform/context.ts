/**
 * What a handler gets besides its request: who is calling, a logger bound to
 * the request, and the blueprint's mock answer for the operation.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Upstreams } from '../generated/upstreams.js';

export interface HandlerContext {
  /** The request id (X-Request-Id, honoured or generated); also in every log line and error body. */
  requestId: string;
  operationId: string;
  log: FastifyBaseLogger;
  /** The authenticated client (API key client name or token subject), when the operation is secured. */
  client: string | null;
  /** The blueprint's example (or data derived from its schema) for the success response. */
  mock<T>(): T;
  /**
   * Typed clients of the APIs this service calls (`--upstream NAME=BLUEPRINT`), bound to this
   * request: `await context.upstreams.learnerRecords.getLearner({ params: { uln } })`.
   */
  upstreams: Upstreams;
}
