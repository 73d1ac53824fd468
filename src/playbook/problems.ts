/**
 * Every mistake in a playbook file, reported at once: each with its line,
 * column, JSON pointer and field, in the order they appear in the file, with
 * a suggestion for a misspelt field, value or rule id ("did you mean ...?").
 * docs/playbook.md lists every field; the hint of DF_ERR_PLAYBOOK_INVALID
 * points there.
 */
import type { ErrorObject } from 'ajv';
import leven from 'leven';
import { DesignFirstError } from '../errors.js';
import { childPointer, parsePointer } from '../blueprint/pointer.js';
import { placeIn, type BlueprintSource } from '../blueprint/source.js';

export interface Problem {
  pointer: string;
  message: string;
}

export class Problems {
  readonly list: Problem[] = [];

  add(pointer: string, message: string): void {
    if (!this.list.some((problem) => problem.pointer === pointer && problem.message === message)) this.list.push({ pointer, message });
  }

  /** True when a problem is at `pointer` or inside it: checks of that field are skipped then. */
  at(pointer: string): boolean {
    return this.list.some((problem) => problem.pointer === pointer || problem.pointer.startsWith(`${pointer}/`));
  }

  /** Throw them all, in file order, as one DF_ERR_PLAYBOOK_INVALID; nothing when there are none. */
  throwIfAny(source: BlueprintSource): void {
    if (this.list.length === 0) return;
    const placed = this.list
      .map((problem) => ({ ...problem, place: placeIn(source, problem.pointer) }))
      .sort((a, b) => a.place.line - b.place.line || a.place.column - b.place.column || a.pointer.localeCompare(b.pointer));
    const first = placed[0]!;
    const lines = placed.map(
      (problem) => `${problem.place.file}:${problem.place.line}:${problem.place.column} #${problem.pointer}: ${fieldName(problem.pointer)}: ${problem.message}`,
    );
    const more = placed.length > 1 ? ` (and ${placed.length - 1} more mistake${placed.length > 2 ? 's' : ''}, listed above)` : '';
    throw new DesignFirstError('DF_ERR_PLAYBOOK_INVALID', `${fieldName(first.pointer)}: ${first.message}${more}`, first.place, placed.length > 1 ? lines : []);
  }
}

/** ` (did you mean "pageSize"?)` when one of `candidates` is close to `given`; '' otherwise. */
export function didYouMean(given: string, candidates: Iterable<string>): string {
  let best: string | undefined;
  let distance = Infinity;
  for (const candidate of candidates) {
    if (candidate === given) return '';
    // Case alone counts as one letter off: `pagesize` is `pageSize`.
    const d = leven(given.toLowerCase(), candidate.toLowerCase()) || 1;
    if (d < distance) [best, distance] = [candidate, d];
  }
  // Close: a few letters off, relative to the length of the word.
  return best !== undefined && distance <= Math.max(2, Math.floor(Math.min(given.length, best.length) / 3)) ? ` (did you mean "${best}"?)` : '';
}

/** `/ignore/0/rule` -> `ignore[0].rule`; the top is `(playbook)`. */
export function fieldName(pointer: string): string {
  const segments = parsePointer(pointer);
  if (segments.length === 0) return '(playbook)';
  return segments.map((segment, i) => (/^\d+$/.test(segment) ? `[${segment}]` : `${i > 0 ? '.' : ''}${segment}`)).join('');
}

/** A schema error as a problem; Ajv runs with `verbose`, so the failing schema's own properties and values are at hand for suggestions. */
export function describe(error: ErrorObject): Problem {
  const at = error.instancePath;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const known = Object.keys(((error.parentSchema as { properties?: object } | undefined)?.properties ?? {}) as object);
      return { pointer: childPointer(at, name), message: `unknown field${didYouMean(name, known)} (docs/playbook.md lists the fields)` };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      return { pointer: at, message: `must be one of ${allowed.join(', ')}${didYouMean(String(error.data), allowed)}` };
    }
    case 'type':
      return { pointer: at, message: `must be ${/^[aeiou]/.test(String(params.type)) ? 'an' : 'a'} ${String(params.type)}` };
    case 'required':
      return { pointer: at, message: `needs a \`${String(params.missingProperty)}\`` };
    case 'propertyNames':
      return { pointer: childPointer(at, String(params.propertyName)), message: 'a rule id is lower-case words joined by hyphens' };
    case 'pattern':
      return { pointer: at, message: `does not match ${String(params.pattern)}` };
    case 'minLength':
      return { pointer: at, message: 'must not be empty' };
    case 'minimum':
      return { pointer: at, message: `must be at least ${String(params.limit)}` };
    default:
      return { pointer: at, message: error.message ?? 'is invalid' };
  }
}

/**
 * Ajv reports an `anyOf`/`oneOf` failure once per branch and once more for the
 * whole; keep the branch errors that went deepest into the value, which say
 * what is wrong with it, and drop the summary.
 */
export function usefulErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  return errors.filter((error) => error.keyword !== 'anyOf' && error.keyword !== 'oneOf' && error.keyword !== 'if');
}
