/**
 * A folder under the repository's .tmp/cache/ made once and then shared by
 * every test process of an `npm test` run (node --test runs each test file in
 * a process of its own, two at a time). The first process to need an entry
 * takes a lock (an atomic mkdir), makes the entry in a staging folder and
 * renames it into place; a process that finds the lock taken waits for the
 * entry instead of doing the same work beside it. A lock whose holder has
 * died (its pid no longer runs) is taken over.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The repository (as helpers.ts finds it; not imported from there, which imports this file).
export const cacheRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../.tmp/cache');

/**
 * The folder `<kind>/<key>` of the cache, made by `make(staging)` (which fills
 * `staging`) if no process has made it yet. `make` returning a message instead
 * of nothing means it failed: nothing is cached, and the message is thrown.
 */
export async function sharedEntry(kind: string, key: string, make: (staging: string) => Promise<string | undefined>): Promise<string> {
  const entry = path.join(cacheRoot, kind, key);
  const lock = `${entry}.lock`;
  await mkdir(path.dirname(entry), { recursive: true });
  for (;;) {
    if (existsSync(entry)) return entry;
    if (await tryLock(lock)) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  try {
    if (existsSync(entry)) return entry;
    const staging = `${entry}.staging-${process.pid}`;
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging, { recursive: true });
    const failure = await make(staging);
    if (failure !== undefined) {
      await rm(staging, { recursive: true, force: true });
      throw new Error(failure);
    }
    await rename(staging, entry);
    return entry;
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/** Take the lock (mkdir fails if it exists), or take over one whose holder is gone. */
async function tryLock(lock: string): Promise<boolean> {
  try {
    await mkdir(lock);
    await writeFile(path.join(lock, 'pid'), String(process.pid));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const holder = Number(await readFile(path.join(lock, 'pid'), 'utf8').catch(() => ''));
  if (holder && isRunning(holder)) return false;
  // No pid yet: the holder is between its mkdir and its writeFile (wait), unless that was long ago (it died there).
  const taken = await stat(lock).then(
    (info) => info.mtimeMs,
    () => undefined,
  );
  if (!holder && taken !== undefined && Date.now() - taken < 30_000) return false;
  await rm(lock, { recursive: true, force: true });
  return false;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
