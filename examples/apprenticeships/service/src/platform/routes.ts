/**
 * Registers one version's operations from its route table: validation from the
 * blueprint's schemas, serialisation from its response schemas (so undeclared
 * properties never leave), then the team's handler, with only the platform
 * work each route needs (see registerOperations).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { Auth, RouteGuard } from './auth.js';
import { contentChecks } from './content.js';
import type { RecordAnswer } from './metrics.js';
import { operationHandler, type OperationHandler, type UpstreamsFor } from './operation-handler.js';
import { normaliseQueryStyles } from './query-styles.js';
import type { StartRequest } from './request-start.js';
import type { QueryStyle, RouteSpec, VersionModule } from './version-module.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Route name -> blueprint name of each path parameter, for validation errors (validation-messages.ts). */
    pathNames?: ReadonlyMap<string, string>;
    /** The operation's own handler, for telling whether something wrapped it (registerOperations). */
    operationHandler?: OperationHandler;
  }
}

/** What the platform gives each operation's route (app.ts). */
export interface OperationWiring {
  auth: Pick<Auth, 'guard' | 'decidesAtOnce'>;
  upstreams: UpstreamsFor;
  start: StartRequest;
  recordAnswer: RecordAnswer;
}

/**
 * Each operation's route does only what it needs, decided here once: the
 * common request (a GET, mock or public, not rate limited) passes no Fastify
 * hook at all, because its handler starts the request, runs the guard and
 * checks Accept itself before calling the team's handler, and records the
 * answer after sending it (operation-handler.ts). Each hook stage Fastify
 * runs costs a measurable share of a small GET (bench/serve.ts). Hooks are
 * kept where order demands them: a guard that verifies tokens, or one whose
 * client a rate limit counts by, runs before anything else (with the start);
 * a body's media type is checked once the body is read, before validation;
 * query styles are put together before validation.
 */
export function registerOperations(scope: FastifyInstance, version: VersionModule, wiring: OperationWiring): void {
  // Fastify adds a HEAD route beside every GET; a blueprint that declares its own HEAD keeps it.
  const explicitHeads = new Set(version.routes.filter((route) => route.method === 'HEAD').map((route) => route.url));
  // Something that wraps route handlers and times each by the promise it returns (tracing: @fastify/otel, whose
  // onRoute hook, on the root instance, runs before this scope's) gets that promise: a wrapped handler returns it.
  scope.addHook('onRoute', (options) => {
    const own = options.config?.operationHandler;
    if (own !== undefined && options.handler !== own) own.followAnswers();
  });
  for (const route of version.routes) {
    if (!Object.prototype.hasOwnProperty.call(version.handlers, route.operationId)) {
      throw new Error(`no handler for operation ${route.operationId} in ${version.key}`);
    }
    const guard = route.security.length > 0 ? wiring.auth.guard(route) : null;
    const content = contentChecks(route);
    // Secured operations are checked before the body is even read, and before a rate limit counts the request.
    const guardFirst = guard !== null && (!wiring.auth.decidesAtOnce || content.preValidation !== null || route.rateLimit !== null);
    const onRequest = guardFirst ? startThenGuard(wiring.start, guard) : null;
    const preValidation = [route.queryStyles ? normaliseQuery(route.queryStyles) : null, content.preValidation].filter((hook) => hook !== null);
    const handler = operationHandler(route, version, {
      start: onRequest ? null : wiring.start,
      guard: guardFirst ? null : guard,
      accept: content.inline,
      upstreams: wiring.upstreams,
      recordAnswer: wiring.recordAnswer,
    });
    const options: RouteOptions = {
      method: route.method,
      url: route.url,
      exposeHeadRoute: !explicitHeads.has(route.url),
      schema: route.schema as RouteOptions['schema'],
      config: { operationId: route.operationId, pathNames: new Map(route.pathParams), startsInline: true, recordsInline: true, operationHandler: handler },
      ...(onRequest ? { onRequest } : {}),
      ...(preValidation.length > 0 ? { preValidation } : {}),
      ...(route.lifecycle ? { onSend: lifecycleHeaders(route.lifecycle) } : {}),
      handler,
    };
    scope.route(options);
  }
}

/** One callback-style onRequest hook: the request's start, then, if it was not refused, the guard. */
function startThenGuard(start: StartRequest, guard: RouteGuard): RouteGuard {
  return (request, reply, done) => {
    if (start(request, reply)) guard(request, reply, done);
  };
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

