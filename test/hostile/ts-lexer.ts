/**
 * A small TypeScript lexer for generated files: it tells, for each character,
 * whether it is code, inside a comment or inside a string literal. Enough for
 * the files design-first renders from templates (no regular expression
 * literals, no JSX); TypeScript 7 has no JS API to ask instead.
 *
 * Line terminators follow ECMAScript: `\n`, `\r`, U+2028 and U+2029 all end a
 * line comment; only `\n` and `\r` (and those two separators before ES2019)
 * matter in strings, which is exactly why a raw U+2028 must never be emitted.
 */

export type Region = 'code' | 'line-comment' | 'block-comment' | 'string' | 'template';

export interface LexResult {
  /** Region of every character of the source. */
  regions: Region[];
  /** Problems: an unterminated string, comment or template. */
  errors: string[];
}

const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

export function lex(source: string): LexResult {
  const regions: Region[] = new Array(source.length);
  const errors: string[] = [];
  // Template nesting: each entry counts open braces inside a `${ }` substitution.
  const templateBraces: number[] = [];
  let i = 0;
  const mark = (from: number, to: number, region: Region) => {
    for (let k = from; k < to; k++) regions[k] = region;
  };

  const readTemplate = (start: number): number => {
    // `start` is just after a backtick or a closing `}` of a substitution.
    let k = start;
    while (k < source.length) {
      const char = source[k]!;
      if (char === '\\') {
        k += 2;
        continue;
      }
      if (char === '`') {
        mark(start - 1, k + 1, 'template');
        return k + 1;
      }
      if (char === '$' && source[k + 1] === '{') {
        mark(start - 1, k + 2, 'template');
        templateBraces.push(0);
        return k + 2;
      }
      k++;
    }
    errors.push(`unterminated template literal at ${start - 1}`);
    mark(start - 1, source.length, 'template');
    return source.length;
  };

  while (i < source.length) {
    const char = source[i]!;
    const next = source[i + 1];
    if (char === '/' && next === '/') {
      let k = i + 2;
      while (k < source.length && !LINE_TERMINATOR.test(source[k]!)) k++;
      mark(i, k, 'line-comment');
      i = k;
    } else if (char === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      if (end < 0) {
        errors.push(`unterminated block comment at ${i}`);
        mark(i, source.length, 'block-comment');
        i = source.length;
      } else {
        mark(i, end + 2, 'block-comment');
        i = end + 2;
      }
    } else if (char === '"' || char === "'") {
      let k = i + 1;
      while (k < source.length && source[k] !== char) {
        if (source[k] === '\\') k++;
        else if (source[k] === '\n' || source[k] === '\r') {
          errors.push(`line break inside a string literal at ${k}`);
          break;
        }
        k++;
      }
      if (k >= source.length) errors.push(`unterminated string literal at ${i}`);
      mark(i, Math.min(k + 1, source.length), 'string');
      i = k + 1;
    } else if (char === '`') {
      i = readTemplate(i + 1);
    } else if (char === '{' && templateBraces.length > 0) {
      templateBraces[templateBraces.length - 1]!++;
      regions[i] = 'code';
      i++;
    } else if (char === '}' && templateBraces.length > 0) {
      if (templateBraces[templateBraces.length - 1] === 0) {
        templateBraces.pop();
        i = readTemplate(i + 1);
      } else {
        templateBraces[templateBraces.length - 1]!--;
        regions[i] = 'code';
        i++;
      }
    } else {
      regions[i] = 'code';
      i++;
    }
  }
  return { regions, errors };
}

/** Every occurrence of `needle` in `source` that starts in code (outside comments and strings). */
export function occurrencesInCode(source: string, needle: string, lexed: LexResult = lex(source)): number[] {
  const found: number[] = [];
  for (let at = source.indexOf(needle); at >= 0; at = source.indexOf(needle, at + 1)) {
    if (lexed.regions[at] === 'code') found.push(at);
  }
  return found;
}
