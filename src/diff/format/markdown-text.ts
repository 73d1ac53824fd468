/**
 * Text inside markdown (CommonMark, as GitHub renders it): code spans that
 * hold any text, backticks included, and plain text whose markdown and HTML
 * characters are escaped, so nothing a blueprint names can become a link,
 * emphasis or an HTML element.
 * https://spec.commonmark.org/0.31.2/#code-spans
 */
import { oneLine } from '../../errors.js';
import { code } from '../side.js';

/** A code span of `text` on one line, whatever backticks it holds. */
export function codeSpan(text: string): string {
  return code(oneLine(text));
}

/**
 * Plain text that may hold code spans (as `code()` writes them): the spans are
 * kept as they are, everything else has its markdown punctuation escaped and
 * `<`, `>` and `&` written as entities. A backtick run without a closing run of
 * the same length is literal, and escaped.
 */
export function escapeMarkdown(text: string): string {
  const line = oneLine(text);
  let out = '';
  let i = 0;
  while (i < line.length) {
    if (line[i] === '`') {
      const run = /^`+/.exec(line.slice(i))![0];
      const close = findClosing(line, i + run.length, run.length);
      if (close >= 0) {
        out += line.slice(i, close + run.length);
        i = close + run.length;
        continue;
      }
      out += run.replace(/`/g, '\\`');
      i += run.length;
      continue;
    }
    out += escapeChar(line[i]!);
    i++;
  }
  return out;
}

function findClosing(text: string, from: number, length: number): number {
  const pattern = /`+/g;
  pattern.lastIndex = from;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) if (match[0].length === length) return match.index;
  return -1;
}

function escapeChar(char: string): string {
  switch (char) {
    case '<':
      return '&lt;';
    case '>':
      return '&gt;';
    case '&':
      return '&amp;';
    case '\\':
    case '*':
    case '_':
    case '[':
    case ']':
    case '~':
    case '|':
    case '#':
    case '!':
      return `\\${char}`;
    default:
      return char;
  }
}

/** A link destination that markdown cannot misread: `<...>` with spaces and angle brackets encoded. */
export function linkDestination(url: string): string {
  return `<${url.replace(/ /g, '%20').replace(/</g, '%3C').replace(/>/g, '%3E')}>`;
}
