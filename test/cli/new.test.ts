/**
 * `design-first new` from the installed package: its lint gate prints every
 * finding as `lint` does (same grouping, same counts), refuses on errors with
 * a hint that names a flag `new` takes, generates with `--allow-lint-errors`
 * (or its old spelling `--force`), and warns about operations only an
 * unsupported scheme can call.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { designFirst } from './installed-cli.js';

const folder = await mkdtemp(path.join(os.tmpdir(), 'df-cli-new-'));
const blueprint = path.join(folder, 'basic.yaml');
await writeFile(
  blueprint,
  `openapi: 3.0.3
info: { title: Basic things, version: 1.0.0, description: Things, contact: { name: Team }, license: { name: MIT } }
servers: [{ url: https://api.things.gov.uk/v1 }]
tags: [{ name: Things, description: all of them }]
paths:
  /v1/things:
    get:
      operationId: listThings
      summary: List things
      tags: [Things]
      security: [{ basic: [] }]
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: object, properties: { Things: { type: array, items: { type: string } } } } } } }
        '401': { description: no, content: { application/problem+json: { schema: { type: object } } } }
        '403': { description: no, content: { application/problem+json: { schema: { type: object } } } }
        default: { description: no, content: { application/problem+json: { schema: { type: object } } } }
components:
  schemas:
    Unused: { type: object }
  securitySchemes:
    basic: { type: http, scheme: basic }
`,
);

describe('new, installed', () => {
  it('refuses on lint errors, printing every finding and the counts lint gives, with a hint new accepts', async () => {
    const lint = await designFirst(['lint', blueprint]);
    const out = path.join(folder, 'refused');
    const refused = await designFirst(['new', blueprint, '--out', out]);
    assert.equal(refused.code, 1);
    assert.equal(existsSync(out), false);
    // The same findings, grouped and counted the same way.
    assert.equal(
      refused.stderr
        .split('\n')
        .filter((line) => / (error|warning|info) {2,}/.test(line))
        .join('\n'),
      lint.stdout
        .split('\n')
        .filter((line) => / (error|warning|info) {2,}/.test(line))
        .join('\n'),
    );
    const verdict = /design-first: (\d+ errors?, \d+ warnings?) \[DF_ERR_LINT_ERRORS\]/.exec(lint.stderr)?.[1];
    assert.ok(verdict, lint.stderr);
    assert.match(
      refused.stderr,
      new RegExp(`design-first: ${verdict}; nothing was written \\[DF_ERR_LINT_FAILED\\] - fix the findings, or pass --allow-lint-errors to generate anyway`),
    );
    assert.match(refused.stderr, /warning {2}schema Unused is never referenced {2}no-unused-components/);
  });

  for (const flag of ['--allow-lint-errors', '--force']) {
    it(`generates despite lint errors with ${flag}, and warns that the only scheme is one the service cannot check`, async () => {
      const out = path.join(folder, flag.slice(2));
      const result = await designFirst(['new', blueprint, '--out', out, flag]);
      assert.equal(result.code, 0, result.stderr);
      assert.ok(existsSync(path.join(out, 'package.json')));
      assert.match(result.stderr, /warning: generating despite \d+ errors?, \d+ warnings? \(--allow-lint-errors\)/);
      assert.match(
        result.stderr,
        /GET \/v1\/things \(listThings\) can only be called with basic \(HTTP basic\), which the generated service cannot check, so it will refuse every call/,
      );
    });
  }
});

describe('lint, installed: usage', () => {
  for (const value of ['-1', 'abc', '1.5']) {
    it(`refuses --max-warnings ${value} in one line, exit 2, no stack`, async () => {
      const result = await designFirst(['lint', blueprint, `--max-warnings=${value}`]);
      assert.equal(result.code, 2);
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
      assert.match(result.stderr, /^design-first: .*--max-warnings takes a whole number, 0 or more.*\[DF_ERR_USAGE\]/);
      assert.doesNotMatch(result.stderr, /\n\s+at /);
    });
  }
});
