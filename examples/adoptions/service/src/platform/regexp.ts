/**
 * The regular-expression engine for the blueprint's `pattern` and
 * `patternProperties`, which run on request data: they must not backtrack
 * catastrophically (`^(a+)+$` against `aaaa…!` holds JavaScript's engine, and
 * so the whole service, for hours).
 *
 * - Patterns run on RE2 (re2js, pure JavaScript, linear time in the input).
 *   Differences from JavaScript are small: `\s` is ASCII whitespace and `.`
 *   also matches `\r`, U+2028 and U+2029.
 * - Patterns RE2 cannot compile (lookaround, backreferences) fall back to
 *   JavaScript's engine only when they cannot blow up exponentially (no
 *   quantified group holding a quantifier or an alternation) and only on
 *   values up to FALLBACK_MAX_LENGTH characters; a longer value fails the
 *   pattern. Any other pattern is not enforced, and a warning says so once.
 * - Nothing here throws: a pattern no engine compiles is not enforced.
 */
import { createRequire } from 'node:module';
import type { RE2JS as Re2 } from 're2js';

let re2js: typeof Re2 | undefined;

/** re2js, loaded when a first pattern is compiled (at a route's first validation): a fiftieth of a second of every start otherwise. */
function loadRe2(): typeof Re2 {
  re2js ??= (createRequire(import.meta.url)('re2js') as { RE2JS: typeof Re2 }).RE2JS;
  return re2js;
}

/** What AJV needs from an engine (`code.regExp`). */
export interface RegExpLike {
  test(text: string): boolean;
  /** AJV caches compiled patterns by this text: it must tell patterns apart. */
  toString(): string;
}

export const FALLBACK_MAX_LENGTH = 1000;

const warned = new Set<string>();

function warn(source: string, why: string): void {
  if (warned.has(source)) return;
  warned.add(source);
  process.emitWarning(`pattern ${JSON.stringify(source.slice(0, 200))} is not enforced: ${why}`, { code: 'DESIGN_FIRST_PATTERN' });
}

/** AJV's `code.regExp` option: `(source, flags) => { test }`, with `code` naming it for standalone output. */
export const safeRegExp = Object.assign(
  (source: string, flags: string): RegExpLike => {
    const name = `/${source}/${flags}`;
    try {
      const RE2JS = loadRe2();
      const re2 = RE2JS.compile(RE2JS.translateRegExp(withinRe2Limits(source)));
      return { test: (text) => re2.test(text), toString: () => name };
    } catch {
      // Not RE2 syntax: lookaround or a backreference, most likely.
    }
    let js: RegExp;
    try {
      js = new RegExp(source, flags);
    } catch {
      warn(source, 'it is not a valid regular expression');
      return { test: () => true, toString: () => name };
    }
    if (!boundedBacktracking(source)) {
      warn(source, 'it needs backtracking (lookaround or backreferences) and could take exponential time');
      return { test: () => true, toString: () => name };
    }
    return { test: (text) => text.length <= FALLBACK_MAX_LENGTH && js.test(text), toString: () => name };
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
      // Skip a character class: quantifier characters inside it are literals.
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
      // `(?` opens a group kind, it is not a quantifier.
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
  return source.replace(/(?<!\\)\{(\d+),(\d+)\}/g, (whole, low: string, high: string) =>
    Number(high) > 1000 && Number(low) <= 1000 ? `{${low},}` : whole,
  );
}
