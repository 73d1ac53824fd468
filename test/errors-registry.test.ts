/** The registry of expected failures and the README's table agree (Fastify's habit). */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { ERROR_CODES } from '../src/errors.js';

test('every error code is documented in the README with its exit code, and no retired code lingers', async () => {
  const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
  const documented = new Map([...readme.matchAll(/^\| `(DF_ERR_[A-Z0-9_]+)` \| (\d) \|/gm)].map((match) => [match[1]!, Number(match[2])]));
  for (const [code, spec] of Object.entries(ERROR_CODES)) assert.equal(documented.get(code), spec.exitCode, `${code} in README`);
  for (const code of documented.keys()) assert.ok(code in ERROR_CODES, `${code} is documented but not in src/errors.ts`);
});
