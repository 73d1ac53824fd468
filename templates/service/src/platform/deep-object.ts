/**
 * Query parameters in `style: deepObject` (`?filter[Name]=x&filter[Age]=3`,
 * Stripe's `?expand[]=a&expand[]=b`). Fastify's query parser keeps
 * `filter[Name]` as a key of its own; before validation, each such
 * parameter's keys are folded into one value with qs (the parser forms use,
 * with the same caps), so its schema validates and coerces it like any other
 * parameter and the handler receives `query.filter` as declared.
 */
import qs from 'qs';

/** Caps against abuse, for forms and deepObject queries alike. */
export const NESTED_LIMITS = { depth: 10, arrayLimit: 200, parameterLimit: 2000, allowPrototypes: false, plainObjects: true } as const;

/** Fold `name[...]` keys of `query` into `query[name]`, for each name; other keys are left as they are. */
export function foldDeepObjects(query: Record<string, unknown>, names: readonly string[]): void {
  for (const name of names) {
    const prefix = `${name}[`;
    let parts: Record<string, unknown> | undefined;
    for (const key of Object.keys(query)) {
      if (!key.startsWith(prefix)) continue;
      parts ??= Object.create(null) as Record<string, unknown>;
      parts[key] = query[key];
      delete query[key];
    }
    if (parts === undefined) continue;
    const folded = qs.parse(parts as Record<string, string>, NESTED_LIMITS) as Record<string, unknown>;
    Object.defineProperty(query, name, { value: folded[name], enumerable: true, writable: true, configurable: true });
  }
}
