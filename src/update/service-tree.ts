/**
 * The files of a service as they are on disk: what `update` compares the new
 * output with. Dependencies, builds and version control are not walked.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { DesignFirstError } from '../errors.js';

/** Suffixes of the temporary files an update writes beside their targets (apply.ts). */
export const NEW_SUFFIX = '.design-first-new';
export const OLD_SUFFIX = '.design-first-old';

const NOT_WALKED = new Set(['node_modules', '.git', 'dist']);

/** Every regular file under `dir`, relative with `/`, sorted; symbolic links are not followed. */
export async function listServiceFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (relative: string): Promise<void> => {
    const entries = await readdir(path.join(dir, relative), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!NOT_WALKED.has(entry.name)) await walk(child);
      } else if (entry.isFile()) {
        found.push(child);
      }
    }
  };
  await walk('');
  return found.sort();
}

/** Refuse to start over the remains of an update that was killed half-way (apply.ts cleans up after any error it sees). */
export function refuseLeftovers(files: readonly string[]): void {
  const leftovers = files.filter((file) => file.endsWith(NEW_SUFFIX) || file.endsWith(OLD_SUFFIX));
  if (leftovers.length === 0) return;
  throw new DesignFirstError(
    'DF_ERR_UPDATE_INTERRUPTED',
    `${leftovers.length} file(s) left by an update that did not finish; nothing was written`,
    {},
    leftovers.map((file) => `  ${file}`),
  );
}

/** The current content of each of `paths` that exists as a file under `dir`. */
export async function readExisting(dir: string, paths: Iterable<string>): Promise<Map<string, Buffer>> {
  const contents = new Map<string, Buffer>();
  await Promise.all(
    [...new Set(paths)].map(async (relative) => {
      try {
        contents.set(relative, await readFile(path.join(dir, relative)));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // Absent (or a folder where a file should be, which the plan reports as a conflict).
        if (code !== 'ENOENT' && code !== 'ENOTDIR' && code !== 'EISDIR') throw error;
      }
    }),
  );
  return contents;
}
