/**
 * Mock mode: the blueprint's own answer for an operation, so a service is a
 * usable test instance before anyone writes a handler. For a collection that
 * pages, the example's items are the whole collection: the mock answers the
 * page asked for, and the platform builds the envelope and its links.
 */
import type { PageRequest } from './paging.js';
import type { HandlerResult, RouteSpec } from './version-module.js';

/**
 * Mock data is shared by every request, so it is frozen (a handler that
 * changes it fails loudly instead of changing every later answer) rather than
 * copied per request; frozen when first handed out, not at start, where
 * GitHub's 845 mock answers took a tenth of the start.
 */
function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}

/**
 * The mock answer of a route, as a function of the page asked for. The body
 * (read from the route table when first asked for, route-data.ts) is frozen,
 * and the collection a paging route answers from found, at the first call:
 * once for the route rather than once per request.
 */
export function mockOf(route: RouteSpec): (paging?: PageRequest) => HandlerResult {
  const { status, contentType, headers } = route.mock;
  let prepared: { body: unknown; collection: unknown[] } | undefined;
  const prepare = () => {
    const body = route.mock.body;
    deepFreeze(body);
    const holder = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    const all = route.paging && Object.prototype.hasOwnProperty.call(holder, route.paging.itemsKey) ? holder[route.paging.itemsKey] : undefined;
    return { body, collection: Array.isArray(all) ? all : [] };
  };
  return (paging) => {
    const { body, collection } = (prepared ??= prepare());
    if (route.paging && paging && status === route.paging.status) {
      const items = paging.page === null ? collection : collection.slice(paging.offset, paging.offset + paging.pageSize);
      return { status, items, total: collection.length, ...(headers ? { headers } : {}) };
    }
    return {
      status,
      ...(headers ? { headers } : {}),
      ...(body === null ? {} : { body }),
      ...(contentType === null ? {} : { contentType }),
    };
  };
}
