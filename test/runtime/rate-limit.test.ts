/**
 * Rate limits in a generated service: the apprenticeships example is an
 * external API (`x-audience: external`), so each of its operations is limited
 * per client (the test playbook: 3 requests a minute). In process: headers,
 * 429 with Retry-After in the error shape, per client. Then as a team runs
 * it: two instances of the service sharing one real redis-server through
 * REDIS_URL share the limit, /health/ready follows Redis, and a REDIS_URL that
 * is not one stops the start with a clear message.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bin, EXTERNAL, fixture, generate, run, runServiceTest, startService, type Started } from './generated-service.js';
import { noRedis, startRedis, type RedisServer } from './redis-server.js';

let service: string;

before(async () => {
  service = await generate('rate-limit', EXTERNAL, { playbook: fixture('tight-limits.yaml') });
});

test("the service's own tests pass under a limit of 3 calls a minute: each test calls as a client of its own, and its rate-limit test uses up every limit", {
  timeout: 240_000,
}, async () => {
  const { NODE_TEST_CONTEXT: _nested, ...env } = process.env;
  // As the service's `npm test` runs them (the shell expands the pattern).
  const result = await run('sh', ['-c', `"${bin('tsx')}" --test test/*.test.ts`], service, env, 240_000);
  assert.equal(result.code, 0, result.stdout.slice(-6000) + result.stderr.slice(-2000));
  assert.match(result.stdout, /^# fail 0$/m);
  // One rate-limit test per operation of the example (3), none skipped.
  assert.equal(result.stdout.match(/^ {4}ok \d+ - (?:GET|POST|PUT|PATCH|DELETE) \S+: 3 calls per 60 s, then 429$/gm)?.length, 3, result.stdout.slice(-6000));
});

test('per client, with RateLimit headers, and 429 with Retry-After in the error shape', { timeout: 120_000 }, async () => {
  await runServiceTest(service, 'rate-limit-headers');
});

test('a REDIS_URL that is not a Redis URL stops the start, without repeating it', { timeout: 60_000 }, async () => {
  const { NODE_TEST_CONTEXT: _nested, ...env } = process.env;
  const result = await run(
    bin('tsx'),
    ['src/server.ts'],
    service,
    { ...env, AUTH_MODE: 'mock', PORT: '0', REDIS_URL: 'http://admin:hunter2@redis.internal:6379' },
    60_000,
  );
  assert.equal(result.code, 78, result.stdout + result.stderr);
  assert.match(result.stderr, /configuration error: REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/);
  assert.doesNotMatch(result.stdout + result.stderr, /hunter2/);
});

async function ready(instance: Started): Promise<{ status: number; body: { status: string; checks: Record<string, string> } }> {
  const response = await fetch(`${instance.url}/health/ready`);
  return { status: response.status, body: (await response.json()) as { status: string; checks: Record<string, string> } };
}

async function eventually(check: () => Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('two instances sharing Redis (REDIS_URL)', { timeout: 180_000 }, () => {
  let redis: RedisServer;
  let first: Started;
  let second: Started;

  before(async () => {
    if (noRedis) return;
    redis = await startRedis();
    const env = { AUTH_MODE: 'mock', REDIS_URL: `redis://127.0.0.1:${redis.port}/0` };
    [first, second] = await Promise.all([startService(service, env), startService(service, env)]);
  });
  after(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
    await redis?.stop();
  });

  test('both are ready, with Redis among their checks', { skip: noRedis }, async () => {
    for (const instance of [first, second]) {
      await eventually(async () => (await ready(instance)).status === 200, 'ready');
      assert.deepEqual((await ready(instance)).body, { status: 'pass', checks: { handlers: 'pass', routeData: 'pass', redis: 'pass' } });
    }
  });

  test('the limit is shared: 3 requests across both instances, then 429 from either', { skip: noRedis }, async () => {
    const remaining: string[] = [];
    for (const instance of [first, second, first]) {
      const response = await fetch(`${instance.url}/v1/providers`);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('ratelimit-limit'), '3');
      remaining.push(String(response.headers.get('ratelimit-remaining')));
    }
    assert.deepEqual(remaining, ['2', '1', '0'], "each instance saw the other's requests");
    for (const instance of [second, first]) {
      const refused = await fetch(`${instance.url}/v1/providers`);
      assert.equal(refused.status, 429);
      assert.ok(Number(refused.headers.get('retry-after')) >= 1);
      assert.match(String(refused.headers.get('content-type')), /^application\/problem\+json/);
      const body = (await refused.json()) as { status: number; detail: string };
      assert.equal(body.status, 429);
    }
  });

  test('with Redis stopped, /health/ready fails and requests are still answered; when it is back, ready again', { skip: noRedis }, async () => {
    await redis.stop();
    for (const instance of [first, second]) {
      await eventually(async () => (await ready(instance)).status === 503, '/health/ready answers 503');
      assert.deepEqual((await ready(instance)).body, { status: 'fail', checks: { handlers: 'pass', routeData: 'pass', redis: 'fail' } });
      const response = await fetch(`${instance.url}/v1/providers/10012345`);
      assert.equal(response.status, 200, 'a limit that cannot be counted lets the request through');
    }
    await eventually(async () => /Redis is not reachable/.test(first.output()), 'the outage is logged');
    assert.doesNotMatch(first.output(), /redis:\/\/127/, 'the URL is not logged');

    redis = await startRedis(redis.port);
    for (const instance of [first, second]) await eventually(async () => (await ready(instance)).status === 200, 'ready again');
  });
});
