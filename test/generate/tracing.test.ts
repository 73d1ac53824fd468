/**
 * Opt-in tracing in the generated service: with OTEL_EXPORTER_OTLP_ENDPOINT
 * set, the started service sends its spans to that collector (a real HTTP
 * listener here, OTLP/JSON), each request span named after its route,
 * continuing the caller's trace, with the operation id and the request id.
 * Unset, nothing is loaded or subscribed, and no hook runs for it.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import diagnostics from 'node:diagnostics_channel';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { runNew } from '../../src/cli/commands/new.js';
import { captureIo, freePort, repoRoot, scratchFolder } from './helpers.js';

let service: string;
const HANDLER_MS = 60;

before(async () => {
  service = path.join(await scratchFolder('tracing'), 'service');
  const io = captureIo();
  assert.equal(await runNew({ blueprints: ['examples/pets/pets-v1.yaml'], out: service, cwd: repoRoot }, io), 0, io.err.join('\n'));
  // A handler that takes a while, as a real one does: its span must last as long as it does.
  writeFileSync(
    path.join(service, 'src/handlers/v1/pets/getPet.ts'),
    [
      "import type { Handlers } from '../../../generated/v1/handlers.js';",
      '',
      `export const getPet: Handlers['getPet'] = async (_request, context) => {`,
      `  await new Promise((resolve) => setTimeout(resolve, ${HANDLER_MS}));`,
      '  return context.mock();',
      '};',
      '',
    ].join('\n'),
  );
});

interface OtlpValue {
  stringValue?: string;
}
interface OtlpSpan {
  traceId: string;
  parentSpanId?: string;
  name: string;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: Array<{ key: string; value: OtlpValue }>;
}
interface OtlpExport {
  resourceSpans: Array<{ resource: { attributes: Array<{ key: string; value: OtlpValue }> }; scopeSpans: Array<{ spans: OtlpSpan[] }> }>;
}

test('OTEL_EXPORTER_OTLP_ENDPOINT set: request spans reach the collector with the operation id, the request id and the caller trace', {
  timeout: 120_000,
}, async () => {
  const received: OtlpExport[] = [];
  const collector = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      if (request.url === '/v1/traces') received.push(JSON.parse(body) as OtlpExport);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  const collectorPort = await freePort();
  await new Promise<void>((resolve) => collector.listen(collectorPort, '127.0.0.1', resolve));
  const port = await freePort();
  const { NODE_TEST_CONTEXT: _nested, ...inherited } = process.env;
  // Node itself, with tsx as a loader: the tsx command relays SIGTERM to a child of its own, and kills it when the
  // child does not acknowledge within 30 ms, which a loaded machine misses (exit 143 instead of a graceful 0).
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: service,
    env: {
      ...inherited,
      PORT: String(port),
      HOST: '127.0.0.1',
      AUTH_MODE: 'mock',
      LOG_LEVEL: 'warn',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${collectorPort}`,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  server.stdout.on('data', (chunk) => (log += chunk));
  server.stderr.on('data', (chunk) => (log += chunk));
  try {
    const url = `http://127.0.0.1:${port}/v1/pets/497f6eca-6276-4993-bfeb-53cbbbba6f08`;
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    for (let deadline = Date.now() + 60_000; ; ) {
      try {
        await fetch(`http://127.0.0.1:${port}/health/live`);
        break;
      } catch (error) {
        if (server.exitCode !== null || Date.now() > deadline) throw new Error(`the service did not start: ${String(error)}\n${log}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
    const answer = await fetch(url, { headers: { 'x-request-id': 'trace-me-1', traceparent: `00-${traceId}-00f067aa0ba902b7-01` } });
    assert.equal(answer.status, 200);
    // Graceful shutdown sends the spans still buffered.
    const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    assert.equal(await exited, 0, log);

    const resources = received.flatMap((batch) => batch.resourceSpans);
    const spans = resources.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans));
    const attribute = (span: OtlpSpan, key: string) => span.attributes.find((entry) => entry.key === key)?.value.stringValue;
    const requestSpan = spans.find((span) => attribute(span, 'http.request.id') === 'trace-me-1');
    assert.ok(requestSpan, `no span with the request id among: ${spans.map((span) => span.name).join(', ')}\n${log}`);
    assert.equal(requestSpan.name, 'GET /v1/pets/:petId');
    assert.equal(attribute(requestSpan, 'openapi.operation.id'), 'getPet');
    assert.equal(requestSpan.traceId, traceId, "the caller's trace continues");
    assert.equal(requestSpan.parentSpanId, '00f067aa0ba902b7');
    // The operation's handler has a span of its own, named after the operation, lasting until its answer is sent.
    const handlerSpan = spans.find((span) => span.traceId === traceId && span.name === 'handler - getPet');
    assert.ok(handlerSpan, `no handler span among: ${spans.map((span) => span.name).join(', ')}`);
    const handlerMs = Number(BigInt(handlerSpan.endTimeUnixNano) - BigInt(handlerSpan.startTimeUnixNano)) / 1e6;
    assert.ok(handlerMs >= HANDLER_MS - 5, `the handler span lasted ${handlerMs} ms, the handler ${HANDLER_MS} ms`);
    const serviceName = resources[0]!.resource.attributes.find((entry) => entry.key === 'service.name')?.value.stringValue;
    assert.equal(serviceName, 'pets-api', 'named after the package unless OTEL_SERVICE_NAME says otherwise');
  } finally {
    server.kill('SIGKILL');
    collector.close();
  }
});

test('unset: tracing is off, nothing subscribes to Fastify and the app has no instrumentation', async () => {
  // The generated modules, typed by what this test uses of them (the repository does not compile templates).
  const { startTracing } = (await import(pathToFileURL(path.join(service, 'src/platform/tracing.ts')).href)) as {
    startTracing(env: object): Promise<{ enabled: boolean }>;
  };
  const tracing = await startTracing({});
  assert.equal(tracing.enabled, false);
  const { buildApp } = (await import(pathToFileURL(path.join(service, 'src/app.ts')).href)) as { buildApp(config: object): Promise<FastifyInstance> };
  const { loadConfig } = (await import(pathToFileURL(path.join(service, 'src/platform/config.ts')).href)) as { loadConfig(env: object): object };
  const app = await buildApp(loadConfig({ AUTH_MODE: 'mock', LOG_LEVEL: 'silent' }));
  try {
    assert.equal(diagnostics.hasSubscribers('fastify.initialization'), false);
    assert.equal(app.hasPlugin('@fastify/otel'), false);
    assert.equal((globalThis as Record<symbol, unknown>)[Symbol.for('opentelemetry.js.api.1')], undefined, 'no OpenTelemetry API registered');
  } finally {
    await app.close();
  }
});
