/**
 * docs/diff.md holds the rules tables exactly as the catalogue writes them,
 * so every check id and kind is documented and nothing that does not exist
 * is (Fastify's registry habit, oasdiff's generated rules table).
 * `DF_WRITE_DOCS=1 npx tsx --test test/diff/docs.test.ts` rewrites the section.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { OPERATION_CHECKS, SCHEMA_KINDS } from '../../src/diff/index.js';
import { RULES_END, RULES_START, rulesTables } from '../../src/diff/rules-table.js';

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/diff.md');

test('docs/diff.md holds the generated rules tables', () => {
  const expected = `${RULES_START}\n\n${rulesTables()}\n\n${RULES_END}`;
  const section = (docs: string) => {
    const start = docs.indexOf(RULES_START);
    const end = docs.indexOf(RULES_END);
    assert.ok(start >= 0 && end > start, `docs/diff.md has the markers ${RULES_START} ... ${RULES_END}`);
    return { start, end: end + RULES_END.length };
  };
  let docs = readFileSync(file, 'utf8');
  if (process.env.DF_WRITE_DOCS === '1') {
    const { start, end } = section(docs);
    docs = docs.slice(0, start) + expected + docs.slice(end);
    writeFileSync(file, docs);
  }
  const { start, end } = section(docs);
  assert.equal(docs.slice(start, end), expected, 'run DF_WRITE_DOCS=1 npx tsx --test test/diff/docs.test.ts');
});

test('every check id and kind appears in the tables', () => {
  const tables = rulesTables();
  const missing = [...Object.keys(OPERATION_CHECKS), ...Object.keys(SCHEMA_KINDS)].filter((id) => !tables.includes(`\`${id}\``));
  assert.deepEqual(missing, []);
});
