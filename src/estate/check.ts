/**
 * The estate's drift columns, read against what the service records:
 *
 * - drifted files: generated files (src/generated/, test/generated/) whose
 *   content is no longer what design-first wrote from the recorded inputs (the
 *   manifest's hash of each), so a hand edit the next update rewrites. Platform
 *   files the team changed are theirs to change (update merges them) and are
 *   not drift; stored blueprints are the next column.
 * - unapplied edits: stored blueprints whose content is not the one the
 *   service was last generated from.
 * - breaking: only when there are such edits, update's own review of them
 *   against what each version was published as (prepareUpdate, nothing
 *   written); a version edited in place with no copy of its published
 *   blueprint left cannot be reviewed, and is named as not checked.
 *
 * Nothing here needs the service's node_modules unless a blueprint was edited.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { prepareUpdate } from '../update/index.js';
import { readManifest } from '../update/manifest-file.js';
import type { CheckOutcome } from './status.js';

/** Update's bookkeeping and the stored blueprints are never drift. */
const NOT_DRIFT = /^(\.design-first|blueprints)\//;

export async function checkDrift(dir: string): Promise<CheckOutcome> {
  const manifest = await readManifest(dir);
  const files: CheckOutcome['files'] = [];
  for (const [file, entry] of Object.entries(manifest.files)) {
    if (entry.owner !== 'generated' || NOT_DRIFT.test(file)) continue;
    const content = await readFile(path.join(dir, file)).catch(() => undefined);
    if (content === undefined) files.push({ path: file, why: 'deleted; update writes it again' });
    else if (!hashesOf(content).has(entry.hash)) files.push({ path: file, why: 'edited by hand since design-first generated it; update rewrites it' });
  }
  const blueprintEdits: string[] = [];
  for (const version of manifest.versions) {
    const content = await readFile(path.join(dir, version.blueprint)).catch(() => undefined);
    if (content === undefined || !hashesOf(content).has(version.hash)) blueprintEdits.push(version.blueprint);
  }
  if (blueprintEdits.length === 0) return { files, blueprintEdits, breaking: 0, unchecked: [] };
  // Update's review, as `update` would run it (the service's own playbook gives the notice period); breaking changes are counted, not refused.
  const prepared = await prepareUpdate({ dir, lint: false, allowBreaking: true });
  const breaking = prepared.review.reviews.reduce((sum, review) => sum + review.changes.filter((change) => change.severity === 'breaking').length, 0);
  return { files, blueprintEdits, breaking, unchecked: prepared.review.unchecked.map((entry) => entry.key) };
}

/** A file's hashes as it is and with CRLF line ends made LF (a Windows checkout has not changed what design-first wrote). */
function hashesOf(content: Buffer): Set<string> {
  const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
  const hashes = new Set([sha256(content)]);
  if (content.includes(0x0d)) hashes.add(sha256(content.toString('utf8').replace(/\r\n/g, '\n')));
  return hashes;
}
