/**
 * The service fills in the blueprint's defaults in requests, but never one
 * its own schema would refuse (a string default on a boolean) nor one for a
 * read-only property; `new` says which it left out.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { runNew } from '../../src/cli/commands/new.js';
import { captureIo, scratchFolder } from '../generate/helpers.js';
import { fixture, repoRoot, startService } from './generated-service.js';

test('a default of the wrong type or on a read-only property is not inserted into requests', { timeout: 180_000 }, async () => {
  const service = path.join(await scratchFolder('request-defaults'), 'service');
  const io = captureIo();
  assert.equal(await runNew({ blueprints: [fixture('request-defaults.yaml')], out: service, cwd: repoRoot, lint: false }, io), 0, io.err.join('\n'));
  assert.ok(
    io.err.some((line) => /Archived\/default: default does not fit its own type or enum; not applied$/.test(line)),
    io.err.join('\n'),
  );

  const started = await startService(service, { AUTH_MODE: 'mock' });
  try {
    const created = await fetch(`${started.url}/v1/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ Name: 'Sales' }),
    });
    assert.equal(created.status, 201, await created.text());
  } finally {
    await started.stop();
  }
});
