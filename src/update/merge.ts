/**
 * Three-way merges of a file both the team and design-first changed, as
 * copier and cruft do for project templates: the base is what design-first
 * wrote last time (regenerated, base.ts), theirs is the file on disk, ours is
 * what design-first writes now.
 *
 * - text: line by line with node-diff3; where only one side changed a region,
 *   that side's lines are taken; where both changed the same lines
 *   differently, the region gets git-style conflict markers, and only there;
 * - package.json: as JSON, key by key (dependencies, scripts...), so a team's
 *   added dependency and design-first's raised version both land; a key both
 *   set to different values is a conflict, named, and takes design-first's
 *   value (the team's file is kept beside it as *.orig when written).
 */
import { diff3Merge } from 'node-diff3';

export interface TextMerge {
  text: string;
  /** Conflicting regions, by their lines in the team's file (1-based, inclusive), empty when the merge is clean. */
  conflicts: Array<{ from: number; to: number }>;
}

const OURS_LABEL = 'design-first';
const THEIRS_LABEL = 'yours';

export function mergeText(base: string, theirs: string, ours: string): TextMerge {
  const split = (text: string) => text.split('\n');
  const regions = diff3Merge(split(theirs), split(base), split(ours), { excludeFalseConflicts: true });
  const lines: string[] = [];
  const conflicts: TextMerge['conflicts'] = [];
  for (const region of regions) {
    if (region.ok) {
      lines.push(...region.ok);
      continue;
    }
    // a: the team's lines (the first text given), b: design-first's.
    const { a: team, aIndex, b: designFirst } = region.conflict!;
    conflicts.push({ from: aIndex + 1, to: aIndex + Math.max(team.length, 1) });
    lines.push(`<<<<<<< ${THEIRS_LABEL}`, ...team, '=======', ...designFirst, `>>>>>>> ${OURS_LABEL}`);
  }
  return { text: lines.join('\n'), conflicts };
}

export interface JsonMerge {
  text: string;
  /** Keys both sides set to different values (`dependencies.fastify`). */
  conflicts: string[];
}

/** package.json merged key by key; undefined when one of the three is not a JSON object (then it is merged as text). */
export function mergeJson(base: string, theirs: string, ours: string): JsonMerge | undefined {
  const [b, t, o] = [parseObject(base), parseObject(theirs), parseObject(ours)];
  if (!b || !t || !o) return undefined;
  const conflicts: string[] = [];
  const merged = mergeObjects(b, t, o, '', conflicts);
  return { text: `${JSON.stringify(merged, null, 2)}\n`, conflicts };
}

type JsonObject = Record<string, unknown>;

function mergeObjects(base: JsonObject, theirs: JsonObject, ours: JsonObject, at: string, conflicts: string[]): JsonObject {
  const result: JsonObject = {};
  // The team's order first, then what design-first adds.
  const keys = [...new Set([...Object.keys(theirs), ...Object.keys(ours), ...Object.keys(base)])];
  for (const key of keys) {
    const [b, t, o] = [own(base, key), own(theirs, key), own(ours, key)];
    const path = at ? `${at}.${key}` : key;
    let value: unknown;
    if (same(t, o)) value = t;
    else if (same(t, b)) value = o;
    else if (same(o, b)) value = t;
    else if (isObject(t) && isObject(o)) value = mergeObjects(isObject(b) ? b : {}, t, o, path, conflicts);
    else {
      conflicts.push(path);
      value = o;
    }
    if (value !== undefined) result[key] = value;
  }
  // npm keeps dependency lists sorted; so does the merge.
  return /^(dependencies|devDependencies|peerDependencies|optionalDependencies)$/.test(at)
    ? Object.fromEntries(Object.entries(result).sort(([a], [z]) => a.localeCompare(z)))
    : result;
}

function own(object: JsonObject, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function parseObject(text: string): JsonObject | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
