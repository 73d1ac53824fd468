/** docs/diff.md documents every check id and schema kind, and nothing that does not exist (Fastify's registry habit). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { OPERATION_CHECKS, SCHEMA_KINDS, SCHEMA_SUBJECTS } from '../../src/diff/index.js';

const docs = readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/diff.md'), 'utf8');

test('every operation check id is documented', () => {
  const missing = Object.keys(OPERATION_CHECKS).filter((id) => !docs.includes(`\`${id}\``));
  assert.deepEqual(missing, []);
});

test('every schema subject and kind is documented', () => {
  const missing = [...SCHEMA_SUBJECTS, ...Object.keys(SCHEMA_KINDS)].filter((name) => !docs.includes(`\`${name}\``));
  assert.deepEqual(missing, []);
});
