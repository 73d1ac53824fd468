/**
 * A route's hooks of one kind with one more added, as a new array: the
 * platform adds its own per route (request-start.ts, metrics.ts) rather than
 * for every route at once. A new array, because the HEAD route Fastify adds
 * beside a GET is built from the GET's options and gets its own.
 */
export function withHook<Hook>(hooks: Hook | Hook[] | undefined, hook: Hook, where: 'first' | 'last'): Hook[] {
  const others = hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks];
  return where === 'first' ? [hook, ...others] : [...others, hook];
}
