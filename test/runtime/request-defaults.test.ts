/**
 * The service fills in the blueprint's defaults in requests, but never one of
 * the wrong type (a string default on a boolean in a body) nor one for a
 * read-only property; `new` says which it left out. Parameters arrive as text,
 * so a text default there is coerced like the values.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { runNew } from '../../src/cli/commands/new.js';
import { captureIo, scratchFolder } from '../generate/helpers.js';
import { fixture, repoRoot, startService, writeHandler } from './generated-service.js';

test('a default of the wrong type or on a read-only property is not inserted into requests', { timeout: 180_000 }, async () => {
  const service = path.join(await scratchFolder('request-defaults'), 'service');
  const io = captureIo();
  assert.equal(await runNew({ blueprints: [fixture('request-defaults.yaml')], out: service, cwd: repoRoot, lint: false }, io), 0, io.err.join('\n'));
  assert.ok(
    io.err.some((line) => /Archived\/default: default does not fit its own type or enum; not applied$/.test(line)),
    io.err.join('\n'),
  );

  assert.ok(!io.err.some((line) => /parameters.*default/.test(line)), io.err.join('\n'));
  await writeHandler(
    service,
    'accounts/listAccounts',
    'listAccounts',
    'async (request) => ({ status: 200, body: { Limit: request.query.limit, Verbose: request.query.verbose } })',
  );

  const started = await startService(service, { AUTH_MODE: 'mock' });
  try {
    const created = await fetch(`${started.url}/v1/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ Name: 'Sales' }),
    });
    assert.equal(created.status, 201, await created.text());
    const listed = await fetch(`${started.url}/v1/accounts`);
    assert.deepEqual(await listed.json(), { Limit: 20, Verbose: false });
  } finally {
    await started.stop();
  }
});
