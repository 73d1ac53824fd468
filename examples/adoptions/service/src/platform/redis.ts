/**
 * The Redis connection several instances share (REDIS_URL), for rate limits.
 * It connects when the service starts, without holding the start up: while
 * Redis cannot be reached, commands fail at once (no queue of waiting
 * requests), ioredis keeps reconnecting, /health/ready says `redis: fail`, and
 * rate limits let requests through rather than refuse every caller.
 * Messages never repeat the URL: it may hold a password.
 */
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { ReadinessCheck } from './health.js';

const CONNECT_TIMEOUT_MS = 2_000;
const COMMAND_TIMEOUT_MS = 1_000;

export interface SharedRedis {
  client: Redis;
  ready: ReadinessCheck;
}

/** ioredis is loaded only when REDIS_URL is set: it was a tenth of a second of every start. */
export async function connectRedis(app: FastifyInstance, url: string): Promise<SharedRedis> {
  const { Redis } = await import('ioredis');
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: CONNECT_TIMEOUT_MS,
    commandTimeout: COMMAND_TIMEOUT_MS,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  // One line per outage, not one per reconnection attempt.
  let reported = false;
  client.on('error', (error: Error & { code?: string }) => {
    if (reported) return;
    reported = true;
    app.log.warn({ code: error.code ?? null, reason: error.message }, 'Redis is not reachable: rate limits are not enforced until it is back, and /health/ready fails');
  });
  client.on('ready', () => {
    if (reported) app.log.info('Redis is reachable again');
    reported = false;
  });

  app.addHook('onReady', async () => {
    await withTimeout(client.connect(), CONNECT_TIMEOUT_MS).catch(() => undefined);
  });
  app.addHook('onClose', async () => {
    client.disconnect();
  });

  const ready: ReadinessCheck = async () => client.status === 'ready' && (await withTimeout(client.ping(), COMMAND_TIMEOUT_MS)) === 'PONG';
  return { client, ready };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
