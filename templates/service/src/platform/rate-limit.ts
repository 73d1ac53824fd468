/**
 * Rate limits per client, on the operations the blueprint limits (an API with
 * `x-audience: external`, or operations marked `x-rate-limit`; the generator
 * put each one's `{ max, windowSeconds }` in its RouteSpec). A client is the
 * authenticated client (request.client, set by auth before this runs), else,
 * on a public operation, the client of a configured subscription key or of a
 * token verified before (auth's `identify`), else its IP address: never a
 * credential no one checked, or a made-up key would buy a fresh count (and a
 * fresh Redis key) per request. Each client has its own count per operation
 * and window (@fastify/rate-limit).
 *
 * Every answer of a limited operation carries `RateLimit-Limit`,
 * `RateLimit-Remaining` and `RateLimit-Reset`; above the limit, 429 in the
 * error shape with `Retry-After`. With REDIS_URL, the counts live in Redis and
 * every instance shares them; without, each instance counts alone.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Identify } from './auth.js';
import type { Config } from './config.js';
import type { ReadinessCheck } from './health.js';
import { problem } from './problem.js';
import { connectRedis } from './redis.js';
import { settings } from './settings.js';
import type { RouteSpec, VersionModule } from './version-module.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The blueprint's operationId, on the routes of operations (routes.ts): limits and metrics find them by it. */
    operationId?: string;
    /** A route of the platform (health, metrics, specs, docs), not of the blueprint. */
    platform?: boolean;
  }
}

type Limit = NonNullable<RouteSpec['rateLimit']>;

/**
 * Installs the limits (before the operations are registered) and returns the
 * readiness checks of what they depend on (`redis` when REDIS_URL is set).
 */
export async function installRateLimits(app: FastifyInstance, versions: readonly VersionModule[], config: Config, identify: Identify): Promise<Record<string, ReadinessCheck>> {
  const limits = new Map<string, Limit>();
  for (const version of versions) {
    for (const route of version.routes) if (route.rateLimit) limits.set(`${version.prefix} ${route.operationId}`, route.rateLimit);
  }
  if (limits.size === 0) {
    if (config.redisUrl) app.log.info('REDIS_URL is set, but no operation is rate limited: Redis is not used');
    return {};
  }

  // Runs before the plugin's own onRoute hook (registered below), so the plugin sees each route's limit.
  app.addHook('onRoute', (route) => {
    const operationId = route.config?.operationId;
    const limit = operationId === undefined ? undefined : limits.get(`${route.prefix} ${operationId}`);
    if (limit) route.config = { ...route.config, rateLimit: { max: limit.max, timeWindow: limit.windowSeconds * 1000 } };
  });

  const redis = config.redisUrl ? await connectRedis(app, config.redisUrl) : null;
  // Loaded only here: a service that limits nothing starts without the plugin and its dependencies.
  const { default: rateLimit } = await import('@fastify/rate-limit');
  await app.register(rateLimit, {
    global: false,
    hook: 'onRequest',
    enableDraftSpec: true,
    keyGenerator: clientKey(identify),
    errorResponseBuilder: (request, context) => {
      const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
      const limit = request.routeOptions.config.rateLimit;
      const window = limit && typeof limit.timeWindow === 'number' ? ` per ${limit.timeWindow / 1000} seconds` : '';
      return problem(429, `Too many requests: this client may make ${context.max} requests${window} to this operation. Do not repeat the request before ${seconds} seconds have passed (Retry-After).`);
    },
    // A store that cannot answer (Redis down) lets requests through: /health/ready reports it.
    skipOnError: true,
    cache: 10_000,
    ...(redis ? { redis: redis.client, nameSpace: `${settings.serviceName}:rate-limit:` } : {}),
  });
  return redis ? { redis: redis.ready } : {};
}

/** Who is counted: the authenticated client, else a client identified by credentials known to be good, else the address. */
export function clientKey(identify: Identify): (request: FastifyRequest) => string {
  return (request) => {
    if (request.client) return `client:${request.client}`;
    const client = identify(request);
    return client === null ? `ip:${request.ip}` : `client:${client}`;
  };
}
