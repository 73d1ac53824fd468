/**
 * applyChangeSet: all or nothing. A failure while preparing or while
 * committing leaves the folder exactly as it was, with no temporary files and
 * no new folders; success leaves no temporary files either.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rename, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { applyChangeSet, type FileOperations } from '../../src/update/apply.js';
import { listServiceFiles } from '../../src/update/service-tree.js';

async function folderWith(t: TestContext, files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'df-apply-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
  return dir;
}

async function contents(dir: string): Promise<Record<string, string>> {
  const files = await listServiceFiles(dir);
  return Object.fromEntries(await Promise.all(files.map(async (file) => [file, await readFile(path.join(dir, file), 'utf8')])));
}

const START = {
  '.design-first/manifest.json': '{"old":true}',
  'src/platform/errors.ts': 'old errors',
  'src/generated/v1/types.ts': 'old types',
  'src/generated/v0/stale.ts': 'stale',
};

const CHANGES = {
  writes: [
    { path: 'src/platform/errors.ts', content: 'new errors' },
    { path: 'src/handlers/v1/owners/listOwners.ts', content: 'new handler' },
    { path: 'src/generated/v1/types.ts', content: 'new types' },
    { path: '.design-first/manifest.json', content: '{"new":true}' },
  ],
  deletes: ['src/generated/v0/stale.ts'],
};

test('writes, creates folders, deletes, removes folders left empty, and leaves no temporary file', async (t) => {
  const dir = await folderWith(t, START);
  await applyChangeSet(dir, CHANGES);
  assert.deepEqual(await contents(dir), {
    '.design-first/manifest.json': '{"new":true}',
    'src/generated/v1/types.ts': 'new types',
    'src/handlers/v1/owners/listOwners.ts': 'new handler',
    'src/platform/errors.ts': 'new errors',
  });
  await assert.rejects(readFile(path.join(dir, 'src/generated/v0')), { code: 'ENOENT' });
});

for (const failAt of [1, 2, 3, 4, 5]) {
  test(`a commit step failing (step ${failAt} of 5) undoes the steps done: the folder is as it was`, async (t) => {
    const dir = await folderWith(t, START);
    let step = 0;
    const failing: FileOperations = {
      rename: async (from, to) => {
        if (++step === failAt) throw new Error(`injected failure renaming ${to}`);
        await rename(from, to);
      },
      unlink: async (file) => {
        if (++step === failAt) throw new Error(`injected failure deleting ${file}`);
        await unlink(file);
      },
    };
    await assert.rejects(applyChangeSet(dir, CHANGES, failing), /injected failure/);
    assert.deepEqual(await contents(dir), START);
    await assert.rejects(readFile(path.join(dir, 'src/handlers')), { code: 'ENOENT' }, 'the folders it made are gone');
  });
}

test('a failure while preparing (a folder where a file goes) changes nothing', async (t) => {
  const dir = await folderWith(t, { ...START, 'src/app.ts/inside.ts': 'a folder named like a file' });
  await assert.rejects(
    applyChangeSet(dir, { writes: [...CHANGES.writes, { path: 'src/app.ts', content: 'x' }], deletes: CHANGES.deletes }),
    /DF_ERR_OUT_UNSAFE_PATH|is a folder/,
  );
  assert.deepEqual(await contents(dir), { ...START, 'src/app.ts/inside.ts': 'a folder named like a file' });
});

test('refuses to write through a symbolic link that leads out of the service, and writes nothing', async (t) => {
  const outside = await folderWith(t, {});
  const dir = await folderWith(t, START);
  await symlink(outside, path.join(dir, 'src/handlers'));
  await assert.rejects(applyChangeSet(dir, CHANGES), (error: Error & { code?: string }) => {
    assert.equal(error.code, 'DF_ERR_OUT_UNSAFE_PATH');
    assert.match(error.message, /outside the service/);
    return true;
  });
  assert.deepEqual(await contents(outside), {});
  assert.deepEqual(await contents(dir), START);
});

test('refuses paths that leave the service', async (t) => {
  const dir = await folderWith(t, START);
  await assert.rejects(applyChangeSet(dir, { writes: [{ path: '../escape.ts', content: 'x' }], deletes: [] }), { code: 'DF_ERR_OUT_UNSAFE_PATH' });
  await assert.rejects(applyChangeSet(dir, { writes: [], deletes: ['node_modules/x/index.js'] }), { code: 'DF_ERR_OUT_UNSAFE_PATH' });
  assert.deepEqual(await contents(dir), START);
});
