/**
 * A blueprint with only webhooks (OpenAPI 3.1) becomes a webhook receiver:
 * each webhook is served at /<version>/webhooks/<name>, its payload validated
 * like any request body, answered by its mock until the team writes the handler.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runNew } from '../../src/cli/commands/new.js';
import { captureIo, scratchFolder } from '../generate/helpers.js';
import { fixture, repoRoot, startService } from './generated-service.js';
import path from 'node:path';

test('a webhook-only blueprint generates a receiver that validates each payload', { timeout: 180_000 }, async () => {
  const service = path.join(await scratchFolder('webhooks'), 'service');
  const io = captureIo();
  const code = await runNew({ blueprints: [fixture('webhooks-only.yaml')], out: service, cwd: repoRoot, lint: false }, io);
  assert.equal(code, 0, io.err.join('\n'));
  assert.match(io.err.join('\n'), /\/webhooks: no paths, so this is a webhook receiver: 2 webhook operations served under \/webhooks\/<name>/);

  const started = await startService(service, { AUTH_MODE: 'mock' });
  try {
    const post = (url: string, body: unknown) =>
      fetch(`${started.url}${url}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const paid = await post('/v1/webhooks/order.paid', { OrderId: '5f0c6a4e-8a4b-4f7e-9c39-0c5c1f7d2a10', PaidAt: '2026-11-22T10:00:00Z' });
    assert.equal(paid.status, 204, await paid.text());

    const invalid = await post('/v1/webhooks/order.paid', { OrderId: 'not a uuid' });
    assert.equal(invalid.status, 400);
    assert.match(invalid.headers.get('content-type') ?? '', /^application\/problem\+json/);

    // A name that is not a URL segment (`/refund/{id}`) is served under a safe one, not as a path template.
    const refund = await post('/v1/webhooks/refund-id-', { Amount: 3 });
    assert.equal(refund.status, 204, await refund.text());
  } finally {
    await started.stop();
  }
});
