/**
 * The files design-first writes once per operation (handler and scenario
 * stubs) skip prettier for speed, yet a fresh service must pass its own
 * `npm run lint` (prettier --check with its .prettierrc.json): for operation
 * names of every length, each stub is already what prettier prints.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import * as prettier from 'prettier';
import { compileTemplate, createEnvironment } from '../../src/render/handlebars-env.js';
import { repoRoot } from './helpers.js';

const templates = path.join(repoRoot, 'templates/service');
const options = JSON.parse(await readFile(path.join(templates, '_prettierrc.json'), 'utf8')) as prettier.Options;

for (const template of ['src/handlers/__version__/__operation__.ts.hbs', 'test/scenarios/__version__/__operation__.ts.hbs']) {
  test(`${template} is prettier-formatted for names of 1 to 120 characters`, async () => {
    const render = compileTemplate(createEnvironment(), await readFile(path.join(templates, template), 'utf8'), template);
    for (let length = 1; length <= 120; length++) {
      const ident = `o${'x'.repeat(length - 1)}`;
      const operation = { ident, operationId: ident, typeName: `O${ident.slice(1)}`, method: 'GET', path: '/things/{id}', summary: 'Get a thing' };
      const text = render({ operation, version: { key: 'v1' } });
      const formatted = await prettier.format(text, { ...options, parser: 'typescript' });
      assert.equal(text, formatted, `a name of ${length} characters`);
    }
  });
}

test("the service's prettier options are the ones design-first formats its rendered files with", async () => {
  assert.deepEqual(options, { printWidth: 100, singleQuote: true });
  assert.match(await readFile(path.join(repoRoot, 'src/render/format.ts'), 'utf8'), /printWidth: 100, singleQuote: true/);
});
