/**
 * Which blueprint each version of the service is regenerated from: the
 * service's own stored copy (`blueprints/<key>.yaml|json`), unless one named
 * on the command line has the same major version (it replaces that version)
 * or a new one (it is added beside the others).
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { loadBlueprint, type LoadedBlueprint, type LoadOptions } from '../blueprint/load.js';
import { DesignFirstError } from '../errors.js';
import type { Manifest } from '../write/manifest.js';
import type { ManifestVersion } from './manifest-file.js';
import { versionKeyOf } from '../model/build-model.js';

export { versionKeyOf };

export interface VersionSource {
  /** `v1`, `v2`. */
  key: string;
  /** Absolute path of the blueprint to generate from. */
  file: string;
  /** The blueprint when it was named on the command line (already loaded); undefined for the stored copy. */
  given: LoadedBlueprint | undefined;
  /** The version as the manifest records it; undefined for a version new to the service. */
  previous: ManifestVersion | undefined;
}

/** One source per version: stored copies first (in the manifest's order), then versions new to the service. */
export async function chooseBlueprints(dir: string, manifest: Manifest, given: readonly string[], loadOptions: LoadOptions): Promise<VersionSource[]> {
  const named: Array<{ key: string; loaded: LoadedBlueprint }> = [];
  for (const file of given) {
    const loaded = await loadBlueprint(file, loadOptions);
    named.push({ key: versionKeyOf(loaded.document), loaded });
  }
  const sources: VersionSource[] = [];
  for (const previous of manifest.versions) {
    // Two given blueprints of one major version both come through, so that the model reports the clash.
    const replacing = named.filter((entry) => entry.key === previous.key);
    for (const entry of replacing) sources.push({ key: entry.key, file: entry.loaded.root.file, given: entry.loaded, previous });
    if (replacing.length > 0) continue;
    const file = path.join(dir, previous.blueprint);
    if (!(await isFile(file))) {
      throw new DesignFirstError('DF_ERR_UPDATE_SOURCE_MISSING', `${previous.blueprint}, the blueprint of ${previous.key}, is missing`, {
        file: path.join(dir, previous.blueprint),
      });
    }
    sources.push({ key: previous.key, file, given: undefined, previous });
  }
  for (const entry of named) {
    if (!manifest.versions.some((version) => version.key === entry.key)) {
      sources.push({ key: entry.key, file: entry.loaded.root.file, given: entry.loaded, previous: undefined });
    }
  }
  return sources;
}

/**
 * `v<major>` from `info.version`, as the model names versions (build-model.ts):
 * `1.2.3` -> v1, `v2` -> v2, a date or anything else -> v1, 0 -> v1.
 * test/update/blueprints.test.ts checks that both agree.
 */

async function isFile(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined))?.isFile() ?? false;
}
