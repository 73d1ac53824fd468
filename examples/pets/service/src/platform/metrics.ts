/**
 * Measure and observe. `/metrics` answers in the Prometheus text format
 * (prom-client) with, per version, operation, status and client:
 *
 * - `http_requests_total`: requests answered;
 * - `http_request_duration_seconds`: how long they took (a histogram);
 *
 * plus Node's process metrics. An operation is labelled by its operationId,
 * a platform route (health, docs, specs) by its URL, a request no route
 * matched (404, 405) by `(unmatched)`; the client is the authenticated client,
 * or `anonymous`. Each app has its own registry, so tests can build several.
 *
 * Log lines of a request carry its id (`reqId`: X-Request-Id when it is a
 * plain token, else a new UUID; every answer sends it back) and,
 * once auth has named it, the client; so does Fastify's `request completed` line.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { VersionModule } from './version-module.js';

const LABELS = ['version', 'operation', 'status', 'client'] as const;
const UNMATCHED = '(unmatched)';

export function installMetrics(app: FastifyInstance, versions: readonly VersionModule[]): Registry {
  const registry = new Registry();
  const versionOf = (url: string) => versions.find((version) => url.startsWith(`${version.prefix}/`))?.key ?? '';
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'Requests answered, by version, operation, status and client.',
    labelNames: LABELS,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving a request to sending its answer, by version, operation, status and client.',
    labelNames: LABELS,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  // Auth runs in onRequest: from here on, the handler's log lines name the client.
  // Label sets repeat (operations x statuses x clients is small): their children are looked up once,
  // and the hooks are callback-style, so measuring costs little per request.
  const children = new Map<string, { count: () => void; time: (seconds: number) => void }>();
  const childFor = (labels: Record<(typeof LABELS)[number], string>) => {
    const key = `${labels.version}\u0000${labels.operation}\u0000${labels.status}\u0000${labels.client}`;
    let child = children.get(key);
    if (!child) {
      const counter = requests.labels(labels);
      const histogram = duration.labels(labels);
      child = { count: () => counter.inc(), time: (seconds) => histogram.observe(seconds) };
      children.set(key, child);
    }
    return child;
  };
  app.addHook('preValidation', (request, _reply, done) => {
    logClient(request);
    done();
  });
  app.addHook('onResponse', (request, reply, done) => {
    logClient(request);
    const child = childFor({ ...routeLabels(request, versionOf), status: String(reply.statusCode), client: request.client ?? 'anonymous' });
    child.count();
    child.time(reply.elapsedTime / 1000);
    done();
  });

  app.get('/metrics', { config: { platform: true } }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return reply.type(registry.contentType).send(await registry.metrics());
  });
  app.addHook('onClose', async () => {
    registry.clear();
  });
  return registry;
}

function routeLabels(request: FastifyRequest, versionOf: (url: string) => string): { version: string; operation: string } {
  const options = request.routeOptions;
  const operationId = options.config.operationId;
  if (operationId !== undefined && options.url) return { version: versionOf(options.url), operation: operationId };
  return { version: '', operation: request.is404 || !options.url ? UNMATCHED : options.url };
}

const REQUEST_ID = /^[A-Za-z0-9._:@+=-]{1,128}$/;

/** Fastify's genReqId: the caller's X-Request-Id when it is a plain token of at most 128 characters, else a new UUID. */
export function requestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

const bound = new WeakSet<FastifyRequest>();

/** Adds the client to the request's log lines once auth has named it. */
function logClient(request: FastifyRequest): void {
  if (!request.client || bound.has(request)) return;
  bound.add(request);
  const log = request.log as { setBindings?: (bindings: Record<string, unknown>) => void };
  if (typeof log.setBindings === 'function') log.setBindings({ client: request.client });
}
