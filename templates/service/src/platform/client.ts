/**
 * Who is calling. Auth names the client once per request; from then on the
 * handler, the rate limits and the metrics count by it, and every log line of
 * the request carries it, Fastify's `request completed` line included.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated client's name, for logs, metrics and rate limits (unset on public operations). */
    client?: string;
  }
}

/**
 * Every request has the property from the start (undefined until auth names
 * the client): added later, it changed the shape of most requests halfway, and
 * every place that reads a request then saw two shapes.
 */
export function declareClient(app: FastifyInstance): void {
  app.decorateRequest('client', undefined);
}

type BindableLog = { setBindings?: (bindings: Record<string, unknown>) => void };

export function identifyClient(request: FastifyRequest, client: string): void {
  request.client = client;
  // A disabled logger (LOG_LEVEL=silent) has nothing to bind.
  const log = request.log as BindableLog;
  if (typeof log.setBindings === 'function') log.setBindings({ client });
}
