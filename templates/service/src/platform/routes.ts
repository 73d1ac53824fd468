/**
 * Registers one version's operations from its route table: validation from the
 * blueprint's schemas, serialisation from its response schemas (so undeclared
 * properties never leave), then the team's handler.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { HandlerContext } from './context.js';
import { checkContent } from './content.js';
import { normaliseQueryStyles } from './query-styles.js';
import { freezeMocks, mockResult } from './mock.js';
import { readPage, sendPage, sendPageProblem, type PageRequest } from './paging.js';
import type { AuthGuard } from './auth.js';
import type { HandlerRequest, QueryStyle, RouteSpec, VersionModule } from './version-module.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Route name -> blueprint name of each path parameter, for validation errors (validation-messages.ts). */
    pathNames?: ReadonlyMap<string, string>;
  }
}

export function registerOperations(scope: FastifyInstance, version: VersionModule, authGuard: AuthGuard): void {
  // Fastify adds a HEAD route beside every GET; a blueprint that declares its own HEAD keeps it.
  const explicitHeads = new Set(version.routes.filter((route) => route.method === 'HEAD').map((route) => route.url));
  freezeMocks(version.routes);
  for (const route of version.routes) {
    if (!Object.prototype.hasOwnProperty.call(version.handlers, route.operationId)) {
      throw new Error(`no handler for operation ${route.operationId} in ${version.key}`);
    }
    const handler = version.handlers[route.operationId]!;
    const options: RouteOptions = {
      method: route.method,
      url: route.url,
      exposeHeadRoute: !explicitHeads.has(route.url),
      schema: route.schema as RouteOptions['schema'],
      config: { operationId: route.operationId, pathNames: new Map(route.pathParams) },
      // Public operations skip the guard; secured ones are checked before the body is even read.
      ...(route.security.length > 0 ? { onRequest: [authGuard(route)] } : {}),
      preValidation: [...(route.queryStyles ? [normaliseQuery(route.queryStyles)] : []), checkContent(route)],
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        // Collections that page: `page` is read first, and the envelope is built from the handler's items.
        const page = route.paging ? readPage(request, route.paging) : null;
        if (page && !page.ok) return sendPageProblem(reply, page);
        const paging = page?.value;
        const context: HandlerContext = {
          requestId: String(request.id),
          operationId: route.operationId,
          log: request.log,
          client: request.client ?? null,
          mock: <T>() => mockResult(route, paging) as T,
        };
        const result = await handler(toHandlerRequest(request, route, paging), context);
        if (route.paging && paging && result.status === route.paging.status && Array.isArray(result.items)) {
          return sendPage({ request, reply, prefix: version.prefix, method: route.method, paging: route.paging, asked: paging, result: { ...result, items: result.items }, contentType: route.mock.contentType });
        }
        if (result.headers) reply.headers(result.headers);
        if (result.contentType) reply.type(result.contentType);
        reply.code(result.status);
        if (result.body === undefined) return reply.send();
        // Fastify sends strings as they are; a JSON answer that is a string must still be JSON.
        const type = result.contentType ?? route.mock.contentType ?? 'application/json';
        if (typeof result.body === 'string' && isJson(type)) return reply.type(type).send(JSON.stringify(result.body));
        return reply.send(result.body);
      },
    };
    scope.route(options);
  }
}

function normaliseQuery(styles: readonly QueryStyle[]) {
  return async (request: FastifyRequest) => {
    normaliseQueryStyles(request.query as Record<string, unknown>, styles);
  };
}

/** Path parameters are renamed in routes (find-my-way needs plain names); give handlers the blueprint's names. */
function toHandlerRequest(request: FastifyRequest, route: RouteSpec, paging: PageRequest | undefined): HandlerRequest {
  const raw = (request.params ?? {}) as Record<string, unknown>;
  const params: Record<string, unknown> = {};
  for (const [routeName, blueprintName] of route.pathParams) {
    Object.defineProperty(params, blueprintName, { value: raw[routeName], enumerable: true, writable: true, configurable: true });
  }
  return {
    params,
    query: (request.query ?? {}) as Record<string, unknown>,
    headers: request.headers as Record<string, unknown>,
    body: request.body,
    ...(paging ? { paging } : {}),
  };
}

/** For 405: which methods a path answers to, by matching it against every route of every version. */
export function methodIndex(versions: readonly VersionModule[]): (url: string) => string[] {
  const entries = versions.flatMap((version) =>
    version.routes.map((route) => ({ method: route.method, prefix: version.prefix, pattern: new RegExp(route.matcher) })),
  );
  return (url) => {
    const methods = new Set<string>();
    for (const entry of entries) {
      if (url.startsWith(entry.prefix) && entry.pattern.test(safeDecode(url.slice(entry.prefix.length)))) methods.add(entry.method);
    }
    return [...methods];
  };
}

function safeDecode(path: string): string {
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

function isJson(mediaType: string): boolean {
  const base = mediaType.split(';')[0]!.trim().toLowerCase();
  return base === 'application/json' || base.endsWith('+json');
}
