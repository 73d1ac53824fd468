/**
 * Deprecation, sunset and stability: the facts, read the same way for
 * operations, parameters and properties, and the judgement of a change to
 * them under the playbook's notice period (oasdiff's deprecation policy,
 * https://github.com/oasdiff/oasdiff/blob/main/docs/DEPRECATION.md).
 *
 * An operation's facts include its version's: `info.x-deprecated` and
 * `info.x-sunset` are what the generated service sends as `Deprecation` and
 * `Sunset` headers on every answer of the version, so every operation of a
 * deprecated version is deprecated, with that sunset unless it has its own.
 */
import { asObject, own, type JsonRecord } from './side.js';

/** What the diff judges lifecycle changes against; resolved once per diff. */
export interface Policy {
  /** Days a deprecation must announce (playbook `deprecationNoticeDays`); 0: a sunset date is optional. */
  readonly noticeDays: number;
  /** The day of the diff, in days since 1970-01-01 (UTC). */
  readonly today: number;
}

export interface Lifecycle {
  deprecated: boolean;
  /** The raw `x-sunset` value; undefined when there is none. */
  sunset: unknown;
  /** Where the sunset is written (the thing itself when it has none). */
  sunsetPointer: string;
}

/** A sunset as a day number, `invalid` when it is not a date, undefined when there is none. */
export type SunsetDay = number | 'invalid' | undefined;

const DAY_MS = 86_400_000;
const FULL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const HTTP_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/**
 * `x-sunset` as the generated service reads it for its `Sunset` header: an
 * RFC 3339 date (`2026-06-30`) or date-time, or an HTTP date (RFC 9110
 * IMF-fixdate). Anything else is `invalid`, so the diff never trusts a date
 * the service would not send.
 */
export function sunsetDay(value: unknown): SunsetDay {
  if (value === undefined) return undefined;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'invalid' : Math.floor(value.getTime() / DAY_MS);
  if (typeof value !== 'string') return 'invalid';
  const text = value.trim();
  const full = FULL_DATE.exec(text);
  if (full) {
    const [year, month, day] = [Number(full[1]), Number(full[2]), Number(full[3])];
    const time = Date.UTC(year, month - 1, day);
    const date = new Date(time);
    // 2026-02-30 is not a date, though Date.UTC rolls it over into March.
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? time / DAY_MS : 'invalid';
  }
  if (DATE_TIME.test(text) || HTTP_DATE.test(text)) {
    const time = Date.parse(text);
    return Number.isNaN(time) ? 'invalid' : Math.floor(time / DAY_MS);
  }
  return 'invalid';
}

/** The day number of a moment (UTC). */
export function dayOf(date: Date): number {
  return Math.floor(date.getTime() / DAY_MS);
}

export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The facts of a parameter or a schema: its own `deprecated` and `x-sunset`. */
export function lifecycleOf(record: JsonRecord | undefined, pointer: string): Lifecycle {
  const sunset = own(record, 'x-sunset');
  return { deprecated: own(record, 'deprecated') === true, sunset, sunsetPointer: sunset === undefined ? pointer : `${pointer}/x-sunset` };
}

/** An operation's facts: its own, else its version's (`info.x-deprecated`, `info.x-sunset`). */
export function operationLifecycle(document: JsonRecord, operation: JsonRecord | undefined, pointer: string): Lifecycle {
  const ownFacts = lifecycleOf(operation, pointer);
  const info = lifecycleOfInfo(document);
  return {
    deprecated: ownFacts.deprecated || info.deprecated,
    sunset: ownFacts.sunset ?? info.sunset,
    sunsetPointer: ownFacts.sunset !== undefined ? ownFacts.sunsetPointer : info.sunset !== undefined ? info.sunsetPointer : pointer,
  };
}

/** The version's facts, as the generated service reads them. */
export function lifecycleOfInfo(document: JsonRecord): Lifecycle {
  const info = asObject(own(document, 'info'));
  const sunset = own(info, 'x-sunset');
  return { deprecated: own(info, 'x-deprecated') === true, sunset, sunsetPointer: sunset === undefined ? '/info' : '/info/x-sunset' };
}

export type DeprecationOutcome =
  | 'deprecated'
  | 'deprecated-with-sunset'
  | 'reactivated'
  | 'sunset-missing'
  | 'sunset-parse'
  | 'sunset-too-small'
  | 'sunset-deleted'
  | 'sunset-changed-too-small';

/** What a change of deprecation facts means; nothing when the facts did not change in a way that matters. */
export function judgeDeprecation(policy: Policy, before: Lifecycle, after: Lifecycle): DeprecationOutcome | undefined {
  if (!after.deprecated) return before.deprecated ? 'reactivated' : undefined;
  const day = sunsetDay(after.sunset);
  const tooSoon = typeof day === 'number' && day - policy.today < policy.noticeDays;
  if (!before.deprecated) {
    if (day === undefined) return policy.noticeDays > 0 ? 'sunset-missing' : 'deprecated';
    if (day === 'invalid') return 'sunset-parse';
    return tooSoon ? 'sunset-too-small' : 'deprecated-with-sunset';
  }
  // Deprecated before and after: the sunset must not disappear, become unreadable or come sooner than announced.
  if (before.sunset !== undefined && after.sunset === undefined) return 'sunset-deleted';
  if (sameValue(before.sunset, after.sunset)) return undefined;
  if (day === 'invalid') return 'sunset-parse';
  const previous = sunsetDay(before.sunset);
  if (previous === undefined) return tooSoon ? 'sunset-too-small' : undefined;
  if (typeof day === 'number' && (previous === 'invalid' || day < previous) && tooSoon) return 'sunset-changed-too-small';
  return undefined;
}

export type RemovalOutcome = 'without-deprecation' | 'with-deprecation' | 'before-sunset' | 'sunset-parse';

/** May a thing with these facts be removed today? */
export function judgeRemoval(policy: Policy, facts: Lifecycle): RemovalOutcome {
  if (!facts.deprecated) return 'without-deprecation';
  const day = sunsetDay(facts.sunset);
  // Without a sunset the deprecation itself was the notice (a notice period is enforced when deprecating).
  if (day === undefined) return 'with-deprecation';
  if (day === 'invalid') return 'sunset-parse';
  return policy.today < day ? 'before-sunset' : 'with-deprecation';
}

/** `x-stability-level`, lowest first; absent means stable. */
export const STABILITY_LEVELS = ['draft', 'alpha', 'beta', 'stable'] as const;
export type StabilityLevel = (typeof STABILITY_LEVELS)[number];

export function stabilityOf(value: unknown): StabilityLevel | 'invalid' {
  if (value === undefined) return 'stable';
  return typeof value === 'string' && (STABILITY_LEVELS as readonly string[]).includes(value) ? (value as StabilityLevel) : 'invalid';
}

/** Draft and alpha operations may change freely (oasdiff's stability levels). */
export function mayChangeFreely(level: StabilityLevel | 'invalid'): boolean {
  return level === 'draft' || level === 'alpha';
}

export function stabilityRank(level: StabilityLevel): number {
  return STABILITY_LEVELS.indexOf(level);
}

export function describeSunset(value: unknown): string {
  const day = sunsetDay(value);
  return typeof day === 'number' ? isoDay(day) : (JSON.stringify(value) ?? String(value));
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (a instanceof Date && b instanceof Date && a.getTime() === b.getTime());
}
