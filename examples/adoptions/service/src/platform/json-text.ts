/**
 * The JSON text of values kept as they are, byte for byte what JSON.stringify
 * writes, except that NaN and Infinity throw NonFiniteNumber instead of
 * becoming null: the leaves of the response writer (serialize.ts).
 */
import { nonFinitePointer } from './finite.js';

/**
 * A handler answered NaN or Infinity: JSON has no such number. A 500 (the
 * answer would be false), logged with the operation; never a quiet `null`.
 */
export class NonFiniteNumber extends RangeError {
  override name = 'NonFiniteNumber';
  constructor(where: string) {
    super(`the answer holds NaN or Infinity ${where}, which JSON cannot write: a number must be finite`);
  }
}

/** What JSON.stringify writes for a value kept as it is, found at `key` of its parent, except that a non-finite number throws. */
export function writeAny(value: unknown, key: string | number): string | undefined {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      if (Number.isFinite(value)) return '' + value;
      // JSON.stringify would write null, silently, even where the schema allows no null.
      throw new NonFiniteNumber(`as ${String(value)}${key === '' ? '' : ` at ${JSON.stringify(key)}`}`);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
    // falls through: objects, bigints and functions may have a toJSON method
    case 'bigint':
    case 'function': {
      const toJSON = (value as { toJSON?: unknown }).toJSON;
      if (typeof toJSON !== 'function') return stringifyFinite(value);
      if (toJSON === dateToJSON && isPlainDate(value as Date)) return Number.isFinite(dateValueOf.call(value)) ? '"' + dateToISOString.call(value) + '"' : 'null';
      const returned: unknown = toJSON.call(value, String(key));
      return typeof returned === 'string' ? quote(returned) : writeReturned(returned);
    }
    default:
      return undefined;
  }
}

/** JSON.stringify of a value kept as it is, refusing a NaN or Infinity inside it (looked for only when the text holds a null). */
function stringifyFinite(value: unknown): string | undefined {
  const text = JSON.stringify(value);
  const pointer = text !== undefined && text.includes('null') ? nonFinitePointer(value) : null;
  if (pointer !== null) throw new NonFiniteNumber(`at ${JSON.stringify(pointer)} of a value written as it is`);
  return text;
}

const { toJSON: dateToJSON, toISOString: dateToISOString, valueOf: dateValueOf, [Symbol.toPrimitive]: dateToPrimitive } = Date.prototype;

/**
 * A Date whose toJSON would do just what Date.prototype.toJSON does unchanged: its value (through
 * Symbol.toPrimitive and valueOf), then toISOString, which writes no character JSON escapes. Checked on each
 * call, so a Date that changes any of them is written by calling its toJSON.
 */
function isPlainDate(value: Date): boolean {
  return value[Symbol.toPrimitive] === dateToPrimitive && value.valueOf === dateValueOf && value.toISOString === dateToISOString;
}

/** What JSON.stringify writes for the value a toJSON method returned: it calls no toJSON on that value again, only inside it. */
function writeReturned(value: unknown): string | undefined {
  if (value === null || (typeof value !== 'object' && typeof value !== 'bigint') || typeof (value as { toJSON?: unknown }).toJSON !== 'function') {
    return writeAny(value, '');
  }
  if (typeof value === 'bigint') throw new TypeError('Do not know how to serialize a BigInt');
  if (Array.isArray(value)) {
    const texts: string[] = [];
    for (let index = 0; index < value.length; index++) texts.push(writeAny(value[index], index) ?? 'null');
    return '[' + texts.join(',') + ']';
  }
  // Boxed primitives are written as their primitive, converted as JSON.stringify converts them.
  if (value instanceof Number) return writeAny(Number(value), '');
  if (value instanceof String) return quote(String(value));
  if (value instanceof Boolean) return writeAny(Boolean.prototype.valueOf.call(value), '');
  const record = value as Record<string, unknown>;
  const members: string[] = [];
  for (const key of Object.keys(record)) {
    const text = writeAny(record[key], key);
    if (text !== undefined) members.push(JSON.stringify(key) + ':' + text);
  }
  return '{' + members.join(',') + '}';
}

/** A string as JSON text: written as it is when nothing in it needs escaping (most are short and plain), else by JSON.stringify. */
export function quote(text: string): string {
  return isPlainText(text) ? '"' + text + '"' : JSON.stringify(text);
}

/**
 * A string JSON writes between quotes as it is: at most 40 characters (a longer one is left to JSON.stringify,
 * faster than a loop here) and none that JSON escapes.
 */
export function isPlainText(text: string): boolean {
  if (text.length > 40) return false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    // Control characters, `"`, `\` and surrogates (JSON.stringify escapes a lone one).
    if (code < 32 || code === 34 || code === 92 || (code >= 0xd800 && code <= 0xdfff)) return false;
  }
  return true;
}

/** A key an object lists first, in numeric order: "0" to "4294967294" written canonically (not "01", "-1"). */
export function isArrayIndex(key: string): boolean {
  return /^(?:0|[1-9][0-9]{0,9})$/.test(key) && Number(key) < 4294967295;
}
