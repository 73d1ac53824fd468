/**
 * The corpus runner on a folder of one's own (`--dir` / CORPUS_DIR): it runs
 * only those descriptions, prints a failure's reason whole, and does not call
 * other corpora's known failures "now passing".
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { bin, repoRoot, run, scratchFolder } from '../generate/helpers.js';

test('the corpus runner runs the descriptions of a folder it is given and prints failures whole', { timeout: 300_000 }, async () => {
  const folder = await scratchFolder('own-corpus');
  // Two branches that accept the same values: no answer matches exactly one, so the contract test fails.
  const twin = { type: 'object', required: ['Id'], properties: { Id: { type: 'string' } }, additionalProperties: false };
  // Under a long property name, so the validator's message alone is longer than the 200 characters it was cut to.
  const long = 'ThePropertyWhoseNameIsLong'.repeat(8);
  const body = { type: 'object', required: [long], properties: { [long]: { oneOf: [twin, twin] } } };
  await writeFile(
    path.join(folder, 'twins.json'),
    JSON.stringify({
      openapi: '3.0.3',
      info: { title: 'Twins', version: '1.0.0' },
      paths: {
        '/twins': { get: { operationId: 'listTwins', responses: { '200': { description: 'ok', content: { 'application/json': { schema: body } } } } } },
      },
    }),
  );
  const result = await run(bin('tsx'), ['test/corpus/run-corpus.ts'], repoRoot, { CORPUS_DIR: folder, CORPUS_RUN_FOLDER: 'own-corpus-run' }, 280_000);
  assert.equal(result.code, 1, result.stdout);
  assert.match(result.stdout, /documents: 1; generated: 1; type-checked: 1; booted: 1; operations answered: 0\/1/);
  const failure = result.stdout.split('\n').find((line) => line.startsWith('NEW FAILURE twins.json: GET /v1/twins (listTwins)'));
  assert.ok(failure, result.stdout);
  // The whole reason, up to the validator's message, not its first 200 characters.
  assert.ok(failure.length > 200, failure);
  assert.match(failure, new RegExp(`/${long} must match exactly one schema in oneOf`));
  assert.doesNotMatch(result.stdout, /now passing/);
});
