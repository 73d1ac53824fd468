/**
 * Nothing half-written: each client is generated into a staging folder beside
 * its target (same file system, so the final rename is atomic), and all of
 * them are moved into place only when every generation succeeded. On failure
 * the staging folders, and any parent folders made for them, are removed.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { DesignFirstError } from '../errors.js';

/** Refuse a target that is a file, or a non-empty folder unless `force`. */
export async function checkTarget(target: string, force: boolean): Promise<void> {
  let entries: string[];
  try {
    if (!(await stat(target)).isDirectory()) {
      throw new DesignFirstError('DF_ERR_CLIENT_OUT_NOT_EMPTY', `${target} exists and is not a folder`);
    }
    entries = await readdir(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (entries.length > 0 && !force) {
    throw new DesignFirstError('DF_ERR_CLIENT_OUT_NOT_EMPTY', `${target} already holds a client (${entries.length} entries)`);
  }
}

interface Staged {
  readonly target: string;
  readonly staging: string;
}

export class StagedOutputs {
  private readonly staged: Staged[] = [];
  /** Folders this run created (outermost first for each mkdir), removed again on failure. */
  private readonly created: string[] = [];

  /** Make an empty staging folder beside `target` and return its path. */
  async stage(target: string): Promise<string> {
    const parent = path.dirname(target);
    const made = await mkdir(parent, { recursive: true });
    if (made !== undefined) this.created.push(made);
    const staging = path.join(parent, `.${path.basename(target)}.staging-${randomBytes(4).toString('hex')}`);
    await mkdir(staging);
    this.staged.push({ target, staging });
    return staging;
  }

  /** Move every staged folder into place, replacing what was there (checked beforehand by checkTarget). */
  async commit(): Promise<void> {
    for (const { target, staging } of this.staged) {
      const old = `${staging}.old`;
      let replaced = false;
      try {
        await rename(target, old);
        replaced = true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      try {
        await rename(staging, target);
      } catch (error) {
        if (replaced) await rename(old, target);
        throw error;
      }
      if (replaced) await rm(old, { recursive: true, force: true });
    }
    this.staged.length = 0;
    this.created.length = 0;
  }

  /** Remove staging folders and the folders made for them. */
  async discard(): Promise<void> {
    for (const { staging } of this.staged) await rm(staging, { recursive: true, force: true });
    for (const folder of [...this.created].reverse()) await rm(folder, { recursive: true, force: true });
    this.staged.length = 0;
    this.created.length = 0;
  }

  /** The same, synchronously, for a signal handler. */
  discardSync(): void {
    for (const { staging } of this.staged) rmSync(staging, { recursive: true, force: true });
    for (const folder of [...this.created].reverse()) rmSync(folder, { recursive: true, force: true });
  }
}

/** Count the files under a folder (for the summary line). */
export async function countFiles(folder: string): Promise<number> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).length;
}
