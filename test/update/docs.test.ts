/** docs/update.md documents every option of the command and every DF_ERR_UPDATE_* code with its exit code, and nothing that does not exist. */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import yargs from 'yargs';
import { updateCommand } from '../../src/cli/commands/update.js';
import { ERROR_CODES } from '../../src/errors.js';
import { repoRoot } from './helpers.js';

const docs = await readFile(path.join(repoRoot, 'docs/update.md'), 'utf8');

test('every option of design-first update is in the usage block and the options table', () => {
  const parser = yargs([]);
  (updateCommand.builder as (y: typeof parser) => typeof parser)(parser);
  // getOptions is yargs's own record of declared options (not in @types/yargs).
  const declared = (parser as unknown as { getOptions(): { key: Record<string, unknown> } }).getOptions();
  const options = Object.keys(declared.key).filter((name) => !['help', 'version', 'blueprint'].includes(name) && !/[A-Z]/.test(name));
  assert.ok(options.length >= 10, options.join(' '));
  const usage = docs.slice(docs.indexOf('```'), docs.indexOf('```', docs.indexOf('```') + 3));
  for (const option of options) {
    const spelled = ['lint', 'typecheck'].includes(option) ? `--no-${option}` : `--${option}`;
    assert.ok(usage.includes(spelled), `${spelled} in the usage block`);
    assert.ok(docs.includes(`| \`${spelled}`), `${spelled} in the options table`);
  }
});

test('every DF_ERR_UPDATE_* code is in the errors table with its exit code, and only those', () => {
  const documented = new Map([...docs.matchAll(/^\| `(DF_ERR_UPDATE_[A-Z_]+)` \| (\d) \|/gm)].map((match) => [match[1]!, Number(match[2])]));
  const codes = Object.entries(ERROR_CODES).filter(([code]) => code.startsWith('DF_ERR_UPDATE_'));
  assert.deepEqual([...documented.keys()].sort(), codes.map(([code]) => code).sort());
  for (const [code, spec] of codes) assert.equal(documented.get(code), spec.exitCode, code);
});
