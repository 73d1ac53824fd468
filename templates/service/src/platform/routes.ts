/**
 * Registers one version's operations from its route table: validation from the
 * blueprint's schemas, serialisation from its response schemas (so undeclared
 * properties never leave), then the team's handler.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { Upstreams } from '../generated/upstreams.js';
import type { HandlerContext } from './context.js';
import { checkContent } from './content.js';
import { isJsonMediaType } from './media-type.js';
import { normaliseQueryStyles } from './query-styles.js';
import { mockResult } from './mock.js';
import { readPage, sendPage, sendPageProblem, type PageAnswer, type PageRequest } from './paging.js';
import type { AuthGuard } from './auth.js';
import type { HandlerRequest, QueryStyle, RouteSpec, VersionModule } from './version-module.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Route name -> blueprint name of each path parameter, for validation errors (validation-messages.ts). */
    pathNames?: ReadonlyMap<string, string>;
  }
}

/** The clients of the APIs this service calls, bound to one inbound request (generated/upstreams.ts). */
export type UpstreamsFor = (request: FastifyRequest) => Upstreams;

export function registerOperations(scope: FastifyInstance, version: VersionModule, authGuard: AuthGuard, upstreams: UpstreamsFor): void {
  // Fastify adds a HEAD route beside every GET; a blueprint that declares its own HEAD keeps it.
  const explicitHeads = new Set(version.routes.filter((route) => route.method === 'HEAD').map((route) => route.url));
  for (const route of version.routes) {
    if (!Object.prototype.hasOwnProperty.call(version.handlers, route.operationId)) {
      throw new Error(`no handler for operation ${route.operationId} in ${version.key}`);
    }
    // Only the hooks a route needs: public operations have no guard, and a route with nothing to check no content hook.
    const guard = route.security.length > 0 ? authGuard(route) : null;
    const content = checkContent(route);
    const preValidation = [route.queryStyles ? normaliseQuery(route.queryStyles) : null, content].filter((hook) => hook !== null);
    const options: RouteOptions = {
      method: route.method,
      url: route.url,
      exposeHeadRoute: !explicitHeads.has(route.url),
      schema: route.schema as RouteOptions['schema'],
      config: { operationId: route.operationId, pathNames: new Map(route.pathParams) },
      // Secured operations are checked before the body is even read.
      ...(guard ? { onRequest: [guard] } : {}),
      ...(preValidation.length > 0 ? { preValidation } : {}),
      ...(route.lifecycle ? { onSend: lifecycleHeaders(route.lifecycle) } : {}),
      handler: operationHandler(route, version, upstreams),
    };
    scope.route(options);
  }
}

/** RFC 9745 Deprecation and RFC 8594 Sunset on every answer of an operation the blueprint deprecates. */
function lifecycleHeaders(lifecycle: NonNullable<RouteSpec['lifecycle']>): NonNullable<RouteOptions['onSend']> {
  return (_request, reply, payload, done) => {
    if (lifecycle.deprecated) reply.header('deprecation', 'true');
    if (lifecycle.sunset) reply.header('sunset', lifecycle.sunset);
    done(null, payload);
  };
}

/** Query parameters spelt as more than one value, put together before validation (query-styles.ts). */
function normaliseQuery(styles: readonly QueryStyle[]): (request: FastifyRequest, reply: FastifyReply, done: () => void) => void {
  return (request, _reply, done) => {
    normaliseQueryStyles(request.query as Record<string, unknown>, styles);
    done();
  };
}

/** The route's handler, with what depends only on the route decided once. */
function operationHandler(route: RouteSpec, version: VersionModule, upstreams: UpstreamsFor): (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply> {
  const handler = version.handlers[route.operationId]!;
  const handlerRequest = handlerRequestOf(route);
  const paging = route.paging;
  const defaultType = route.mock.contentType ?? 'application/json';
  return async (request, reply) => {
    // Collections that page: `page` is read first, and the envelope is built from the handler's items.
    const page = paging ? readPage(request, paging) : null;
    if (page && !page.ok) return sendPageProblem(reply, page);
    const asked = page?.value;
    const context: HandlerContext = {
      requestId: String(request.id),
      operationId: route.operationId,
      log: request.log,
      client: request.client ?? null,
      mock: <T>() => mockResult(route, asked) as T,
      upstreams: upstreams(request),
    };
    const result = await handler(handlerRequest(request, asked), context);
    if (paging && asked && result.status === paging.status && Array.isArray(result.items)) {
      return sendPage({ request, reply, prefix: version.prefix, method: route.method, paging, asked, result: result as PageAnswer['result'], contentType: route.mock.contentType });
    }
    if (result.headers) reply.headers(result.headers);
    if (result.contentType) reply.type(result.contentType);
    reply.code(result.status);
    if (result.body === undefined) return reply.send();
    // Fastify sends strings as they are; a JSON answer that is a string must still be JSON.
    const type = result.contentType ?? defaultType;
    if (typeof result.body === 'string' && isJsonMediaType(type)) return reply.type(type).send(JSON.stringify(result.body));
    return reply.send(result.body);
  };
}

/**
 * What the handler gets as its request. Path parameters are renamed in routes
 * (find-my-way needs plain names): when any name differs, the handler gets the
 * blueprint's names; otherwise Fastify's own params object, as it is.
 */
function handlerRequestOf(route: RouteSpec): (request: FastifyRequest, paging: PageRequest | undefined) => HandlerRequest {
  const renamed = route.pathParams.some(([routeName, blueprintName]) => routeName !== blueprintName);
  const paramsOf = renamed
    ? (request: FastifyRequest) => {
        const raw = (request.params ?? {}) as Record<string, unknown>;
        const params: Record<string, unknown> = {};
        for (const [routeName, blueprintName] of route.pathParams) {
          Object.defineProperty(params, blueprintName, { value: raw[routeName], enumerable: true, writable: true, configurable: true });
        }
        return params;
      }
    : (request: FastifyRequest) => (request.params ?? {}) as Record<string, unknown>;
  return (request, paging) => {
    const params = paramsOf(request);
    const query = (request.query ?? {}) as Record<string, unknown>;
    const headers = request.headers as Record<string, unknown>;
    return paging ? { params, query, headers, body: request.body, paging } : { params, query, headers, body: request.body };
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

