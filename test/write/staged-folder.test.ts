/**
 * `new` writes files while the rest of the service is generated (StagedFolder,
 * src/write/stage.ts): into a staging folder that becomes the target only
 * when all of it is written. Whatever happens, the target is either the whole
 * service or left exactly as it was, and no staging folder is left behind.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { runNew } from '../../src/cli/commands/new.js';
import { StagedFolder } from '../../src/write/stage.js';

const scratch = await mkdtemp(path.join(tmpdir(), 'df-staged-'));
after(() => rm(scratch, { recursive: true, force: true }));

test('files written one by one become the target on commit; a file written twice keeps its last content', async () => {
  const target = path.join(scratch, 'one', 'service');
  const staged = new StagedFolder(target);
  for (let i = 0; i < 40; i++) staged.write({ path: `src/part-${i % 5}/file-${i}.ts`, content: `export const n = ${i};\n` });
  staged.write({ path: 'README.md', content: 'first' });
  staged.write({ path: 'README.md', content: 'second' });
  await staged.commit();
  assert.equal(await readFile(path.join(target, 'src/part-3/file-38.ts'), 'utf8'), 'export const n = 38;\n');
  assert.equal(await readFile(path.join(target, 'README.md'), 'utf8'), 'second');
  assert.deepEqual(await readdir(path.dirname(target)), ['service']);
  assert.throws(() => staged.write({ path: 'late.txt', content: '' }), /already committed/);
});

test('a target that is not empty by commit time is left as it was, and nothing staged remains', async () => {
  const target = path.join(scratch, 'two', 'service');
  const staged = new StagedFolder(target);
  staged.write({ path: 'src/app.ts', content: 'generated' });
  await mkdir(target, { recursive: true });
  await writeFile(path.join(target, 'mine.txt'), 'the team’s work');
  await assert.rejects(staged.commit(), /DF_ERR_OUT_NOT_EMPTY|already exists and is not empty/);
  assert.deepEqual(await readdir(path.dirname(target)), ['service']);
  assert.deepEqual(await readdir(target), ['mine.txt']);
});

test('abort removes what was written, and the folders made only to hold it', async () => {
  const parent = path.join(scratch, 'three');
  const staged = new StagedFolder(path.join(parent, 'deeper', 'service'));
  staged.write({ path: 'src/app.ts', content: 'generated' });
  await staged.abort();
  await assert.rejects(readdir(parent), { code: 'ENOENT' });
  assert.ok((await readdir(scratch)).every((name) => !name.includes('design-first')));
});

test('a path outside the folder is refused as it comes, before anything is written', () => {
  const staged = new StagedFolder(path.join(scratch, 'four', 'service'));
  assert.throws(() => staged.write({ path: '../escape.txt', content: 'x' }), /refusing to write/);
});

test('new into a folder that is not empty leaves it exactly as it was, and no staging folder beside it', async () => {
  const parent = path.join(scratch, 'five');
  const target = path.join(parent, 'service');
  await mkdir(target, { recursive: true });
  await writeFile(path.join(target, 'keep.txt'), 'keep');
  const err: string[] = [];
  const repoRoot = path.resolve(import.meta.dirname, '../..');
  const code = await runNew({ blueprints: ['examples/pets/pets-v1.yaml'], out: target, cwd: repoRoot }, { stdout: () => {}, stderr: (line) => err.push(line) });
  assert.equal(code, 2);
  assert.match(err.join('\n'), /DF_ERR_OUT_NOT_EMPTY/);
  assert.deepEqual(await readdir(parent), ['service']);
  assert.deepEqual(await readdir(target), ['keep.txt']);
});

test('a blueprint that fails to generate leaves no folder at all', async () => {
  const parent = path.join(scratch, 'six');
  const blueprint = path.join(scratch, 'no-operations.yaml');
  await writeFile(blueprint, 'openapi: 3.1.0\ninfo: { title: Empty, version: 1.0.0 }\npaths: {}\n');
  const code = await runNew({ blueprints: [blueprint], out: path.join(parent, 'service'), lint: false }, { stdout: () => {}, stderr: () => {} });
  assert.notEqual(code, 0);
  await assert.rejects(readdir(parent), { code: 'ENOENT' });
});
