/**
 * Writing a whole service at once: every file goes into a staging folder
 * beside the target, and the folder is renamed into place only when all of it
 * was written. A failure leaves the target exactly as it was.
 *
 * Files are written as they become ready (a StagedFolder takes them one by
 * one while the rest of the service is still being generated), a few at a
 * time: 1,770 writes started at once (GitHub's service) made the file system
 * work harder, in more threads, than writing them in turn.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import { DesignFirstError } from '../errors.js';
import { safeRelativePath } from './paths.js';

export interface FileToWrite {
  path: string;
  content: string;
}

/** Writes in flight at once. */
const CONCURRENT_WRITES = 4;

/** True when `folder` does not exist or is an empty folder. */
export async function isAbsentOrEmpty(folder: string): Promise<boolean> {
  const info = await stat(folder).catch(() => undefined);
  if (!info) return true;
  if (!info.isDirectory()) return false;
  return (await readdir(folder)).length === 0;
}

/** Write `files` as a new folder `target` (which must be absent or empty). */
export async function writeNewFolder(target: string, files: readonly FileToWrite[]): Promise<void> {
  if (!(await isAbsentOrEmpty(target))) throw notEmpty(target);
  const staged = new StagedFolder(target);
  for (const file of files) staged.write(file);
  await staged.commit();
}

/**
 * A new folder `target` written file by file: `write` starts writing a file
 * into the staging folder and returns at once; `commit` waits for every
 * write, then renames the staging folder into place if `target` is still
 * absent or empty; `abort` removes what was written. A file written twice
 * ends with its last content. Paths are checked as they come.
 */
export class StagedFolder {
  private readonly staging: string;
  private readonly parent: string;
  /** The first folder mkdir created for the parent, removed again (when empty) if nothing is committed. */
  private createdParent: Promise<string | undefined> | undefined;
  private readonly folders = new Map<string, Promise<unknown>>();
  /** The last write of each file: a later write of the same file waits for it. */
  private readonly lastWrite = new Map<string, Promise<void>>();
  private readonly limit = pLimit(CONCURRENT_WRITES);
  private failure: unknown;
  private finished = false;

  constructor(private readonly target: string) {
    this.parent = path.dirname(path.resolve(target));
    this.staging = path.join(this.parent, `.${path.basename(target)}.design-first-${randomBytes(4).toString('hex')}`);
  }

  write(file: FileToWrite): void {
    if (this.finished) throw new Error(`${this.target} was already committed or aborted`);
    const absolute = path.join(this.staging, safeRelativePath(file.path));
    const previous = this.lastWrite.get(absolute);
    const folder = this.folder(path.dirname(absolute));
    const done = (async () => {
      await Promise.all([folder, previous]);
      await this.limit(async () => {
        if (this.failure === undefined) await writeFile(absolute, file.content);
      });
    })().catch((error: unknown) => {
      this.failure ??= error;
    });
    this.lastWrite.set(absolute, done);
  }

  async commit(): Promise<void> {
    this.finished = true;
    await Promise.all(this.lastWrite.values());
    try {
      if (this.failure !== undefined) throw this.failure;
      // Nothing was written (no files): the folder is still created, empty.
      await this.folder(this.staging);
      if (!(await isAbsentOrEmpty(this.target))) throw notEmpty(this.target);
      // An empty target folder is replaced; rmdir refuses if something appeared meanwhile.
      await rmdir(this.target).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
      await rename(this.staging, this.target);
    } catch (error) {
      await this.removeStaging();
      throw error;
    }
  }

  /** Stop and remove what was written; the target is left as it was. */
  async abort(): Promise<void> {
    this.finished = true;
    this.failure ??= new Error('aborted');
    await Promise.all(this.lastWrite.values());
    await this.removeStaging();
  }

  private async removeStaging(): Promise<void> {
    await rm(this.staging, { recursive: true, force: true });
    const created = await this.createdParent?.catch(() => undefined);
    if (created === undefined) return;
    // Folders made only to hold the staging folder go too, innermost first, each only if it is empty.
    for (let folder = this.parent; folder.startsWith(created); folder = path.dirname(folder)) {
      const removed = await rmdir(folder).then(
        () => true,
        () => false,
      );
      if (!removed || folder === created) break;
    }
  }

  private folder(folder: string): Promise<unknown> {
    let made = this.folders.get(folder);
    if (!made) {
      if (folder === this.staging) {
        this.createdParent ??= mkdir(this.parent, { recursive: true });
        made = this.createdParent.then(() => mkdir(folder, { recursive: true }));
      } else {
        made = this.folder(path.dirname(folder)).then(() =>
          mkdir(folder).catch((error: NodeJS.ErrnoException) => {
            if (error.code !== 'EEXIST') throw error;
          }),
        );
      }
      this.folders.set(folder, made);
    }
    return made;
  }
}

function notEmpty(target: string): DesignFirstError {
  return new DesignFirstError('DF_ERR_OUT_NOT_EMPTY', `${target} already exists and is not empty`, { file: target });
}
