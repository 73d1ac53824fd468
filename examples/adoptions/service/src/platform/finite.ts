/**
 * JSON numbers too large for a double: JSON.parse reads `1e309` as Infinity,
 * and coercion reads the query value `Infinity` as one. Neither is a number
 * JSON can carry back, so a request holding one is refused (400, naming
 * where), wherever the schema puts it or whether it types it at all.
 */

/** A JSON text can only hold such a number with an exponent of three digits or more, or 309 digits in a row. */
const MAY_OVERFLOW = /[eE]\+?\d{3}|\d{309}/;

/** Cheap enough for every body: only a text that passes it is searched (nonFinitePointer). */
export function mayOverflow(text: string): boolean {
  return MAY_OVERFLOW.test(text);
}

/**
 * The JSON pointer (RFC 6901) of the first NaN or ±Infinity in a value, or
 * null when it has none. A value with a toJSON method is written as what that
 * returns, so it is not looked into (a Date's own number is not JSON's).
 */
export function nonFinitePointer(value: unknown, pointer = ''): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : pointer;
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value) || typeof (value as { toJSON?: unknown }).toJSON === 'function') return null;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = nonFinitePointer(value[index], `${pointer}/${index}`);
      if (found !== null) return found;
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    const found = nonFinitePointer((value as Record<string, unknown>)[key], `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    if (found !== null) return found;
  }
  return null;
}
