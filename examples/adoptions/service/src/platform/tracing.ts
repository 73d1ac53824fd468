/**
 * Tracing with OpenTelemetry, opt-in: on when OTEL_EXPORTER_OTLP_ENDPOINT (or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set, and then configured by the
 * standard OTEL_* variables (protocol, headers, sampler, service name...).
 * Unset, nothing is loaded and no request pays for it.
 *
 * The OpenTelemetry SDK exports spans; @fastify/otel, Fastify's own
 * instrumentation, makes one per request (continuing the caller's trace from
 * its `traceparent`) and one per hook and handler. Each request span is named
 * after its route and carries the operation's id and the request's id, the one
 * every log line and error body quotes. Metrics stay with Prometheus
 * (/metrics) and logs on stdout: only traces are exported.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Span } from '@opentelemetry/api';
import type { FastifyRequest } from 'fastify';
import { projectRoot } from './project-root.js';

/** The span attributes this service adds to each request span. */
export const OPERATION_ID_ATTRIBUTE = 'openapi.operation.id';
export const REQUEST_ID_ATTRIBUTE = 'http.request.id';

export interface Tracing {
  enabled: boolean;
  /** Sends the spans still buffered, once the server has closed; never fails the shutdown. */
  shutdown(): Promise<void>;
}

export async function startTracing(env: NodeJS.ProcessEnv): Promise<Tracing> {
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint || env.OTEL_SDK_DISABLED === 'true') return { enabled: false, shutdown: async () => {} };
  // Loaded here, not imported at the top: a service without tracing never loads the SDK.
  const [{ NodeSDK }, { FastifyOtelInstrumentation }] = await Promise.all([import('@opentelemetry/sdk-node'), import('@fastify/otel')]);
  const sdk = new NodeSDK({
    ...(env.OTEL_SERVICE_NAME ? {} : { serviceName: packageName() }),
    // Subscribes to every Fastify instance as it is created (a diagnostics channel), so app.ts needs no change.
    instrumentations: [new FastifyOtelInstrumentation({ registerOnInitialization: true, requestHook: labelRequestSpan })],
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  return {
    enabled: true,
    shutdown: () =>
      sdk.shutdown().catch((error: unknown) => {
        process.stderr.write(`tracing: the last spans were not sent: ${(error as Error).message}\n`);
      }),
  };
}

/** `GET /v1/pets/:petId`, with the operation and request ids. */
export function labelRequestSpan(span: Span, request: FastifyRequest): void {
  span.setAttribute(REQUEST_ID_ATTRIBUTE, String(request.id));
  const operationId = (request.routeOptions.config as { operationId?: unknown } | undefined)?.operationId;
  if (typeof operationId === 'string') span.setAttribute(OPERATION_ID_ATTRIBUTE, operationId);
  if (request.routeOptions.url) span.updateName(`${request.method} ${request.routeOptions.url}`);
}

/** The service's name in its spans when OTEL_SERVICE_NAME does not give one: its package name. */
function packageName(): string {
  try {
    const name = (JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { name?: unknown }).name;
    return typeof name === 'string' && name !== '' ? name : 'service';
  } catch {
    return 'service';
  }
}
