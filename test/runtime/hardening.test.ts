/**
 * A generated service under hostile traffic, as it runs (`tsx src/server.ts`
 * on 127.0.0.1, bearer tokens from a local identity provider, subscription
 * keys): the tenancies API (fixtures/tenancies.yaml: OAuth 2 client
 * credentials, a public rate-limited listing, bodies with money and dates, a
 * partial update).
 *
 * - a bounded fuzz (fixed seed) of malformed and hostile requests: no 5xx,
 *   every answer in the error shape with a request id, no credential in any
 *   log line, no connection held past the timeouts;
 * - rate limits that made-up subscription keys do not get around;
 * - numbers too large for a double, refused where they are; a handler's NaN
 *   a 500 logged with its operation, never a quiet null;
 * - /health/ready following the identity provider's key set.
 *
 * Shutdown under load is in shutdown.test.ts.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Redis } from 'ioredis';
import { after, before, describe, test } from 'node:test';
import { fuzzCases, type FuzzCase } from './fuzz-requests.js';
import { fixture, generate, startService, writeHandler, type Started } from './generated-service.js';
import { startIdentityProvider, type IdentityProvider } from './identity-provider.js';
import { exchange, type Exchange } from './raw-exchange.js';
import { noRedis, startRedis } from './redis-server.js';

const TENANCY = '0b6f7f1e-2c5d-4a51-9d8e-3f3c4c1f2a77';
const API_KEY = randomBytes(24).toString('hex');
/** Short timeouts, so that a stalled client costs the test about a second. */
const TIMEOUTS = { HEADERS_TIMEOUT_MS: '600', REQUEST_TIMEOUT_MS: '1200', KEEP_ALIVE_TIMEOUT_MS: '1500' };
/** The longest a connection may stay open after the client's last byte: the longest timeout, Node's check interval, the 1 s linger, and slack for a busy machine. */
const HELD_LIMIT_MS = 1500 + 1000 + 1000 + 1500;
const FUZZ_SEED = 20_261_206;
const FUZZ_COUNT = 800;

let service: string;
let idp: IdentityProvider;

before(async () => {
  service = await generate('hardening', [fixture('tenancies.yaml')]);
  // A team's handler that gets its arithmetic wrong.
  await writeHandler(
    service,
    'tenancies/getTenancy',
    'getTenancy',
    `async (request, context) => {
  const tenancy = context.mock<{ status: 200; body: { WeeklyRent: number } }>();
  return request.params.tenancyId === '${TENANCY}' ? tenancy : { ...tenancy, body: { ...tenancy.body, WeeklyRent: 0 / 0 } };
}`,
  );
  idp = await startIdentityProvider();
});
after(() => idp?.stop());

const env = () => ({ ...idp.env, API_KEYS: `acme=${API_KEY}`, ...TIMEOUTS, LOG_LEVEL: 'trace' });

interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

function logLines(instance: Started): LogLine[] {
  return instance
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);
}

/** What is wrong with one exchange of the fuzz, if anything. */
function faults(one: FuzzCase, result: Exchange): string[] {
  const found: string[] = [];
  if (result.error) found.push(`connection error ${result.error}`);
  if (result.closedAfterMs === null || result.closedAfterMs > HELD_LIMIT_MS)
    found.push(`connection held ${result.closedAfterMs ?? 'open'} ms after the last byte`);
  if (result.responses.length === 0) found.push(`no answer (received ${JSON.stringify(result.rest.slice(0, 120))})`);
  if (one.stalls && result.responses[0] && result.responses[0].status !== 408) found.push(`a stalled request answered ${result.responses[0].status}, not 408`);
  for (const response of result.responses) {
    const id = response.headers['x-request-id']?.[0];
    if (response.status >= 500) found.push(`answered ${response.status}: ${response.body.slice(0, 200)}`);
    if (!id || !/^[A-Za-z0-9._:@+=-]{1,128}$/.test(id)) found.push(`answer ${response.status} without a request id`);
    if (response.status < 400) continue;
    if (!/^application\/problem\+json/.test(response.headers['content-type']?.[0] ?? ''))
      found.push(`answer ${response.status} not in the error shape: ${response.headers['content-type']?.[0]}`);
    if (one.head) continue;
    try {
      const body = JSON.parse(response.body) as { status?: number; requestId?: string; detail?: string };
      if (body.status !== response.status || body.requestId !== id || typeof body.detail !== 'string')
        found.push(`answer ${response.status} with body ${response.body.slice(0, 200)}`);
    } catch {
      found.push(`answer ${response.status} with a body that is not JSON: ${JSON.stringify(response.body.slice(0, 120))}`);
    }
  }
  return found;
}

describe('hostile traffic against the running service', { timeout: 240_000 }, () => {
  let instance: Started;
  let token: string;
  before(async () => {
    instance = await startService(service, env());
    token = await idp.mint();
  });
  after(() => instance?.stop());

  test(`fuzz: ${FUZZ_COUNT} malformed and hostile requests (seed ${FUZZ_SEED}): no 5xx, every answer in the error shape with a request id, nothing held open`, async (t) => {
    const cases = fuzzCases(FUZZ_SEED, FUZZ_COUNT, { token, apiKey: API_KEY });
    const problems: string[] = [];
    const kinds = new Map<string, number>();
    let next = 0;
    // Eight connections at a time: stalled clients overlap, as they would in the wild.
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < cases.length) {
          const index = next++;
          const one = cases[index]!;
          const result = await exchange(instance.port, one.pieces, { holdMs: HELD_LIMIT_MS, headOnly: one.head });
          kinds.set(one.kind, (kinds.get(one.kind) ?? 0) + 1);
          for (const fault of faults(one, result))
            problems.push(`#${index} ${one.kind} ${JSON.stringify(String(one.pieces[0] ?? '').slice(0, 100))}: ${fault}`);
        }
      }),
    );
    t.diagnostic(`cases by kind: ${JSON.stringify(Object.fromEntries(kinds))}`);
    assert.deepEqual(problems.slice(0, 20), [], `${problems.length} faults`);
    assert.ok(instance.child.exitCode === null, 'the service is still running');
  });

  test('no credential in any log line: not the token, not the key, wherever they were sent', async () => {
    const output = instance.output();
    const signature = token.split('.')[2]!;
    assert.ok(output.length > 10_000, 'the service logged the requests (LOG_LEVEL=trace)');
    const leaked = output.split('\n').filter((line) => line.includes(signature) || line.includes(API_KEY));
    assert.deepEqual(leaked.slice(0, 3), [], 'a credential appears in the log');
    assert.ok(!output.includes(signature), 'the bearer token appears in the log');
    assert.ok(!output.includes(API_KEY), 'the subscription key appears in the log');
    assert.match(output, /access_token=\[Redacted\]/, 'a token in the query is logged redacted');
    const errors = logLines(instance).filter((line) => line.level >= 50);
    assert.deepEqual(
      errors.map((line) => line.msg),
      [],
      'nothing the fuzz sent is an error on the service side',
    );
  });
});

describe('rate limits count verified clients only', { timeout: 120_000 }, () => {
  let instance: Started;
  before(async () => {
    instance = await startService(service, env());
  });
  after(() => instance?.stop());
  const call = (path: string, headers: Record<string, string> = {}) => fetch(`${instance.url}${path}`, { headers });

  test('made-up subscription keys on a public operation are counted by address: 5 pass, the 6th is refused', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) statuses.push((await call('/v1/tenancies', { 'ocp-apim-subscription-key': randomBytes(24).toString('hex') })).status);
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429, 429, 429]);
    // The configured key is a client of its own, with its own count; so is a token once verified.
    const keyed = await call('/v1/tenancies', { 'ocp-apim-subscription-key': API_KEY });
    assert.equal(keyed.status, 200);
    assert.equal(keyed.headers.get('ratelimit-remaining'), '4');
    const token = await idp.mint();
    assert.equal((await call(`/v1/tenancies/${TENANCY}`, { authorization: `Bearer ${token}` })).status, 200);
    const withToken = await call('/v1/tenancies', { authorization: `Bearer ${token}` });
    assert.equal(withToken.status, 200);
    assert.equal(withToken.headers.get('ratelimit-remaining'), '4');
  });

  test('with Redis, made-up keys make no Redis keys: one count for the address, whatever keys are sent', { skip: noRedis }, async () => {
    const redis = await startRedis();
    const shared = await startService(service, { ...env(), REDIS_URL: `redis://127.0.0.1:${redis.port}/0` });
    const client = new Redis(redis.port, '127.0.0.1', { lazyConnect: true });
    try {
      await client.connect();
      const statuses: number[] = [];
      for (let i = 0; i < 8; i += 1) {
        statuses.push((await fetch(`${shared.url}/v1/tenancies`, { headers: { 'ocp-apim-subscription-key': randomBytes(24).toString('hex') } })).status);
      }
      assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429, 429, 429]);
      const { name } = JSON.parse(await readFile(path.join(service, 'package.json'), 'utf8')) as { name: string };
      const keys = await client.keys(`${name}:rate-limit:*`);
      assert.equal(keys.length, 1, keys.join(', '));
      assert.match(keys[0]!, /ip:/);
    } finally {
      client.disconnect();
      await shared.stop();
      await redis.stop();
    }
  });

  test('an unknown key on an operation that requires one is a 401 before it costs a count', async () => {
    for (let i = 0; i < 10; i += 1) {
      const refused = await call(`/v1/tenancies/${TENANCY}`, { 'ocp-apim-subscription-key': randomBytes(24).toString('hex') });
      assert.equal(refused.status, 401);
      assert.equal(refused.headers.get('ratelimit-limit'), null);
    }
    const accepted = await call(`/v1/tenancies/${TENANCY}`, { 'ocp-apim-subscription-key': API_KEY });
    assert.equal(accepted.status, 200);
    assert.equal(accepted.headers.get('ratelimit-remaining'), '4');
  });
});

describe('numbers JSON cannot carry', { timeout: 120_000 }, () => {
  let instance: Started;
  let write: Record<string, string>;
  before(async () => {
    instance = await startService(service, env());
    write = { authorization: `Bearer ${await idp.mint()}`, 'content-type': 'application/json' };
  });
  after(() => instance?.stop());

  test('1e309 in a body, or Infinity in a query, is a 400 naming where', async () => {
    const body = await fetch(`${instance.url}/v1/tenancies`, {
      method: 'POST',
      headers: write,
      body: '{"FullName":"Ada Lovelace","WeeklyRent":1e309,"StartDate":"2026-01-05"}',
    });
    assert.equal(body.status, 400);
    const problem = (await body.json()) as { errors: Array<{ in: string; pointer: string; detail: string }> };
    assert.deepEqual(problem.errors, [{ in: 'body', pointer: '/WeeklyRent', detail: 'must be a finite number' }]);
    for (const value of ['Infinity', '1e309', '-1e400']) {
      const query = await fetch(`${instance.url}/v1/tenancies?minimumRent=${value}`);
      assert.equal(query.status, 400, value);
      const errors = ((await query.json()) as { errors: Array<{ pointer: string; detail: string }> }).errors;
      assert.deepEqual(
        errors.map((error) => [error.pointer, error.detail]),
        [['/minimumRent', 'must be a finite number']],
        value,
      );
    }
  });

  test('an empty change is refused for what it lacks, pointing at the whole body', async () => {
    const response = await fetch(`${instance.url}/v1/tenancies/${TENANCY}`, { method: 'PATCH', headers: write, body: '{}' });
    assert.equal(response.status, 400);
    const { errors } = (await response.json()) as { errors: Array<{ in: string; pointer: string; detail: string }> };
    assert.deepEqual(errors, [{ in: 'body', pointer: '', detail: 'needs at least 1 property' }]);
  });

  test("a handler's NaN is a 500 logged with the operation, not a null on a number the schema requires", async () => {
    const response = await fetch(`${instance.url}/v1/tenancies/11111111-2222-4333-8444-555555555555`, {
      headers: { 'ocp-apim-subscription-key': API_KEY, 'x-request-id': 'trace-nan' },
    });
    assert.equal(response.status, 500);
    const text = await response.text();
    assert.doesNotMatch(text, /WeeklyRent|null/);
    let logged: LogLine | undefined;
    for (let attempt = 0; attempt < 50 && !logged; attempt += 1) {
      logged = logLines(instance).find((line) => line.reqId === 'trace-nan' && line.msg === 'unexpected error');
      if (!logged) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(logged, 'the failure is logged with the request id');
    assert.equal(logged.operationId, 'getTenancy');
    assert.match(String((logged.err as { message?: string }).message), /NaN at "WeeklyRent"/);
  });
});

describe("readiness follows the identity provider's key set", { timeout: 120_000 }, () => {
  test('not ready while the key set cannot be fetched (tokens get 503), ready once it can; probes do not fetch it each time', async () => {
    await idp.stop();
    const instance = await startService(service, env());
    try {
      const ready = async () => {
        const response = await fetch(`${instance.url}/health/ready`);
        return { status: response.status, body: (await response.json()) as { checks: Record<string, string> } };
      };
      const down = await ready();
      assert.equal(down.status, 503);
      assert.equal(down.body.checks.jwks, 'fail');
      const token = await idp.mint();
      assert.equal((await fetch(`${instance.url}/v1/tenancies/${TENANCY}`, { headers: { authorization: `Bearer ${token}` } })).status, 503);

      await idp.start();
      const before = idp.fetches();
      assert.equal((await fetch(`${instance.url}/v1/tenancies/${TENANCY}`, { headers: { authorization: `Bearer ${token}` } })).status, 200);
      assert.deepEqual(await ready(), { status: 200, body: { status: 'pass', checks: { handlers: 'pass', jwks: 'pass', routeData: 'pass' } } });
      for (let i = 0; i < 20; i += 1) assert.equal((await ready()).status, 200);
      assert.equal(idp.fetches() - before, 1, 'one fetch for the token; none for twenty probes');
      assert.match(instance.output(), /key set of the identity provider cannot be fetched/);
      assert.match(instance.output(), /can be fetched again/);
    } finally {
      await instance.stop();
      await idp.start().catch(() => undefined);
    }
  });
});
