/**
 * Outer and inner APIs, for real, as a team runs them. An inner service (the
 * pets example, secured with OAuth2 client credentials) and an outer service
 * generated with `--upstream pets=...`, whose handler calls it through the
 * typed client: both made by the built CLI (`bin/design-first.js`) in a folder
 * outside this repository, `npm install`ed from the registry, built with
 * `npm run build` and started with `node dist/src/server.js`; a local token
 * endpoint and JWKS on 127.0.0.1. The outer's call gets a token once and
 * reuses it, the inner verifies it, an inner 404 reaches the handler typed, a
 * hanging inner gives the caller 504 within the timeout, an inner 503 with
 * Retry-After is retried after the wait it asks for, and the circuit opens
 * after repeated failures and closes once the inner is back. Then day two, on
 * the installed outer: `diff --service` and `update --upstream` name the call
 * an upstream's breaking change affects, and the update's type-check the
 * handler that no longer compiles.
 */
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { parse, stringify } from 'yaml';
import { freePort, installServiceShared, packedTool, repoRoot, run } from '../generate/helpers.js';
import { ISSUER, startIdentityProvider, type LocalIdentityProvider } from './identity-provider.js';
import { asBuilt, fixture, metric, startOn, useHandler, type Running } from './services.js';

const MISSING = '00000000-0000-4000-8000-000000000404';
const SLOW = '00000000-0000-4000-8000-000000000504';
const BUSY = '00000000-0000-4000-8000-000000000503';
const GOOD = '5b0a5e36-6a0c-4f0e-9d7c-2b0f8f1f3c11';
const TIMEOUT_MS = 1500;
const BREAKER_OPEN_MS = 2000;
const SECRET = 'adoptions-secret-for-tests-only';

const cli = path.join(repoRoot, 'bin/design-first.js');
const designFirst = (args: string[], cwd: string) => run(process.execPath, [cli, ...args], cwd, { NO_COLOR: '1' });
const npm = (folder: string, ...args: string[]) =>
  run('npm', args, folder, { npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' }, 480_000);

let folder = '';
let innerDir = '';
let outerDir = '';
let idp: LocalIdentityProvider;
let inner: Running;
let outer: Running;
let innerEnv: NodeJS.ProcessEnv;
let outerEnv: NodeJS.ProcessEnv;
let callerToken = '';

before(async () => {
  // Outside the repository, so that the installs are real and nothing resolves from design-first's own node_modules.
  folder = await mkdtemp(path.join(os.tmpdir(), 'df-upstream-'));
  await copyFile(path.join(repoRoot, 'examples/pets/pets-v1.yaml'), path.join(folder, 'pets.yaml'));
  await copyFile(path.join(repoRoot, 'examples/adoptions/adoptions.yaml'), path.join(folder, 'adoptions.yaml'));
  innerDir = path.join(folder, 'pets');
  outerDir = path.join(folder, 'adoptions');
  const made = [
    await designFirst(['new', 'pets.yaml', '--out', 'pets'], folder),
    await designFirst(['new', 'adoptions.yaml', '--upstream', 'pets=pets.yaml', '--out', 'adoptions'], folder),
  ];
  for (const result of made) assert.equal(result.code, 0, result.stdout + result.stderr);
  assert.match(made[1]!.stdout, /^design-first: wrote \d+ files to .*adoptions: \/v1 \(1 operations\); upstream pets: Pets API 1\.2\.0 \(4 operations\)$/m);
  await useHandler(innerDir, 'pets-get-pet.ts', 'pets/getPet');
  await useHandler(outerDir, 'adoptions-get-adoption.ts', 'adoptions/getAdoption');
  for (const service of [innerDir, outerDir]) {
    // The service pins the tool that made it, which is not on the registry: installed from the packed tool (shared, see helpers.ts).
    const install = await installServiceShared(service, await packedTool());
    assert.equal(install.code, 0, install.stdout + install.stderr.slice(-3000));
    const build = await npm(service, 'run', 'build');
    assert.equal(build.code, 0, build.stdout + build.stderr);
  }

  idp = await startIdentityProvider({ adoptions: SECRET });
  callerToken = await idp.mint('rehoming-centre', 'api://adoptions', 'adoptions.read');
  const [innerPort, outerPort] = [await freePort(), await freePort()];
  innerEnv = { AUTH_JWKS_URL: idp.jwksUrl, AUTH_ISSUER: ISSUER, AUTH_AUDIENCE: 'api://pets' };
  outerEnv = {
    AUTH_JWKS_URL: idp.jwksUrl,
    AUTH_ISSUER: ISSUER,
    AUTH_AUDIENCE: 'api://adoptions',
    UPSTREAM_PETS_URL: `http://127.0.0.1:${innerPort}/v1`,
    UPSTREAM_PETS_TOKEN_URL: idp.tokenUrl,
    UPSTREAM_PETS_CLIENT_ID: 'adoptions',
    UPSTREAM_PETS_CLIENT_SECRET: SECRET,
    UPSTREAM_PETS_SCOPE: 'pets.read',
    UPSTREAM_PETS_AUDIENCE: 'api://pets',
    UPSTREAM_PETS_TIMEOUT_MS: String(TIMEOUT_MS),
    UPSTREAM_PETS_RETRIES: '2',
    UPSTREAM_PETS_BREAKER_FAILURES: '3',
    UPSTREAM_PETS_BREAKER_OPEN_MS: String(BREAKER_OPEN_MS),
    UPSTREAM_PETS_CRITICAL: 'true',
  };
  [inner, outer] = await Promise.all([startOn(innerDir, innerPort, innerEnv, asBuilt), startOn(outerDir, outerPort, outerEnv, asBuilt)]);
});

after(async () => {
  await Promise.all([inner?.stop(), outer?.stop()]);
  await idp?.close();
  await rm(folder, { recursive: true, force: true });
});

const adoption = (petId: string, headers: Record<string, string> = {}) =>
  fetch(`${outer.url}/v1/adoptions/${petId}`, { headers: { authorization: `Bearer ${callerToken}`, ...headers } });
const scrape = async (service: Running) => (await fetch(`${service.url}/metrics`)).text();

test('the outer gets a token once and reuses it, for concurrent and later calls alike', async () => {
  const first = await Promise.all(Array.from({ length: 10 }, () => adoption(GOOD)));
  for (const response of first) assert.equal(response.status, 200, await response.text());
  for (let i = 0; i < 5; i++) assert.equal((await adoption(GOOD)).status, 200);
  assert.equal(idp.issued.length, 1, JSON.stringify(idp.issued));
  assert.deepEqual(idp.issued[0], { clientId: 'adoptions', scope: 'pets.read', audience: 'api://pets', auth: 'basic' });
  const metrics = await scrape(outer);
  assert.equal(metric(metrics, 'upstream_token_requests_total', { upstream: 'pets', outcome: 'issued' }), 1);
  assert.equal(metric(metrics, 'upstream_requests_total', { upstream: 'pets', operation: 'getPet', outcome: '200' }), 15);
  const body = (await (await adoption(GOOD)).json()) as Record<string, unknown>;
  assert.deepEqual(body, { PetId: GOOD, Name: 'Tibbles', Adoptable: true });
});

test('the inner verifies the token: it names the outer as its client, and refuses a call without one', async () => {
  const metrics = await scrape(inner);
  assert.ok(
    metric(metrics, 'http_requests_total', { operation: 'getPet', status: '200', client: 'adoptions' }) >= 15,
    metrics
      .split('\n')
      .filter((l) => l.startsWith('http_requests_total'))
      .join('\n'),
  );
  assert.equal((await fetch(`${inner.url}/v1/pets/${GOOD}`)).status, 401);
  const wrongAudience = await idp.mint('adoptions', 'api://adoptions', 'pets.read');
  assert.equal((await fetch(`${inner.url}/v1/pets/${GOOD}`, { headers: { authorization: `Bearer ${wrongAudience}` } })).status, 401);
});

test("an inner 404 reaches the outer's handler typed, and it answers in its own words", async () => {
  const response = await adoption(MISSING);
  assert.equal(response.status, 404);
  const body = (await response.json()) as { detail: string };
  assert.match(body.detail, /^The pet register has no such pet \(it answered 404 Not Found\)\./);
});

test('the typed client does not let a handler read the pet before it has checked the status (tsc)', { timeout: 120_000 }, async () => {
  const handler = path.join(outerDir, 'src/handlers/v1/adoptions/getAdoption.ts');
  assert.equal((await npm(outerDir, 'run', 'typecheck')).code, 0);
  await copyFile(fixture('handlers/adoptions-untyped.ts'), handler);
  try {
    const checked = await npm(outerDir, 'run', 'typecheck');
    assert.notEqual(checked.code, 0);
    assert.match(checked.stdout, /getAdoption\.ts.*Property 'Name' does not exist on type/s);
  } finally {
    await copyFile(fixture('handlers/adoptions-get-adoption.ts'), handler);
  }
});

test('an inner that hangs gives the caller 504 within the timeout, in the error shape, saying nothing of the inner', async () => {
  const started = Date.now();
  const response = await adoption(SLOW);
  const elapsed = Date.now() - started;
  assert.equal(response.status, 504);
  assert.ok(elapsed >= TIMEOUT_MS - 50 && elapsed < TIMEOUT_MS + 1000, `answered after ${elapsed} ms`);
  assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const text = await response.text();
  const body = JSON.parse(text) as Record<string, unknown>;
  assert.equal(body.status, 504);
  assert.equal(body.detail, 'A service this API depends on did not answer in time. Try again later.');
  assert.doesNotMatch(text, /pets|127\.0\.0\.1|timed out|cancel|Tibbles|stack|cockatiel/i);
});

test('an inner 503 with Retry-After is retried after the wait it asks for; the request id goes with every attempt', async () => {
  const started = Date.now();
  const response = await adoption(BUSY, { 'x-request-id': 'busy-check-1' });
  const elapsed = Date.now() - started;
  assert.equal(response.status, 200, await response.clone().text());
  assert.equal(response.headers.get('x-request-id'), 'busy-check-1');
  assert.ok(elapsed >= 1000, `retried after ${elapsed} ms, before the second Retry-After asked for`);
  // The inner's log lines arrive through a pipe, a moment after its answers.
  const attempts = () =>
    inner
      .output()
      .split('\n')
      .filter((line) => line.includes('"busy pet asked for"') && line.includes('"reqId":"busy-check-1"'));
  for (let wait = 0; attempts().length < 2 && wait < 40; wait++) await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(attempts().length, 2, inner.output().slice(-3000));
  assert.ok(metric(await scrape(outer), 'upstream_retries_total', { upstream: 'pets', operation: 'getPet' }) >= 1);
});

test('the circuit opens after repeated failures (503 at once, not ready) and closes after the inner recovers', { timeout: 120_000 }, async () => {
  await inner.stop();
  // No answer: the call and its retries fail, the third consecutive failure opens the circuit.
  const failed = await adoption(GOOD);
  assert.equal(failed.status, 502, await failed.text());
  const started = Date.now();
  const open = await adoption(GOOD);
  assert.equal(open.status, 503);
  assert.ok(Date.now() - started < 500, 'an open circuit answers at once');
  assert.ok(Number(open.headers.get('retry-after')) >= 1);
  const ready = await fetch(`${outer.url}/health/ready`);
  assert.equal(ready.status, 503);
  assert.equal(((await ready.json()) as { checks: Record<string, string> }).checks['upstream:pets'], 'fail');
  assert.equal(metric(await scrape(outer), 'upstream_circuit_open', { upstream: 'pets' }), 1);

  inner = await startOn(innerDir, inner.port, innerEnv, asBuilt);
  await new Promise((resolve) => setTimeout(resolve, BREAKER_OPEN_MS + 200));
  const recovered = await adoption(GOOD);
  assert.equal(recovered.status, 200, await recovered.clone().text());
  assert.equal((await fetch(`${outer.url}/health/ready`)).status, 200);
  assert.equal(metric(await scrape(outer), 'upstream_circuit_open', { upstream: 'pets' }), 0);
  assert.equal(idp.issued.length, 1, 'the token outlived the outage');
});

test("the outer's own tests pass with the inner answered from its blueprint's mocks (no inner, no token endpoint)", { timeout: 240_000 }, async () => {
  const result = await npm(outerDir, 'test');
  assert.equal(result.code, 0, result.stdout.slice(-4000) + result.stderr.slice(-2000));
  // Node 20 reports TAP to a pipe, Node 22 and 24 their spec reporter.
  assert.match(result.stdout, /^(# |ℹ )fail 0$/m);
  assert.doesNotMatch(result.stdout, /^(# |ℹ )pass 0$/m);
});

test('the outer refuses to start without an upstream setting it needs, naming the variable (exit 78)', { timeout: 60_000 }, async () => {
  const result = await run(
    process.execPath,
    ['dist/src/server.js'],
    outerDir,
    { ...outerEnv, UPSTREAM_PETS_CLIENT_ID: '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' },
    60_000,
  );
  assert.equal(result.code, 78, result.stdout + result.stderr);
  assert.match(result.stderr.trim(), /^configuration error: UPSTREAM_PETS_CLIENT_ID is not set: calling upstream pets \(Pets API\) needs it/);
  assert.equal(result.stderr.trim().split('\n').length, 1);
});

test('with the OpenTelemetry SDK registered (node --import), each upstream call of the built outer is a client span', { timeout: 240_000 }, async () => {
  const added = await npm(outerDir, 'install', '--no-save', '--prefer-offline', '@opentelemetry/sdk-trace-node@2');
  assert.equal(added.code, 0, added.stdout + added.stderr.slice(-3000));
  await copyFile(fixture('tracing-sdk.mjs'), path.join(outerDir, 'tracing-sdk.mjs'));
  const spansFile = path.join(folder, 'spans.jsonl');
  const traced = await startOn(outerDir, await freePort(), { ...outerEnv, SPANS_FILE: spansFile }, [
    process.execPath,
    '--import',
    './tracing-sdk.mjs',
    'dist/src/server.js',
  ]);
  try {
    const call = (petId: string) => fetch(`${traced.url}/v1/adoptions/${petId}`, { headers: { authorization: `Bearer ${callerToken}` } });
    assert.equal((await call(GOOD)).status, 200);
    assert.equal((await call(SLOW)).status, 504);
  } finally {
    await traced.stop();
  }
  type Exported = { name: string; kind: number; traceId: string; parentSpanId: string | null; attributes: Record<string, unknown>; status: { code: number } };
  const spans = (await readFile(spansFile, 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Exported);
  const calls = spans.filter((span) => span.attributes['peer.service'] === 'pets');
  assert.equal(calls.length, 2, JSON.stringify(spans, null, 1));
  const [good, slow] = calls as [Exported, Exported];
  for (const span of calls) {
    assert.equal(span.name, 'GET /pets/{petId}');
    assert.equal(span.kind, 2, 'SpanKind.CLIENT');
    assert.equal(span.attributes['http.request.method'], 'GET');
    assert.equal(span.attributes['url.template'], '/pets/{petId}');
    assert.equal(span.attributes['upstream.operation'], 'getPet');
  }
  assert.equal(good.attributes['http.response.status_code'], 200);
  assert.equal(good.status.code, 0, 'unset: a success');
  assert.equal(slow.attributes['error.type'], 'timeout');
  assert.equal(slow.status.code, 2, 'SpanStatusCode.ERROR');
  assert.notEqual(good.traceId, slow.traceId, 'two requests, two traces');
});

test('day two on the installed outer: diff --service and update --upstream name the call a breaking change affects, and the type-check the handler', {
  timeout: 300_000,
}, async () => {
  // The next pets API renames Pet.Name: every answer holding a pet loses `Name`.
  const document = parse(await readFile(path.join(folder, 'pets.yaml'), 'utf8')) as {
    info: { version: string };
    components: { schemas: { Pet: { required: string[]; properties: Record<string, unknown> } } };
  };
  const pet = document.components.schemas.Pet;
  pet.properties = Object.fromEntries(Object.entries(pet.properties).map(([key, value]) => [key === 'Name' ? 'FullName' : key, value]));
  pet.required = pet.required.map((key) => (key === 'Name' ? 'FullName' : key));
  document.info.version = '1.3.0';
  await writeFile(path.join(folder, 'pets-next.yaml'), stringify(document));
  const called =
    /upstream pets: getPet \(GET \/pets\/\{petId\}\) has \d+ breaking change\(s\) and is called at src\/handlers\/v1\/adoptions\/getAdoption\.ts:6/;

  const diff = await designFirst(['diff', 'adoptions/blueprints/upstreams/pets.yaml', 'pets-next.yaml', '--service', 'adoptions'], folder);
  assert.equal(diff.code, 0, diff.stdout + diff.stderr);
  assert.match(diff.stdout, called);

  const update = await designFirst(['update', '--dir', 'adoptions', '--upstream', 'pets=pets-next.yaml'], folder);
  assert.match(update.stdout, called);
  // The update applies (the upstream is another team's) and its type-check, with the service's own compiler, names the handler.
  assert.equal(update.code, 1, update.stdout + update.stderr);
  assert.match(update.stderr, /DF_ERR_UPDATE_TYPECHECK/);
  assert.match(update.stderr, /getAdoption/);
  assert.match(await readFile(path.join(outerDir, 'blueprints/upstreams/pets.yaml'), 'utf8'), /version: 1\.3\.0/);
  assert.match(await readFile(path.join(outerDir, 'src/generated/upstreams/pets/types.ts'), 'utf8'), /FullName/);
});
