/**
 * Measure and observe, in a generated service (the apprenticeships example):
 * Prometheus /metrics with requests and latency per operation, status and
 * client; and, from the running service's own output, structured logs where
 * every line of a request carries its id (X-Request-Id honoured, or made), the
 * client once known, and an unexpected error with its stack, while the answer
 * holds none of it.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { EXTERNAL, fixture, generate, runServiceTest, startService, type Started } from './generated-service.js';

let service: string;

before(async () => {
  service = await generate('observe', EXTERNAL, { playbook: fixture('tight-limits.yaml') });
  // The team's handler fails on some providers, as code with a database does; the others get the mock answer.
  await writeFile(
    path.join(service, 'src/handlers/v1/providers/getProvider.ts'),
    `import type { Handlers } from '../../../generated/v1/handlers.js';

export const getProvider: Handlers['getProvider'] = (request, context) => {
  if (request.params.ukprn === 10000001) return Promise.reject(new Error('relation "providers" does not exist: SELECT * FROM providers WHERE ukprn = 10000001'));
  if (request.params.ukprn === 10000002) throw new Error('connect ECONNREFUSED db.internal:5432');
  if (request.params.ukprn === 10000003) return Promise.reject('password=hunter2 rejected');
  if (request.params.ukprn === 10000004) return Promise.reject({ statusCode: 404, message: 'no provider 10000004 in db.internal' });
  return Promise.resolve(context.mock());
};
`,
  );
});

test('/metrics: requests and latency per operation, status and client', { timeout: 120_000 }, async () => {
  await runServiceTest(service, 'metrics');
});

interface LogLine {
  level: number;
  msg: string;
  reqId?: string;
  client?: string;
  err?: { message?: string; stack?: string };
  [key: string]: unknown;
}

test('logs: one JSON line per event, with the request id and the client; an unexpected error logged whole, answered with none of it', {
  timeout: 120_000,
}, async (t) => {
  const instance: Started = await startService(service, { AUTH_MODE: 'mock' });
  after(() => instance.stop());

  const ok = await fetch(`${instance.url}/v1/providers`, { headers: { 'x-request-id': 'trace-ok-1' } });
  assert.equal(ok.headers.get('x-request-id'), 'trace-ok-1');
  const made = await fetch(`${instance.url}/v1/providers`, { headers: { 'x-request-id': 'not a plain token\t{"level":60}' } });
  const madeId = String(made.headers.get('x-request-id'));
  assert.match(madeId, /^[0-9a-f]{32}$/, 'an X-Request-Id that is not a plain token is replaced');
  const failed = await fetch(`${instance.url}/v1/providers/10000001`, { headers: { 'x-request-id': 'trace-500' } });
  assert.equal(failed.status, 500);
  const text = await failed.text();
  assert.doesNotMatch(text, /SELECT|relation|getProvider\.ts|at /);
  assert.match(text, /trace-500/);

  const lines = async (id: string): Promise<LogLine[]> => {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const found = instance
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as LogLine)
        .filter((line) => line.reqId === id);
      if (found.some((line) => line.msg === 'request completed')) return found;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    t.diagnostic(instance.output());
    throw new Error(`no complete log for request ${id}`);
  };

  const served = await lines('trace-ok-1');
  const completed = served.find((line) => line.msg === 'request completed')!;
  assert.equal(completed.client, 'mock-client', 'the client is on the request completed line');
  assert.equal((completed.res as { statusCode: number }).statusCode, 200);
  assert.ok((await lines(madeId)).length >= 2);

  const error = (await lines('trace-500')).find((line) => line.msg === 'unexpected error');
  assert.ok(error, 'the unexpected error is logged with the request id');
  assert.equal(error.level, 50);
  assert.equal(error.client, 'mock-client');
  assert.match(String(error.err?.message), /SELECT \* FROM providers/);
  assert.match(String(error.err?.stack), /getProvider\.ts/);
});

test('a handler that throws at once, or rejects with something not an Error: 500 in the error shape, leaking nothing; a rejection with its own status gets it', {
  timeout: 120_000,
}, async () => {
  // A fresh instance: the playbook here allows three requests a minute per operation and client.
  const instance: Started = await startService(service, { AUTH_MODE: 'mock' });
  after(() => instance.stop());
  for (const [ukprn, secret] of [
    [10000002, /ECONNREFUSED|db\.internal/],
    [10000003, /hunter2|password/],
  ] as const) {
    const answer = await fetch(`${instance.url}/v1/providers/${ukprn}`, { headers: { 'x-request-id': `trace-500-${ukprn}` } });
    assert.equal(answer.status, 500, `provider ${ukprn}`);
    assert.match(String(answer.headers.get('content-type')), /json/);
    const body = await answer.text();
    assert.doesNotMatch(body, secret);
    assert.match(body, new RegExp(`trace-500-${ukprn}`));
  }
  const notFound = await fetch(`${instance.url}/v1/providers/10000004`);
  assert.equal(notFound.status, 404, 'a rejection with its own statusCode is answered with it, as when thrown');
  assert.doesNotMatch(await notFound.text(), /db\.internal/);
  for (const ukprn of [10000002, 10000003]) {
    let logged: LogLine | undefined;
    for (let attempt = 0; attempt < 50 && !logged; attempt += 1) {
      logged = instance
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as LogLine)
        .find((line) => line.reqId === `trace-500-${ukprn}` && line.msg === 'unexpected error');
      if (!logged) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(logged, `the unexpected error of provider ${ukprn} is logged with the request id`);
    assert.equal(logged.level, 50);
  }
});
