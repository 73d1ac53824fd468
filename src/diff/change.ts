/**
 * What a diff reports, and the log that gathers findings while the documents
 * are walked: it merges the same finding reached from several operations
 * (a shared component changed once is one change, not one per operation),
 * turns pointers into places only for what is reported, and sorts breaking first.
 */
import type { LoadedBlueprint } from '../blueprint/load.js';
import type { CheckId } from './catalogue.js';
import { SEVERITIES, type Severity } from './severity.js';

export { SEVERITIES, type Severity } from './severity.js';

/** A place in one of the two documents: `file:line:column` and the JSON pointer (without `#`). */
export interface ChangeLocation {
  file: string;
  line: number;
  column: number;
  pointer: string;
}

export interface Change {
  /** A stable kebab-case check id, e.g. `response-property-removed`; see docs/diff.md. */
  id: CheckId;
  severity: Severity;
  /** Where (operation), what changed, and what it means for clients, in one sentence. */
  message: string;
  /** The place in the old document; for an added thing, its parent there. */
  old?: ChangeLocation;
  /** The place in the new document; for a removed thing, its parent there. */
  new?: ChangeLocation;
}

/** A change before it has places: found by the walkers, merged by the log. */
export interface Finding {
  id: CheckId;
  severity: Severity;
  /** The operation (and response) it was found from, e.g. `GET /pets (200 application/json)`. */
  where: string;
  /** What changed and what it means, e.g. "response property `name` was removed: ...". */
  what: string;
  oldPointer?: string | undefined;
  newPointer?: string | undefined;
}

interface Entry {
  finding: Finding;
  others: number;
}

/** Where walkers put what they find. */
export interface FindingSink {
  add(finding: Finding): void;
}

export class ChangeLog implements FindingSink {
  private readonly entries = new Map<string, Entry>();

  add(finding: Finding): void {
    // The same id at the same places is the same change, however many operations reach it; the most
    // severe reading wins (a shared schema reached from a draft operation first and a stable one next).
    const key = `${finding.id}\u0000${finding.oldPointer ?? ''}\u0000${finding.newPointer ?? ''}`;
    const entry = this.entries.get(key);
    if (!entry) this.entries.set(key, { finding, others: 0 });
    else {
      entry.others++;
      if (SEVERITIES.indexOf(finding.severity) < SEVERITIES.indexOf(entry.finding.severity)) entry.finding = finding;
    }
  }

  /** Breaking first, then warnings, then the rest; in document order within each. */
  toChanges(oldLoaded: LoadedBlueprint, newLoaded: LoadedBlueprint): Change[] {
    const entries = [...this.entries.values()];
    // Each file is read once for all the places in it (a JSON text scanned once), not once per change.
    const oldPlaces = oldLoaded.placeAll(entries.flatMap(({ finding }) => (finding.oldPointer === undefined ? [] : [finding.oldPointer])));
    const newPlaces = newLoaded.placeAll(entries.flatMap(({ finding }) => (finding.newPointer === undefined ? [] : [finding.newPointer])));
    let oldAt = 0;
    let newAt = 0;
    const changes: Change[] = [];
    for (const { finding, others } of entries) {
      const also = others === 0 ? '' : ` (also reached from ${others} other place${others === 1 ? '' : 's'})`;
      const change: Change = {
        id: finding.id,
        severity: finding.severity,
        message: `${finding.where ? `${finding.where}: ` : ''}${finding.what}${also}`,
      };
      if (finding.oldPointer !== undefined) change.old = oldPlaces[oldAt++]!;
      if (finding.newPointer !== undefined) change.new = newPlaces[newAt++]!;
      changes.push(change);
    }
    return sortChanges(changes);
  }
}

export function sortChanges(changes: Change[]): Change[] {
  // Array.prototype.sort is stable, so document order survives within a severity.
  return changes.sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
}

export function countBySeverity(changes: readonly Change[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { breaking: 0, warning: 0, info: 0 };
  for (const change of changes) counts[change.severity]++;
  return counts;
}
