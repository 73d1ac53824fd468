/**
 * The gate on published versions: every version the service already has is
 * compared, with `diffBlueprints`, against its blueprint as design-first last
 * generated it (the baseline). Breaking changes refuse the update unless the
 * team passes --allow-breaking; the way out is a new major version beside it.
 *
 * The baseline is the text whose hash the manifest records: usually
 * `blueprints/<key>.*` itself, and when the team edited that file in place,
 * the copy update keeps in `.design-first/blueprints/`.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadBlueprint, type LoadedBlueprint, type LoadOptions } from '../blueprint/load.js';
import { diffBlueprints, formatChanges, type Change, type DiffOptions } from '../diff/index.js';
import { DesignFirstError } from '../errors.js';
import { baselinePathOf } from '../write/manifest.js';
import { versionKeyOf, type VersionSource } from './blueprints.js';

export { baselinePathOf };

export interface VersionReview {
  key: string;
  /** `info.version` before and after. */
  from: string;
  to: string;
  /** Every change, breaking first (the diff's order). */
  changes: Change[];
}

export interface Review {
  /** Published versions whose blueprint changed. */
  reviews: VersionReview[];
  /** Published versions changed in place with no baseline left to compare with. */
  unchecked: Array<{ key: string; file: string }>;
}

/**
 * Compare each published version with its baseline. `diffOptions` carries the
 * playbook's notice period: deprecating without a far enough sunset, or
 * removing before the sunset, is breaking like any other breaking change.
 */
export async function reviewPublishedVersions(
  dir: string,
  sources: readonly VersionSource[],
  loadOptions: LoadOptions,
  diffOptions: DiffOptions = {},
): Promise<Review> {
  const review: Review = { reviews: [], unchecked: [] };
  for (const source of sources) {
    const previous = source.previous;
    if (!previous) continue;
    // Unchanged since the last generation: nothing to review (a bundled blueprint is compared by the diff instead).
    const text = source.given ? (source.given.singleFile ? Buffer.from(source.given.root.text) : undefined) : await readFile(source.file);
    if (text && sha256(text) === previous.hash) continue;
    const newLoaded = source.given ?? (await loadBlueprint(source.file, loadOptions));
    if (!source.given && versionKeyOf(newLoaded.document) !== source.key) {
      throw new DesignFirstError(
        'DF_ERR_UPDATE_VERSION_MOVED',
        `the blueprint of ${source.key} now declares info.version ${JSON.stringify(String((newLoaded.document.info as { version?: unknown }).version))}, which is not ${source.key}`,
        newLoaded.place('/info/version'),
      );
    }
    const baseline = await findBaseline(dir, previous.blueprint, previous.hash);
    if (!baseline) {
      review.unchecked.push({ key: source.key, file: previous.blueprint });
      continue;
    }
    const oldLoaded = await loadBlueprint(baseline, {});
    const changes = diffBlueprints(oldLoaded, newLoaded, diffOptions);
    review.reviews.push({ key: source.key, from: previous.apiVersion, to: apiVersionOf(newLoaded), changes });
  }
  return review;
}

/** Refuse breaking changes and unchecked versions, unless allowed; the details list every breaking change. */
export function refuseBreaking(review: Review, allowBreaking: boolean): void {
  if (allowBreaking) return;
  const breaking = review.reviews.filter((entry) => entry.changes.some((change) => change.severity === 'breaking'));
  if (breaking.length > 0) {
    const details: string[] = [];
    let count = 0;
    for (const entry of breaking) {
      const changes = entry.changes.filter((change) => change.severity === 'breaking');
      count += changes.length;
      details.push(`${entry.key} (published as ${entry.from}, now ${entry.to}):`, ...formatChanges(changes, 'text').trimEnd().split('\n'), '');
    }
    const majors = breaking.map((entry) => `${entry.key} -> v${Number(entry.key.slice(1)) + 1}`).join(', ');
    details.push(
      `To ship these changes, publish them as a new major version beside the old one (${majors}): set info.version to the next major in a copy of the blueprint and run design-first update with that file.`,
    );
    throw new DesignFirstError(
      'DF_ERR_UPDATE_BREAKING',
      `${count} breaking change(s) inside published version${breaking.length === 1 ? '' : 's'} ${breaking.map((entry) => entry.key).join(', ')}; nothing was written`,
      {},
      details,
    );
  }
  const unchecked = review.unchecked[0];
  if (unchecked) {
    throw new DesignFirstError(
      'DF_ERR_UPDATE_NO_BASELINE',
      `${unchecked.file} was edited in place and the blueprint it replaced is not kept, so its breaking changes cannot be listed; nothing was written`,
      { file: unchecked.file },
    );
  }
}

/** The file, of those where a baseline can be, whose content has the recorded hash. */
export async function findBaseline(dir: string, blueprintFile: string, hash: string): Promise<string | undefined> {
  for (const candidate of [blueprintFile, baselinePathOf(blueprintFile)]) {
    const file = path.join(dir, candidate);
    const content = await readFile(file).catch(() => undefined);
    if (content && sha256(content) === hash) return file;
  }
  return undefined;
}

function apiVersionOf(loaded: LoadedBlueprint): string {
  const version = (loaded.document.info as { version?: unknown } | undefined)?.version;
  return typeof version === 'string' || typeof version === 'number' ? String(version) : '?';
}

function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}
