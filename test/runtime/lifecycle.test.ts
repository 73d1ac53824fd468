/**
 * An operation the blueprint deprecates answers with Deprecation (RFC 9745)
 * and, when it has an `x-sunset`, Sunset (RFC 8594) as an HTTP date: the same
 * facts `diff` and `update` judge removals by.
 *
 * Handler modules load at their operation's first call and, once the service
 * listens, all of them in the background, a batch at a time: a module that
 * cannot load, even in the last batch, fails readiness and is logged by name.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { stringify } from 'yaml';
import { scratchFolder } from '../generate/helpers.js';
import { fixture, generate, startService } from './generated-service.js';

test('deprecated operations say so on every answer; current ones do not', { timeout: 120_000 }, async () => {
  const service = await generate('lifecycle', [fixture('deprecated-operations.yaml')], { lint: false });
  const started = await startService(service, { AUTH_MODE: 'mock' });
  try {
    const headers = async (url: string) => {
      const response = await fetch(`${started.url}/v1${url}`);
      assert.equal(response.status, 204);
      return { deprecation: response.headers.get('deprecation'), sunset: response.headers.get('sunset') };
    };
    assert.deepEqual(await headers('/old-things'), { deprecation: 'true', sunset: 'Wed, 30 Jun 2027 00:00:00 GMT' });
    assert.deepEqual(await headers('/older-things'), { deprecation: 'true', sunset: null });
    assert.deepEqual(await headers('/things'), { deprecation: null, sunset: null });
  } finally {
    await started.stop();
  }
});

test('a handler module that cannot load, loaded last in the background: /health/ready fails, its operation answers 500, the log names it', {
  timeout: 120_000,
}, async () => {
  // More operations than one background batch, so the broken module is loaded in a later one.
  const names = Array.from({ length: 40 }, (_, index) => `listThings${index}`);
  const paths = Object.fromEntries(
    names.map((operationId, index) => [`/things-${index}`, { get: { operationId, tags: ['things'], responses: { '204': { description: 'none' } } } }]),
  );
  const blueprint = path.join(await scratchFolder('handler-loading-blueprint'), 'many.yaml');
  await writeFile(blueprint, stringify({ openapi: '3.0.3', info: { title: 'Many', version: '1.0.0' }, paths }));
  const service = await generate('handler-loading', [blueprint], { lint: false });
  const broken = names.at(-1)!;
  await writeFile(path.join(service, 'src/handlers/v1/things', `${broken}.ts`), "throw new Error('this module is broken');\nexport {};\n");
  const started = await startService(service, { AUTH_MODE: 'mock' });
  try {
    assert.equal((await fetch(`${started.url}/v1/things-0`)).status, 204);
    const ready = await fetch(`${started.url}/health/ready`);
    assert.equal(ready.status, 503);
    assert.deepEqual(await ready.json(), { status: 'fail', checks: { handlers: 'fail', routeData: 'pass' } });
    const answer = await fetch(`${started.url}/v1/things-39`);
    assert.equal(answer.status, 500);
    assert.doesNotMatch(await answer.text(), /this module is broken/, 'the answer leaks nothing of the error');
    assert.match(started.output(), new RegExp(`"operationId":"${broken}".*a handler module failed to load`));
  } finally {
    await started.stop();
  }
});
