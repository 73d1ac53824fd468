/**
 * Paths that match the same URLs (they differ only in a parameter's name) are
 * served when the parameters' schemas tell the values apart: each request
 * reaches the operation whose schema admits its value. When nothing tells
 * them apart, `new` refuses with one line naming both paths.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runNew } from '../../src/cli/commands/new.js';
import { captureIo } from '../generate/helpers.js';
import { bin, fixture, generate, run, startService } from './generated-service.js';

test('overlapping paths are told apart by their parameters’ values', { timeout: 180_000 }, async () => {
  const service = await generate('overlapping', [fixture('overlapping-paths.yaml')], { lint: false });
  const contract = await run(bin('tsx'), ['--test', 'test/contract.test.ts'], service);
  assert.equal(contract.code, 0, contract.stdout.slice(-3000));

  const started = await startService(service, { AUTH_MODE: 'mock' });
  try {
    const answeredBy = async (url: string) => {
      const response = await fetch(`${started.url}/v1${url}`);
      const body = (await response.json()) as { Operation?: string };
      return `${response.status} ${body.Operation ?? JSON.stringify(body)}`;
    };
    assert.equal(await answeredBy('/contacts/5f0c6a4e-8a4b-4f7e-9c39-0c5c1f7d2a10'), '200 getContact');
    assert.equal(await answeredBy('/contacts/CN-0042'), '200 getContactByNumber');
    assert.equal(await answeredBy('/reports/2026/summary'), '200 getYearReport');
    assert.equal(await answeredBy('/reports/current/summary'), '200 getPeriodReport');
    // Neither schema admits it: the unconstrained route takes it, and its validation refuses it.
    assert.match(await answeredBy('/reports/last-week/summary'), /^400 .*"in":"path","pointer":"\/Period","detail":"must be one of/);
  } finally {
    await started.stop();
  }
});

test('overlapping paths that nothing tells apart are refused with one line', async () => {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'df-overlap-'));
  const blueprint = path.join(folder, 'api.yaml');
  const text = await readFile(fixture('overlapping-paths.yaml'), 'utf8');
  await writeFile(blueprint, text.replace('schema: { type: string, format: uuid }', 'schema: { type: string }'));
  const io = captureIo();
  const code = await runNew({ blueprints: [blueprint], out: path.join(folder, 'service'), lint: false }, io);
  assert.equal(code, 2);
  const errors = io.err.filter((line) => !line.startsWith('note:'));
  assert.equal(errors.length, 1, errors.join('\n'));
  assert.match(
    errors[0]!,
    /api\.yaml:\d+:\d+ #\/paths\/~1contacts~1\{ContactNumber\}\/get: GET \/contacts\/\{ContactNumber\} matches the same URLs as GET \/contacts\/\{ContactID\}.*\[DF_ERR_MODEL_UNSUPPORTED\]/,
  );
});
