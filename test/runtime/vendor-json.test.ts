/**
 * Vendor JSON bodies (`application/vnd.acme+json`): parsed and validated like
 * JSON where the operation declares that type; where it declares only a
 * range (`application/*`), the body reaches the handler raw, never parsed
 * and unchecked.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixture, generate, startService, writeHandler } from './generated-service.js';

test('a vendor +json body is validated where declared, and left raw where only a range is', { timeout: 180_000 }, async () => {
  const service = await generate('vendor-json', [fixture('vendor-json.yaml')], { lint: false });
  await writeHandler(service, 'imports/importOrders', 'importOrders', 'async (request) => ({ status: 200, body: { Raw: Buffer.isBuffer(request.body) } })');
  const started = await startService(service, { AUTH_MODE: 'mock' });
  try {
    const post = (url: string, type: string, body: unknown) =>
      fetch(`${started.url}/v1${url}`, { method: 'POST', headers: { 'content-type': type }, body: JSON.stringify(body) });
    assert.equal((await post('/orders', 'application/vnd.acme+json', { Amount: 3 })).status, 201);
    assert.equal((await post('/orders', 'application/vnd.acme+json; charset=utf-8', { Amount: 3 })).status, 201);
    const invalid = await post('/orders', 'application/vnd.acme+json', { Amount: -5, Admin: true });
    assert.equal(invalid.status, 400);
    assert.match(await invalid.text(), /Amount/);

    const ranged = await post('/imports', 'application/vnd.evil+json', { Amount: -5, Admin: true });
    assert.equal(ranged.status, 200);
    assert.deepEqual(await ranged.json(), { Raw: true });
  } finally {
    await started.stop();
  }
});
