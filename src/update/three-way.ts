/**
 * Conflicts become merges where a base is at hand (base.ts): a file both the
 * team and design-first changed is merged three ways (merge.ts). Clean merges
 * are written like any update; regions both sides changed get conflict
 * markers, and the file stays a conflict (written with --force, markers and
 * all, for the team to resolve in their editor). Without a base the conflict
 * stays as it was: design-first's version, yours kept as *.orig with --force.
 */
import type { PlannedFile } from './plan.js';
import { mergeJson, mergeText } from './merge.js';

export function mergeConflicts(files: readonly PlannedFile[], disk: ReadonlyMap<string, Buffer>, base: ReadonlyMap<string, string>): PlannedFile[] {
  return files.map((file) => {
    if (file.action !== 'conflict' || file.content === undefined) return file;
    const theirs = disk.get(file.path)?.toString('utf8');
    const original = base.get(file.path);
    if (theirs === undefined || original === undefined) return file;
    if (file.path === 'package.json' || file.path.endsWith('/package.json')) {
      const merged = mergeJson(original, theirs, file.content);
      if (merged) {
        if (merged.conflicts.length === 0)
          return { ...file, action: 'merge', content: merged.text, reason: "merged as JSON: your changes and the templates' both kept" };
        return {
          ...file,
          content: merged.text,
          reason: `you and the templates set ${merged.conflicts.join(', ')} differently; merged as JSON with the templates' value${merged.conflicts.length === 1 ? '' : 's'} there`,
        };
      }
    }
    const merged = mergeText(original, theirs, file.content);
    if (merged.conflicts.length === 0)
      return { ...file, action: 'merge', content: merged.text, reason: 'you and the templates changed different lines: merged' };
    const where = merged.conflicts.map((region) => (region.from === region.to ? `line ${region.from}` : `lines ${region.from}-${region.to}`)).join(', ');
    return {
      ...file,
      content: merged.text,
      markers: true,
      reason: `you and the templates changed the same lines (yours: ${where}); merged, with conflict markers there`,
    };
  });
}
