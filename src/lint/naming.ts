/** Words in names: splitting, casing, plurals and verbs, shared by the naming rules. */
import type { PropertyCasing } from '../playbook/types.js';

const wordCache = new Map<string, string[]>();
const WORD_CACHE_LIMIT = 50_000;

/** `createdAt`, `created_at`, `Created-At`, `HTTPStatus` -> lower-case words (memoised: names repeat across a document). */
export function words(name: string): readonly string[] {
  let cached = wordCache.get(name);
  if (cached) return cached;
  if (wordCache.size >= WORD_CACHE_LIMIT) wordCache.clear();
  cached = splitWords(name);
  wordCache.set(name, cached);
  return cached;
}

function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}

const CASING: Record<PropertyCasing, RegExp> = {
  pascal: /^[A-Z][a-zA-Z0-9]*$/,
  camel: /^[a-z][a-zA-Z0-9]*$/,
  snake: /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/,
};

export function followsCasing(name: string, casing: PropertyCasing): boolean {
  return CASING[casing].test(name);
}

/** A name in the given casing: `training-courses` -> `TrainingCourses` / `trainingCourses` / `training_courses`. */
export function inCasing(name: string, casing: PropertyCasing): string {
  const parts = words(name);
  if (casing === 'snake') return parts.join('_');
  const capitalised = parts.map((word) => word[0]!.toUpperCase() + word.slice(1)).join('');
  return casing === 'pascal' ? capitalised : capitalised[0]!.toLowerCase() + capitalised.slice(1);
}

/** Compare names across casings: `TrainingCourses` ~ `training_courses`. */
export function sameWords(a: string, b: string): boolean {
  return words(a).join(' ') === words(b).join(' ');
}

const INVARIANT_PLURALS = new Set([
  'data',
  'media',
  'metadata',
  'people',
  'children',
  'men',
  'women',
  'feet',
  'teeth',
  'mice',
  'criteria',
  'phenomena',
  'series',
  'species',
  'news',
  'info',
  'information',
  'staff',
  'equipment',
  'software',
  'hardware',
  'feedback',
  'sheep',
  'fish',
  'deer',
  'aircraft',
  'personnel',
  'analytics',
  'stats',
  'settings',
  'indices',
  'matrices',
  'vertices',
]);

/** A plain heuristic: the last word ends in a plural `s` (not `ss`, `us`, `is`) or is a known plural. */
export function isPlural(segment: string): boolean {
  const last = words(segment).at(-1);
  if (!last || INVARIANT_PLURALS.has(last) || /^\d+$/.test(last)) return true;
  return last.endsWith('s') && !/(ss|us|is)$/.test(last);
}

/** Verbs that name an action rather than a resource. */
export const ACTION_VERBS = new Set([
  'get',
  'create',
  'update',
  'delete',
  'remove',
  'list',
  'search',
  'add',
  'set',
  'fetch',
  'retrieve',
  'find',
  'modify',
  'edit',
  'insert',
  'save',
  'upsert',
  'destroy',
  'execute',
  'change',
]);

/** The first action verb among a segment's words, if any. */
export function actionVerbIn(segment: string): string | undefined {
  return words(segment).find((word) => ACTION_VERBS.has(word));
}
