/**
 * A regular-expression engine for AJV (`code: { regExp: safeRegExp }`) that a
 * blueprint's `pattern` cannot hang: design-first validates blueprint examples
 * against blueprint patterns (mock answers, the examples-valid rule), and
 * `^(a+)+$` against an example `aaaa…!` holds JavaScript's backtracking
 * engine for hours.
 *
 * Patterns run on RE2 (re2js, linear time). Those RE2 cannot compile
 * (lookaround, backreferences) run on JavaScript's engine only when they cannot
 * blow up exponentially (no quantified group holding a quantifier or an
 * alternation) and only on values up to FALLBACK_MAX_LENGTH characters;
 * anything else is treated as matching, since these checks only decide
 * whether an example is used. The generated service has its own copy of this
 * policy (templates/service/src/platform/regexp.ts), which fails long values
 * instead.
 */
import { RE2JS } from 're2js';

export interface RegExpLike {
  test(text: string): boolean;
  /** AJV caches compiled patterns by this text: it must tell patterns apart. */
  toString(): string;
}

export const FALLBACK_MAX_LENGTH = 1000;

export const safeRegExp = Object.assign(
  (source: string, flags: string): RegExpLike => {
    const name = `/${source}/${flags}`;
    try {
      const re2 = RE2JS.compile(RE2JS.translateRegExp(withinRe2Limits(source)));
      return { test: (text) => re2.test(text), toString: () => name };
    } catch {
      // Not RE2 syntax: lookaround or a backreference, most likely.
    }
    try {
      const js = new RegExp(source, flags);
      if (boundedBacktracking(source)) return { test: (text) => text.length > FALLBACK_MAX_LENGTH || js.test(text), toString: () => name };
    } catch {
      // Not a JavaScript regular expression either.
    }
    return { test: () => true, toString: () => name };
  },
  { code: 'safeRegExp' },
);

/**
 * True when no quantified group contains a quantifier or an alternation: the
 * shapes (`(a+)+`, `(a|aa)*`) that make a backtracking engine exponential.
 */
export function boundedBacktracking(source: string): boolean {
  // For each open group: does it hold a quantifier or `|`?
  const stack: boolean[] = [];
  for (let i = 0; i < source.length; i++) {
    const char = source[i]!;
    if (char === '\\') {
      i++;
      continue;
    }
    if (char === '[') {
      // A character class: quantifier characters inside it are literals.
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
      continue;
    }
    if (char === '(') {
      stack.push(false);
      continue;
    }
    if (char === ')') {
      const inner = stack.pop() ?? false;
      const quantified = /^[*+?{]/.test(source.slice(i + 1, i + 2));
      if (inner && quantified) return false;
      if ((inner || quantified) && stack.length > 0) stack[stack.length - 1] = true;
      continue;
    }
    if ((char === '*' || char === '+' || char === '?' || char === '{' || char === '|') && stack.length > 0) {
      // `(?` opens a group kind (`(?:`, `(?=`), it is not a quantifier.
      if (char === '?' && source[i - 1] === '(') continue;
      stack[stack.length - 1] = true;
    }
  }
  return true;
}

/**
 * RE2 refuses repeat counts above 1000 (`(\w|-){1,1011}` in AWS's ARN patterns).
 * An upper bound above that becomes unbounded: the pattern then accepts a few
 * longer values (a `maxLength` usually bounds them anyway) instead of falling
 * back to a backtracking engine.
 */
export function withinRe2Limits(source: string): string {
  return source.replace(/(?<!\\)\{(\d+),(\d+)\}/g, (whole, low: string, high: string) => (Number(high) > 1000 && Number(low) <= 1000 ? `{${low},}` : whole));
}
