/**
 * Escaping for every context a blueprint value can land in. Assume blueprints
 * are hostile: quotes, backticks, `${`, `*\/`, line and paragraph separators,
 * bidi controls, `</script>` and prototype keys are all attack vectors.
 * Templates reach these only through the helpers in helpers.ts.
 */

/** Bidi and other invisible format controls (Trojan Source, CVE-2021-42574), as a character class's contents. */
const INVISIBLES = '\\u202a-\\u202e\\u2066-\\u2069\\u200e\\u200f\\u061c\\ufeff';
const UNSAFE_INVISIBLES = new RegExp(`[${INVISIBLES}]`, 'g');
/** What JSON text keeps escaped (`\uXXXX`) in generated source and data: line and paragraph separators and the invisibles. */
const JSON_UNSAFE = new RegExp(`[\\u2028\\u2029${INVISIBLES}]`, 'g');
const LITERAL_UNSAFE = new RegExp(`[\\u2028\\u2029${INVISIBLES}<>]`, 'g');
const BLOCK_UNSAFE = new RegExp(`[\`<>\\u2028\\u2029${INVISIBLES}]`, 'g');

/**
 * A JavaScript/TypeScript string literal, double-quoted. JSON.stringify escapes
 * quotes, backslashes and control characters; U+2028/U+2029 and bidi controls
 * are escaped as well so the source text stays plain and reviewable, and `<`
 * so a literal can never close a `<script>` when embedded in a page.
 */
export function stringLiteral(value: string): string {
  return JSON.stringify(value).replace(LITERAL_UNSAFE, unicodeEscape);
}

/** A value as a JSON text safe to place in TS source (inside JSON.parse of a string literal). */
export function jsonLiteral(value: unknown): string {
  return stringLiteral(JSON.stringify(value));
}

/**
 * A value as indented JSON text inside TS source, for the data a reviewer reads
 * in the diff of generated code (route tables, definitions): `String.raw` keeps
 * the JSON escapes as they are, so `JSON.parse(${jsonBlock(value)})` gives the
 * value back. The characters that could end the template or start a
 * substitution (a backtick, `${`), and those `stringLiteral` keeps out of
 * source text, occur only inside JSON strings, where `\uXXXX` is the same text.
 */
export function jsonBlock(value: unknown, indentedLevels = Infinity): string {
  const text = (indentedLevels === Infinity ? JSON.stringify(value, null, 2) : layeredJson(value, indentedLevels, ''))
    .replace(BLOCK_UNSAFE, unicodeEscape)
    .replace(/\$\{/g, '\\u0024{');
  return `String.raw\`\n${text}\n\``;
}

/**
 * A value as the text of a JSON data file a generated service reads (its route
 * tables: src/generated/<version>/routes.json): JSON.stringify, so nothing in
 * it is ever code; indented for its first `levels` levels (each deeper value
 * one line, see layeredJson), none when `levels` is 0. Line and paragraph
 * separators and bidi controls, which occur only inside JSON strings, are
 * written as `\uXXXX` (the same string), so the file reads as it parses.
 */
export function jsonData(value: unknown, levels = Infinity): string {
  const text = levels === Infinity ? JSON.stringify(value, null, 2) : layeredJson(value, levels, '');
  return (text ?? 'null').replace(JSON_UNSAFE, unicodeEscape);
}

/**
 * JSON text indented for its first `levels` levels, each deeper value on one
 * line: the shared definitions of a version are one line per definition (a
 * diff still names the definition that changed), a third of their indented
 * size. GitHub's service parsed 13 MB of indentation at every start for them.
 */
function layeredJson(value: unknown, levels: number, indent: string): string {
  if (levels <= 0 || value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => inner + (item === undefined ? 'null' : layeredJson(item, levels - 1, inner))).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, member]) => member !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([key, member]) => `${inner}${JSON.stringify(key)}: ${layeredJson(member, levels - 1, inner)}`).join(',\n')}\n${indent}}`;
}

function unicodeEscape(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * Text inside a block comment (`/** ... *\/`): no `*\/`, no line breaks of any
 * kind except plain `\n` (each continued with ` * `), no bidi controls.
 */
export function commentText(value: string, maxLength = 2000): string {
  const clipped = value.length > maxLength ? `${value.slice(0, maxLength)}…` : value;
  return clipped
    .replace(UNSAFE_INVISIBLES, '')
    .replace(/\r\n?|[\u2028\u2029\u0085\u000b\u000c]/g, '\n')
    .replace(/[\u0000-\u0008\u000e-\u001f\u007f]/g, '')
    .replace(/\*\//g, '*\\/')
    .replace(/\/\*/g, '/\\*')
    .replace(/@(?=[a-zA-Z])/g, '@\u200b') // keep blueprint text from forging JSDoc tags
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n * ');
}

/** One line of a line comment (`// ...`) or a YAML/Markdown heading: everything on one line. */
export function lineText(value: string, maxLength = 300): string {
  const flat = value
    .replace(UNSAFE_INVISIBLES, '')
    .replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, ' ')
    .trim();
  return flat.length > maxLength ? `${flat.slice(0, maxLength)}…` : flat;
}

/** Text for HTML element content or a double-quoted attribute. */
export function htmlText(value: string): string {
  return value.replace(UNSAFE_INVISIBLES, '').replace(/[&<>"'`]/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Markdown paragraph text: no raw HTML, no link/image syntax that could smuggle content. */
export function markdownText(value: string): string {
  return lineText(value).replace(/[\\`*_{}[\]()<>#+!|~]/g, (char) => `\\${char}`);
}

/**
 * A property key in a TS type literal or object literal: always quoted. A
 * quoted `"__proto__": value` in an object literal sets the prototype instead
 * of a property, so that one name is written as a computed key.
 */
export function propertyKey(name: string): string {
  return name === '__proto__' ? `[${stringLiteral(name)}]` : stringLiteral(name);
}
