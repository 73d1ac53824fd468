/**
 * An operation the blueprint deprecates answers with Deprecation (RFC 9745)
 * and, when it has an `x-sunset`, Sunset (RFC 8594) as an HTTP date: the same
 * facts `diff` and `update` judge removals by.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
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
