/**
 * Names for things a blueprint names: TypeScript identifiers and file-name
 * segments, made safe and unique. Decided once in the model so every template
 * and every file agrees.
 */

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'import in instanceof new null return super switch this throw true try typeof var void while with yield ' +
    'implements interface let package private protected public static await abstract any async boolean declare ' +
    'get is keyof module namespace never readonly require number object set string symbol type undefined unique ' +
    'unknown from of global bigint infer satisfies asserts accessor out arguments eval NaN Infinity'
  ).split(' '),
);

/** Names that would collide with Object.prototype when used as keys or lookups. */
const PROTOTYPE_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * A safe identifier made from arbitrary text: ASCII letters, digits, `_`;
 * not a reserved word; not an Object.prototype name. Empty input gives `fallback`.
 */
export function identifier(text: string, style: 'camel' | 'pascal', fallback = 'unnamed'): string {
  let name = joinWords(text, style);
  // The fallback goes through the same rules, so even a careless one gives a valid name.
  if (name === '') name = joinWords(fallback, style) || (style === 'pascal' ? 'Unnamed' : 'unnamed');
  if (/^[0-9]/.test(name)) name = `${style === 'pascal' ? 'N' : 'n'}${name}`;
  if (RESERVED.has(name) || PROTOTYPE_NAMES.has(name)) name = `${name}_`;
  return name.slice(0, 120);
}

/** ASCII words of `text` (accents dropped, camelCase split), joined in `style`. */
function joinWords(text: string, style: 'camel' | 'pascal'): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return words
    .map((word, index) => {
      const lowered = word.length > 1 && word === word.toUpperCase() ? word.toLowerCase() : word;
      const head = index === 0 && style === 'camel' ? lowered.charAt(0).toLowerCase() : lowered.charAt(0).toUpperCase();
      return head + lowered.slice(1);
    })
    .join('');
}

/** Names Windows reserves for devices, with or without an extension: a folder or file so named cannot be created there. */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

/**
 * A file-name segment: lower-case kebab words, never empty, never `.`/`..`, no
 * separators, never a Windows device name (`con`, `nul`, `com1`, …).
 */
export function fileSegment(text: string, fallback = 'default'): string {
  const kebab = (value: string): string =>
    value
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '');
  // The fallback goes through the same rules, so even a careless one gives a safe segment.
  const segment = kebab(text) || kebab(fallback) || 'default';
  return WINDOWS_DEVICE.test(segment) ? `${segment}-file` : segment;
}

/** Make `wanted` unique among `taken` (case-insensitively, for case-insensitive file systems) by numbering it. */
export function uniqueName(wanted: string, taken: Set<string>): string {
  let name = wanted;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${wanted}${n}`;
  taken.add(name.toLowerCase());
  return name;
}

/** The parameter a path template names: `{+name}`, `{name*}` (RFC 6570 operators) -> `name`. */
export function templateParameterName(expression: string): string {
  return expression.replace(/^[+#./;?&]/, '').replace(/\*$/, '');
}
