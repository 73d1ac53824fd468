/**
 * Writing the catalogue all at once: files go into a staging folder beside
 * the target as they are made, and the staging folder takes the target's
 * place only when the whole catalogue was written. The target must be new,
 * empty, or an earlier catalogue (which is replaced, and whose dates are
 * carried over); anything else is refused, so no one's folder is overwritten.
 */
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, readFile, readdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DesignFirstError } from '../errors.js';
import { safeRelativePath } from '../write/paths.js';

/** What an earlier catalogue in the target folder recorded about each API (by slug). */
export interface PreviousCatalogue {
  apis: Map<string, { dateAdded: string; dateUpdated: string; blueprintHash: string | undefined }>;
}

export class StagedCatalogue {
  private readonly folders = new Set<string>();
  private written = 0;

  private constructor(
    readonly target: string,
    private readonly staging: string,
    readonly previous: PreviousCatalogue | null,
  ) {}

  static async open(target: string): Promise<StagedCatalogue> {
    const previous = await checkTarget(target);
    const parent = path.dirname(path.resolve(target));
    await mkdir(parent, { recursive: true });
    const staging = path.join(parent, `.${path.basename(target)}.design-first-${randomBytes(4).toString('hex')}`);
    await mkdir(staging);
    return new StagedCatalogue(target, staging, previous);
  }

  async write(relative: string, content: string | Uint8Array): Promise<void> {
    await writeFile(await this.place(relative), content);
    this.written++;
  }

  async copy(relative: string, from: string): Promise<void> {
    await copyFile(from, await this.place(relative));
    this.written++;
  }

  get fileCount(): number {
    return this.written;
  }

  /** Put the catalogue in place of the target (and of an earlier catalogue there). */
  async commit(): Promise<void> {
    const info = await stat(this.target).catch(() => undefined);
    if (!info) {
      await rename(this.staging, this.target);
      return;
    }
    if (this.previous === null) {
      // An empty folder: rmdir refuses if something appeared in it meanwhile.
      await rmdir(this.target);
      await rename(this.staging, this.target);
      return;
    }
    const old = `${this.staging}-old`;
    await rename(this.target, old);
    await rename(this.staging, this.target);
    await rm(old, { recursive: true, force: true });
  }

  async abort(): Promise<void> {
    await rm(this.staging, { recursive: true, force: true });
  }

  private async place(relative: string): Promise<string> {
    const file = path.join(this.staging, safeRelativePath(relative));
    const folder = path.dirname(file);
    if (!this.folders.has(folder)) {
      await mkdir(folder, { recursive: true });
      this.folders.add(folder);
    }
    return file;
  }
}

/** The target is absent, empty, or an earlier catalogue (returned); anything else is refused. */
async function checkTarget(target: string): Promise<PreviousCatalogue | null> {
  const info = await stat(target).catch(() => undefined);
  if (!info) return null;
  const refuse = () =>
    new DesignFirstError('DF_ERR_CATALOGUE_OUT_NOT_EMPTY', 'already exists and is neither empty nor a catalogue built by design-first', { file: target });
  if (!info.isDirectory()) throw refuse();
  if ((await readdir(target)).length === 0) return null;
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path.join(target, 'catalogue.json'), 'utf8'));
  } catch {
    throw refuse();
  }
  const record = data as { generator?: { name?: unknown }; apis?: unknown };
  if (record?.generator?.name !== 'generator-design-first' || !Array.isArray(record.apis)) throw refuse();
  const apis: PreviousCatalogue['apis'] = new Map();
  for (const entry of record.apis as Array<Record<string, unknown>>) {
    if (typeof entry?.slug !== 'string' || typeof entry.dateAdded !== 'string' || typeof entry.dateUpdated !== 'string') continue;
    apis.set(entry.slug, {
      dateAdded: entry.dateAdded,
      dateUpdated: entry.dateUpdated,
      blueprintHash: typeof entry.blueprintHash === 'string' ? entry.blueprintHash : undefined,
    });
  }
  return { apis };
}
