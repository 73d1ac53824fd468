/**
 * Measure and observe. `/metrics` answers in the Prometheus text format
 * with, per version, operation, status and client (request-metrics.ts):
 *
 * - `http_requests_total`: requests answered;
 * - `http_request_duration_seconds`: how long they took (a histogram);
 *
 * plus Node's process metrics (prom-client). An operation is labelled by its
 * operationId, a platform route (health, docs, specs) by its URL, a request no
 * route matched (404, 405) by `(unmatched)`; the client is the authenticated
 * client, or `anonymous`. Each app has its own measures, so tests can build several.
 *
 * Log lines of a request carry its id (`reqId`, request-start.ts) and, once
 * auth has named it, the client (client.ts); so does Fastify's `request completed` line.
 */
import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { RequestMetrics, type Series } from './request-metrics.js';
import { withHook } from './route-hooks.js';
import type { VersionModule } from './version-module.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route's meter, set when the route is registered (installMetrics). Typed by
     * its shape, not as RouteMeter: a class type would clash when several services
     * are type-checked in one program (the corpus and hostile suites do).
     */
    meter?: { record(status: number, client: string, seconds: number): void };
  }
}

const UNMATCHED = '(unmatched)';

/** Per registry, the families kept by parts of the service as plain numbers and written as text (request-metrics.ts). */
const textFamilies = new WeakMap<Registry, Array<() => string>>();

/** Writes what `render` gives into the /metrics answer of the app whose registry this is, after prom-client's families. */
export function addTextFamilies(registry: Registry, render: () => string): void {
  const renders = textFamilies.get(registry) ?? [];
  renders.push(render);
  textFamilies.set(registry, renders);
}

/** The /metrics answer: prom-client's families (Node's process metrics and any registered there), then those kept as text. */
export async function metricsText(registry: Registry): Promise<string> {
  return [await registry.metrics(), ...(textFamilies.get(registry) ?? []).map((render) => render())].join('\n');
}

/**
 * The measures of one route. Its version and operation labels are decided
 * when the route is registered, and the series of each (status, client) is
 * made on first use and kept, so a request costs two Map lookups and a few additions.
 */
export class RouteMeter {
  private readonly byClient = new Map<string, Map<number, Series>>();

  constructor(
    private readonly metrics: RequestMetrics,
    private readonly version: string,
    private readonly operation: string,
  ) {}

  record(status: number, client: string, seconds: number): void {
    let byStatus = this.byClient.get(client);
    if (byStatus === undefined) {
      byStatus = new Map();
      this.byClient.set(client, byStatus);
    }
    let series = byStatus.get(status);
    if (series === undefined) {
      series = this.metrics.createSeries({ version: this.version, operation: this.operation, status: String(status), client });
      byStatus.set(status, series);
    }
    series.observe(seconds);
  }
}

/**
 * Records an answer once (a request answered by sendProblem inside a handler
 * that records too is counted once): its route's meter, status, client, and
 * the time from receiving the request to handing the answer to the socket.
 */
export type RecordAnswer = (request: FastifyRequest, reply: FastifyReply, meter?: Meter) => void;

/** A route's meter, as its config holds it. */
type Meter = NonNullable<FastifyContextConfig['meter']>;

declare module 'fastify' {
  interface FastifyInstance {
    /** The metrics of this app (installMetrics); sendProblem records every answer it makes through it. */
    recordAnswer?: RecordAnswer;
  }
  interface FastifyRequest {
    /** Set once the answer to the request was counted (metrics.ts). */
    answerRecorded: boolean;
  }
  interface FastifyContextConfig {
    /** The route's handler records its answers itself (routes.ts): no onResponse hook is added for it. */
    recordsInline?: boolean;
  }
}

/**
 * Call before any route is registered: each route gets its meter as it is
 * added. Where an answer is recorded is decided per route, as the request's
 * start is (request-start.ts): an operation's handler records its own answer
 * after sending it, and sendProblem every error answer, so the common request
 * pays for no onResponse hook; other routes (health, docs, a team's plugin)
 * get one.
 */
export function installMetrics(app: FastifyInstance, versions: readonly VersionModule[]): { registry: Registry; recordAnswer: RecordAnswer } {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const metrics = new RequestMetrics();
  addTextFamilies(registry, () => metrics.render());
  const unmatched = new RouteMeter(metrics, '', UNMATCHED);
  // The meter is given by a caller that knows it (an operation's handler keeps its route's): the route's config
  // is otherwise read through request.routeOptions, which Fastify builds anew on every read.
  const recordAnswer: RecordAnswer = (request, reply, meter) => {
    if (request.answerRecorded) return;
    request.answerRecorded = true;
    (meter ?? request.routeOptions.config.meter ?? unmatched).record(reply.statusCode, request.client ?? 'anonymous', reply.elapsedTime / 1000);
  };
  app.decorateRequest('answerRecorded', false);
  app.decorate('recordAnswer', recordAnswer);
  const onResponse = (request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    recordAnswer(request, reply);
    done();
  };

  const versionOf = (url: string) => versions.find((version) => url.startsWith(`${version.prefix}/`))?.key ?? '';
  // One meter per label set: the HEAD route Fastify adds beside each GET shares its GET's, or the
  // scrape would write the same series twice (and Prometheus keep only one of them).
  const meters = new Map<string, RouteMeter>();
  app.addHook('onRoute', (route) => {
    const operationId = route.config?.operationId;
    const [version, operation] = operationId !== undefined ? [versionOf(route.url), operationId] : ['', route.url];
    const key = `${version}\u0000${operation}`;
    let meter = meters.get(key);
    if (meter === undefined) {
      meter = new RouteMeter(metrics, version, operation);
      meters.set(key, meter);
    }
    route.config = { ...route.config, meter };
    if (route.config.recordsInline === true) return;
    route.onResponse = withHook(route.onResponse, onResponse, 'last');
  });

  app.get('/metrics', { config: { platform: true } }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return reply.type(registry.contentType).send(await metricsText(registry));
  });
  app.addHook('onClose', async () => {
    registry.clear();
  });
  return { registry, recordAnswer };
}
