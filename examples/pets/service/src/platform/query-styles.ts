/**
 * Query parameters whose value is spelt as more than one plain value, put
 * back together before validation so their schemas validate and coerce them
 * like any other parameter and handlers receive them as declared:
 * - `style: deepObject` (`?filter[Name]=x&filter[Age]=3`, Stripe's
 *   `?expand[]=a&expand[]=b`): Fastify's query parser keeps `filter[Name]`
 *   as a key of its own; the keys are folded into one value with qs (the
 *   parser forms use, with the same caps);
 * - lists with `explode: false` (`?ids=1,2,3`; `|` for pipeDelimited, a
 *   space for spaceDelimited): split into their items.
 */
import { createRequire } from 'node:module';
import type QsModule from 'qs';
import type { QueryStyle } from './version-module.js';

type Qs = typeof QsModule;
let qs: Qs | undefined;

/**
 * qs, loaded when a deepObject query or a form is first parsed: most services
 * have neither, and it was a fiftieth of a second of every start.
 */
export function loadQs(): Qs {
  qs ??= createRequire(import.meta.url)('qs') as Qs;
  return qs;
}

/** Caps against abuse, for forms and deepObject queries alike. */
export const NESTED_LIMITS = { depth: 10, arrayLimit: 200, parameterLimit: 2000, allowPrototypes: false, plainObjects: true } as const;

export function normaliseQueryStyles(query: Record<string, unknown>, styles: readonly QueryStyle[]): void {
  for (const style of styles) {
    if (style.style === 'deepObject') foldDeepObject(query, style.name);
    else splitDelimited(query, style.name, style.separator);
  }
}

/** `name[...]` keys of `query` folded into `query[name]`; other keys are left as they are. */
function foldDeepObject(query: Record<string, unknown>, name: string): void {
  const prefix = `${name}[`;
  let parts: Record<string, unknown> | undefined;
  for (const key of Object.keys(query)) {
    if (!key.startsWith(prefix)) continue;
    parts ??= Object.create(null) as Record<string, unknown>;
    parts[key] = query[key];
    delete query[key];
  }
  if (parts === undefined) return;
  const folded = loadQs().parse(parts as Record<string, string>, NESTED_LIMITS) as Record<string, unknown>;
  setOwn(query, name, folded[name]);
}

/** `?ids=1,2,3` (or `?ids=1,2&ids=3`) -> ['1', '2', '3']; `?ids=` -> [], the empty list. */
function splitDelimited(query: Record<string, unknown>, name: string, separator: string): void {
  if (!Object.hasOwn(query, name)) return;
  const value = query[name];
  const items = (Array.isArray(value) ? value : [value]).flatMap((item) => (typeof item === 'string' ? item.split(separator) : [item]));
  setOwn(query, name, items.length === 1 && items[0] === '' ? [] : items);
}

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
