/**
 * prettier formats rendered files in a worker thread (src/render/format.ts)
 * while the rest of the service renders. What a user sees must not change:
 * a rendered file prettier cannot parse is a DF_ERR_TEMPLATE naming the
 * template and the file, the earliest such file (in template order) is the
 * one told, and `new` exits when it is done (the idle worker holds nothing).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import { DesignFirstError } from '../../src/errors.js';
import { generateService } from '../../src/pipeline.js';
import { repoRoot } from '../generate/helpers.js';

const scratch = await mkdtemp(path.join(os.tmpdir(), 'df-format-'));
after(() => rm(scratch, { recursive: true, force: true }));
const pets = path.join(repoRoot, 'examples/pets/pets-v1.yaml');

async function failure(templates: Record<string, string>): Promise<DesignFirstError> {
  const folder = await mkdtemp(path.join(scratch, 'templates-'));
  for (const [name, content] of Object.entries(templates)) {
    await mkdir(path.dirname(path.join(folder, name)), { recursive: true });
    await writeFile(path.join(folder, name), content);
  }
  const error = await generateService({ blueprints: [pets], templates: folder, lint: false }).then(
    () => assert.fail('generated'),
    (thrown: unknown) => thrown,
  );
  assert.ok(error instanceof DesignFirstError, String(error));
  assert.equal(error.code, 'DF_ERR_TEMPLATE');
  return error;
}

test('a rendered file prettier cannot parse names the template and the file', async () => {
  const error = await failure({ 'src/broken.ts.hbs': 'export const = {{json model.packageName}};\n' });
  assert.match(error.message, /^template src\/broken\.ts\.hbs rendered src\/broken\.ts, which prettier cannot parse: /);
});

test('the earliest file prettier cannot parse is told before a later template that fails to render', async () => {
  const error = await failure({
    'aaa/broken.ts.hbs': 'export const = 1;\n',
    'zzz/later.ts.hbs': '{{md model.titel}}\n',
  });
  assert.match(error.message, /^template aaa\/broken\.ts\.hbs rendered aaa\/broken\.ts, which prettier cannot parse/);
});

test('formatted files are the same as prettier run in this thread, and the CLI exits when done', async () => {
  const out = path.join(scratch, 'service');
  const entry = pathToFileURL(path.join(repoRoot, 'src/cli/commands/new.ts')).href;
  const script = `const { runNew } = await import(${JSON.stringify(entry)}); process.exitCode = await runNew({ blueprints: [${JSON.stringify(pets)}], out: ${JSON.stringify(out)}, lint: false }, { stdout: () => {}, stderr: () => {} });`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });
  assert.equal(run.status, 0, run.stderr);
  const prettier = await import('prettier');
  const { readFile } = await import('node:fs/promises');
  for (const [file, parser] of [
    ['src/generated/versions.ts', 'typescript'],
    ['package.json', 'json-stringify'],
  ] as const) {
    const written = await readFile(path.join(out, file), 'utf8');
    assert.equal(written, await prettier.format(written, { parser, printWidth: 100, singleQuote: true }), file);
  }
});

test('a generation that fails before any file is formatted still lets the process exit', async () => {
  const entry = pathToFileURL(path.join(repoRoot, 'src/cli/commands/new.ts')).href;
  const missing = path.join(scratch, 'missing.yaml');
  const script = `const { runNew } = await import(${JSON.stringify(entry)}); process.exitCode = await runNew({ blueprints: [${JSON.stringify(missing)}], out: ${JSON.stringify(path.join(scratch, 'never'))}, lint: false }, { stdout: () => {}, stderr: () => {} });`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.signal, null, 'the process had to be killed');
  assert.notEqual(run.status, 0);
});
