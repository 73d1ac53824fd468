/**
 * Applying an update to a service folder all at once, or not at all.
 *
 * A service folder holds node_modules, an editor's open files and the team's
 * shell, so it is not copied and swapped as `new` does with its staging
 * folder. Instead, in three phases:
 *
 * 1. prepare (undone by deleting what it made): every new content is written
 *    beside its target as `<file>.design-first-new`, and every file that will
 *    be replaced or deleted gets a second name, `<file>.design-first-old` (a
 *    hard link, so no copy); missing folders are created. Any failure here
 *    (disk full, permissions, a folder where a file should be) removes all of
 *    it and leaves the service as it was.
 * 2. commit: each `.design-first-new` is renamed over its target (one atomic
 *    rename per file) and deleted files are unlinked, the manifest last. If a
 *    step fails, the steps done are undone from the `.design-first-old` names.
 * 3. clean up: the `.design-first-old` names and folders left empty by
 *    deletions are removed.
 *
 * A process killed during phase 2 leaves `*.design-first-old` and
 * `*.design-first-new` files, which the next update refuses to start over
 * (DF_ERR_UPDATE_INTERRUPTED) and which say how to put things back.
 */
import { copyFile, link, lstat, mkdir, realpath, rename, rm, rmdir, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DesignFirstError } from '../errors.js';
import { MANIFEST_PATH } from '../write/manifest.js';
import { safeRelativePath } from '../write/paths.js';
import { NEW_SUFFIX, OLD_SUFFIX } from './service-tree.js';

export interface ChangeSet {
  /** Files to create or replace, relative to the service. */
  writes: ReadonlyArray<{ path: string; content: string | Buffer }>;
  /** Files to remove, relative to the service. */
  deletes: readonly string[];
}

/** The file operations used, replaceable in tests to make a step fail. */
export interface FileOperations {
  rename: (from: string, to: string) => Promise<void>;
  unlink: (file: string) => Promise<void>;
}

const nodeOperations: FileOperations = { rename, unlink };

export async function applyChangeSet(dir: string, changes: ChangeSet, operations: FileOperations = nodeOperations): Promise<void> {
  const root = await realpath(dir);
  // Writes, then deletions, then the manifest: until it is in place, the service describes itself as before.
  const steps: Array<{ relative: string; absolute: string; content: string | Buffer | undefined }> = [
    ...changes.writes.filter((write) => write.path !== MANIFEST_PATH).map((write) => ({ path: write.path, content: write.content })),
    ...changes.deletes.map((file) => ({ path: file, content: undefined })),
    ...changes.writes.filter((write) => write.path === MANIFEST_PATH).map((write) => ({ path: write.path, content: write.content })),
  ].map((step) => {
    const relative = safeRelativePath(step.path);
    return { relative, absolute: path.join(root, relative), content: step.content };
  });
  if (new Set(steps.map((step) => step.relative)).size !== steps.length) throw new Error('a change set names one file twice');

  // Phase 1: prepare.
  const temporary: string[] = [];
  const createdFolders: string[] = [];
  const existed = new Set<string>();
  try {
    for (const target of steps) {
      await ensureParent(root, target.absolute, createdFolders);
      const info = await lstat(target.absolute).catch(() => undefined);
      if (info?.isDirectory()) {
        throw new DesignFirstError('DF_ERR_OUT_UNSAFE_PATH', `${target.relative} is a folder where design-first writes a file; nothing was written`, {
          file: target.relative,
        });
      }
      if (info) {
        await link(target.absolute, target.absolute + OLD_SUFFIX).catch(() => copyFile(target.absolute, target.absolute + OLD_SUFFIX));
        temporary.push(target.absolute + OLD_SUFFIX);
        existed.add(target.absolute);
      }
      if (target.content !== undefined) {
        temporary.push(target.absolute + NEW_SUFFIX);
        await writeFile(target.absolute + NEW_SUFFIX, target.content, { flag: 'wx' });
      }
    }
  } catch (error) {
    await removeAll(temporary);
    await removeFolders(createdFolders);
    throw error;
  }

  // Phase 2: commit.
  const done: Array<{ absolute: string; existed: boolean }> = [];
  try {
    for (const target of steps) {
      if (target.content !== undefined) await operations.rename(target.absolute + NEW_SUFFIX, target.absolute);
      else await operations.unlink(target.absolute);
      done.push({ absolute: target.absolute, existed: existed.has(target.absolute) });
    }
  } catch (error) {
    for (const step of done.reverse()) {
      if (step.existed) await rename(step.absolute + OLD_SUFFIX, step.absolute);
      else await rm(step.absolute, { force: true });
    }
    await removeAll(temporary);
    await removeFolders(createdFolders);
    throw error;
  }

  // Phase 3: clean up.
  await removeAll(temporary);
  await removeEmptyParents(
    root,
    steps.filter((step) => step.content === undefined).map((step) => step.absolute),
  );
}

/** Create the target's folder if needed, after checking that its nearest existing ancestor is inside the service (no symbolic link out). */
async function ensureParent(root: string, target: string, created: string[]): Promise<void> {
  const parent = path.dirname(target);
  let existing = parent;
  while (!(await lstat(existing).catch(() => undefined))) existing = path.dirname(existing);
  const real = await realpath(existing);
  if (real !== root && !real.startsWith(`${root}${path.sep}`)) {
    throw new DesignFirstError(
      'DF_ERR_OUT_UNSAFE_PATH',
      `${path.relative(root, target)} would be written outside the service, through ${path.relative(root, existing)}`,
    );
  }
  if (existing !== parent) {
    const first = await mkdir(parent, { recursive: true });
    if (first) created.push(first);
  }
}

async function removeAll(files: readonly string[]): Promise<void> {
  await Promise.all(files.map((file) => rm(file, { force: true })));
}

/** Folders made by phase 1, deepest first; `rm -r` because they hold only what this update put there. */
async function removeFolders(folders: readonly string[]): Promise<void> {
  for (const folder of [...folders].reverse()) await rm(folder, { recursive: true, force: true });
}

async function removeEmptyParents(root: string, files: readonly string[]): Promise<void> {
  const folders = [...new Set(files.map((file) => path.dirname(file)))].sort((a, b) => b.length - a.length);
  for (let folder of folders) {
    while (folder !== root && folder.startsWith(`${root}${path.sep}`)) {
      const removed = await rmdir(folder).then(
        () => true,
        () => false,
      );
      if (!removed) break;
      folder = path.dirname(folder);
    }
  }
}
