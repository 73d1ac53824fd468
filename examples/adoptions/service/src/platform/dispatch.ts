/**
 * Operations that share a method and path and are told apart by a header or
 * query value (AWS's `/#X-Amz-Target=Service.Action` and `/?Action=...` path
 * keys). Each is registered under `<path>/_dispatch/<in>/<hex name>/<hex value>`
 * (decided when generating), and a request carrying the value is rewritten to
 * that path before routing: a router cannot tell dozens of operations on one
 * path apart by constraints (find-my-way stops at 31).
 */
import type { RawRequestDefaultExpression } from 'fastify';
import type { VersionModule } from './version-module.js';

interface DispatchTarget {
  in: 'header' | 'query';
  name: string;
  /** Values that select an operation; null in the set: the parameter's presence does. */
  values: Set<string | null>;
  base: RegExp;
  prefix: string;
}

const hex = (text: string) => Buffer.from(text).toString('hex');

/** Fastify's `rewriteUrl`: the identity when the service has no dispatched operations. */
export function createUrlRewriter(versions: readonly VersionModule[]): ((request: RawRequestDefaultExpression) => string) | undefined {
  const targets = new Map<string, DispatchTarget>();
  for (const version of versions) {
    for (const route of version.routes) {
      if (!route.dispatch) continue;
      const key = `${version.prefix} ${route.matcher} ${route.dispatch.in} ${route.dispatch.name}`;
      let target = targets.get(key);
      if (!target) {
        target = { in: route.dispatch.in, name: route.dispatch.name, values: new Set(), base: new RegExp(route.matcher), prefix: version.prefix };
        targets.set(key, target);
      }
      target.values.add(route.dispatch.value);
    }
  }
  if (targets.size === 0) return undefined;
  return (request) => {
    const url = request.url ?? '/';
    const [path = '/', query = ''] = url.split(/\?(.*)/s, 2);
    for (const target of targets.values()) {
      if (!path.startsWith(target.prefix) || !target.base.test(path.slice(target.prefix.length) || '/')) continue;
      const raw = target.in === 'header' ? request.headers[target.name] : new URLSearchParams(query).get(target.name);
      const value = Array.isArray(raw) ? raw[0] : raw;
      if (typeof value !== 'string') continue;
      const segment = target.values.has(value) ? hex(value) : target.values.has(null) ? 'present' : undefined;
      if (segment === undefined) continue;
      const rewritten = `${path}${path.endsWith('/') ? '' : '/'}_dispatch/${target.in}/${hex(target.name)}/${segment}`;
      return query ? `${rewritten}?${query}` : rewritten;
    }
    return url;
  };
}
