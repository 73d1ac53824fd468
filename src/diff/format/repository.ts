/**
 * Where the files of a loaded blueprint sit in their repository, for places in
 * a pull-request comment: `blueprints/pets.yaml`, never the runner's temporary
 * folder the base revision was checked out into. A file's repository is the
 * nearest folder above it holding `.git` (a folder, or the file a worktree has).
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { LoadedBlueprint } from '../../blueprint/load.js';

/** The file name each place uses (`ChangeLocation.file`) -> its path in its repository (with `/`). */
export async function repositoryPaths(loaded: LoadedBlueprint): Promise<Map<string, string>> {
  const paths = new Map<string, string>();
  const roots = new Map<string, string | null>();
  const rootFolder = path.dirname(loaded.root.file);
  for (const source of loaded.sources.values()) {
    if (/^https?:\/\//.test(source.file)) continue; // a remote $ref is shown as its URL
    const root = await repositoryRoot(path.dirname(source.file), roots);
    // Outside any repository: relative to the working folder when inside it, else to the blueprint's own folder.
    const relative =
      root !== null ? path.relative(root, source.file) : path.isAbsolute(source.displayName) ? path.relative(rootFolder, source.file) : source.displayName;
    paths.set(source.displayName, relative.split(path.sep).join('/'));
  }
  return paths;
}

async function repositoryRoot(folder: string, cache: Map<string, string | null>): Promise<string | null> {
  const seen: string[] = [];
  let current = folder;
  for (;;) {
    const known = cache.get(current);
    if (known !== undefined) return remember(known);
    seen.push(current);
    if (await stat(path.join(current, '.git')).catch(() => undefined)) return remember(current);
    const parent = path.dirname(current);
    if (parent === current) return remember(null);
    current = parent;
  }
  function remember(root: string | null): string | null {
    for (const visited of seen) cache.set(visited, root);
    return root;
  }
}
