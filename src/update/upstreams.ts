/**
 * The upstreams of a service at update: the blueprints it keeps in
 * blueprints/upstreams/<name>.yaml|json (one per upstream: the folder is the
 * record), each replaced by a `--upstream NAME=BLUEPRINT` of the same name or
 * joined by one new to the service. Deleting a stored blueprint removes its
 * upstream at the next update.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { loadBlueprint, type LoadedBlueprint, type LoadOptions } from '../blueprint/load.js';
import type { UpstreamFlag } from '../model/upstreams/flags.js';

export const UPSTREAM_FOLDER = 'blueprints/upstreams';

export interface UpstreamSource {
  name: string;
  /** Absolute: the blueprint to generate the client from. */
  file: string;
  /** The stored blueprint, when one named on the command line replaces it. */
  replaces: LoadedBlueprint | undefined;
  /** The one named on the command line, loaded. */
  given: LoadedBlueprint | undefined;
}

/** Stored upstreams in name order, each replaced by a given one of its name; then given ones new to the service. */
export async function chooseUpstreams(dir: string, given: readonly UpstreamFlag[], loadOptions: LoadOptions): Promise<UpstreamSource[]> {
  const stored = await storedUpstreams(dir);
  const sources: UpstreamSource[] = [];
  for (const { name, file } of stored) {
    const flag = given.find((candidate) => candidate.name === name);
    if (!flag) {
      sources.push({ name, file, replaces: undefined, given: undefined });
      continue;
    }
    sources.push({ name, file: flag.file, replaces: await loadBlueprint(file, loadOptions), given: await loadBlueprint(flag.file, loadOptions) });
  }
  for (const flag of given) {
    if (!stored.some((entry) => entry.name === flag.name))
      sources.push({ name: flag.name, file: flag.file, replaces: undefined, given: await loadBlueprint(flag.file, loadOptions) });
  }
  return sources;
}

async function storedUpstreams(dir: string): Promise<Array<{ name: string; file: string }>> {
  const entries = await readdir(path.join(dir, UPSTREAM_FOLDER), { withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile() && /^[a-z][a-z0-9-]*\.(ya?ml|json)$/.test(entry.name))
    .map((entry) => ({ name: entry.name.replace(/\.(ya?ml|json)$/, ''), file: path.join(dir, UPSTREAM_FOLDER, entry.name) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
