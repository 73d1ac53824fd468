/**
 * The platform every service gets: health, versions, spec and docs endpoints,
 * metrics, and the error shape for failures.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { versions } from '../src/generated/versions.js';
import { Counter, Histogram, Registry } from 'prom-client';
import { BUCKETS, RequestMetrics } from '../src/platform/request-metrics.js';
import { settings } from '../src/platform/settings.js';
import { errorOf, testApp } from './helpers.js';

const app = await testApp();
after(() => app.close());
const first = versions[0]!;

test('health endpoints answer', async () => {
  assert.equal((await app.inject('/health/live')).statusCode, 200);
  assert.equal((await app.inject('/health/ready')).statusCode, 200);
});

test('/versions lists every version with links to its spec and docs', async () => {
  const body = (await app.inject('/versions')).json();
  assert.deepEqual(body.versions.map((v: { version: string }) => v.version), versions.map((v) => v.key));
  assert.ok(body.versions[0].links.some((link: { href: string }) => link.href === `${first.prefix}/openapi.json`));
  // The playbook (name and version; null for design-first's built-in one) the service and each version answer as.
  assert.deepEqual(body.playbook, settings.playbook);
  for (const [index, version] of versions.entries()) assert.deepEqual(body.versions[index].playbook, settings.versions[version.prefix]!.playbook);
});

test('each version serves its blueprint as JSON and YAML, and a docs page', async () => {
  for (const version of versions) {
    const json = await app.inject(`${version.prefix}/openapi.json`);
    assert.equal(json.statusCode, 200);
    assert.match(String(json.json().openapi), /^3\./);
    const yaml = await app.inject(`${version.prefix}/openapi.yaml`);
    assert.equal(yaml.statusCode, 200);
    assert.match(yaml.body, /openapi/);
    const docs = await app.inject(`${version.prefix}/docs`);
    assert.equal(docs.statusCode, 200);
    assert.match(docs.body, /swagger-ui-bundle\.js/);
    assert.doesNotMatch(docs.body, /https?:\/\//, 'the docs page loads nothing from elsewhere');
    assert.equal((await app.inject('/docs-assets/swagger-ui-bundle.js')).statusCode, 200);
  }
});

test("an unknown route answers 404 in the playbook's error shape", async () => {
  for (const url of ['/no/such/thing', ...versions.map((version) => `${version.prefix}/no/such/thing`)]) {
    const response = await app.inject(url);
    assert.equal(response.statusCode, 404);
    const error = errorOf(response);
    assert.match(error.detail, /not repeat/i);
    assert.deepEqual(error.errors, []);
  }
});

test('/metrics answers in the Prometheus text format, counting requests per operation', async () => {
  await app.inject('/health/live');
  const response = await app.inject('/metrics');
  assert.equal(response.statusCode, 200);
  assert.match(String(response.headers['content-type']), /^text\/plain/);
  assert.match(response.body, /^http_requests_total\{.*operation="\/health\/live".*\} \d+$/m);
  assert.match(response.body, /^http_request_duration_seconds_count\{/m);
});

test('request metrics: cumulative buckets, sum and count per label set, label values escaped', () => {
  const metrics = new RequestMetrics();
  const series = metrics.createSeries({ version: 'v1', operation: 'op', status: '200', client: 'a"b\\c\nd' });
  series.observe(0.001);
  series.observe(0.02);
  series.observe(60);
  const text = metrics.render();
  const labels = 'version="v1",operation="op",status="200",client="a\\"b\\\\c\\nd"';
  assert.ok(text.includes(`http_requests_total{${labels}} 3\n`));
  assert.ok(text.includes(`http_request_duration_seconds_bucket{le="0.005",${labels}} 1\n`));
  assert.ok(text.includes(`http_request_duration_seconds_bucket{le="0.025",${labels}} 2\n`));
  assert.ok(text.includes(`http_request_duration_seconds_bucket{le="10",${labels}} 2\n`));
  assert.ok(text.includes(`http_request_duration_seconds_bucket{le="+Inf",${labels}} 3\n`));
  assert.ok(text.includes(`http_request_duration_seconds_count{${labels}} 3\n`));
  assert.match(text, /^# TYPE http_request_duration_seconds histogram$/m);
});

test('request metrics are written as prom-client writes the same observations', async () => {
  const ours = new RequestMetrics();
  const registry = new Registry();
  const labelNames = ['version', 'operation', 'status', 'client'] as const;
  const counter = new Counter({ name: 'http_requests_total', help: 'Requests answered, by version, operation, status and client.', labelNames, registers: [registry] });
  const histogram = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving a request to sending its answer, by version, operation, status and client.',
    labelNames,
    buckets: [...BUCKETS],
    registers: [registry],
  });
  const observations: Array<[{ version: string; operation: string; status: string; client: string }, number]> = [
    [{ version: 'v1', operation: 'listPets', status: '200', client: 'anonymous' }, 0.0031],
    [{ version: 'v1', operation: 'listPets', status: '200', client: 'anonymous' }, 0.25],
    [{ version: 'v1', operation: 'getPet', status: '404', client: 'a"b\\c\nd' }, 12],
    [{ version: 'v1', operation: 'listPets', status: '200', client: 'anonymous' }, 0.1 + 0.2],
  ];
  const series = new Map<string, ReturnType<RequestMetrics['createSeries']>>();
  for (const [labels, seconds] of observations) {
    const key = JSON.stringify(labels);
    if (!series.has(key)) series.set(key, ours.createSeries(labels));
    series.get(key)!.observe(seconds);
    counter.inc(labels);
    histogram.observe(labels, seconds);
  }
  assert.equal(ours.render(), await registry.metrics());
});

test('a known path with an unknown method answers 405 with Allow', async (t) => {
  const route = first.routes.find((r) => !r.url.includes(':') && !r.dispatch);
  if (!route) return t.skip('every path of this API has a parameter');
  const other = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].find((m) => !first.routes.some((r) => r.url === route.url && r.method === m));
  if (!other) return t.skip(`${route.url} answers every method tried`);
  const response = await app.inject({ method: other as 'GET', url: first.prefix + route.url.replace(/::/g, ':') });
  assert.equal(response.statusCode, 405);
  assert.ok(String(response.headers.allow).includes(route.method));
});

test('every answer carries a request id, and an incoming X-Request-Id is honoured', async () => {
  const response = await app.inject({ url: '/health/live', headers: { 'x-request-id': 'abc-123' } });
  assert.equal(response.headers['x-request-id'], 'abc-123');
});

test('a request without a usable X-Request-Id gets a new random id: 32 hex digits, never the same twice', async () => {
  const made = new Set<string>();
  // More than one pool of random bytes (request-id.ts draws 256 ids at a time), so a refill is crossed.
  for (let index = 0; index < 600; index += 1) {
    const headers = index % 2 === 0 ? {} : { 'x-request-id': 'not a plain token' };
    const id = String((await app.inject({ url: '/health/live', headers })).headers['x-request-id']);
    assert.match(id, /^[0-9a-f]{32}$/);
    made.add(id);
  }
  assert.equal(made.size, 600);
});
