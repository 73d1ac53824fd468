/**
 * Writing a whole service at once: every file goes into a staging folder
 * beside the target, and the folder is renamed into place only when all of it
 * was written. A failure leaves the target exactly as it was.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DesignFirstError } from '../errors.js';
import { safeRelativePath } from './paths.js';

export interface FileToWrite {
  path: string;
  content: string;
}

/** True when `folder` does not exist or is an empty folder. */
export async function isAbsentOrEmpty(folder: string): Promise<boolean> {
  const info = await stat(folder).catch(() => undefined);
  if (!info) return true;
  if (!info.isDirectory()) return false;
  return (await readdir(folder)).length === 0;
}

/** Write `files` as a new folder `target` (which must be absent or empty). */
export async function writeNewFolder(target: string, files: readonly FileToWrite[]): Promise<void> {
  if (!(await isAbsentOrEmpty(target))) {
    throw new DesignFirstError('DF_ERR_OUT_NOT_EMPTY', `${target} already exists and is not empty`, { file: target });
  }
  const parent = path.dirname(path.resolve(target));
  await mkdir(parent, { recursive: true });
  const staging = path.join(parent, `.${path.basename(target)}.design-first-${randomBytes(4).toString('hex')}`);
  try {
    await writeTree(staging, files);
    // An empty target folder is replaced; rmdir refuses if something appeared meanwhile.
    await rmdir(target).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    await rename(staging, target);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

export async function writeTree(root: string, files: readonly FileToWrite[]): Promise<void> {
  const folders = new Set<string>();
  for (const file of files) folders.add(path.dirname(path.join(root, safeRelativePath(file.path))));
  for (const folder of [...folders].sort()) await mkdir(folder, { recursive: true });
  await Promise.all(files.map((file) => writeFile(path.join(root, safeRelativePath(file.path)), file.content)));
}
