/**
 * The identity provider's JSON Web Key Set, fetched by jose (kept for 10
 * minutes; an unknown `kid` fetches it again, at most every 30 s), and what
 * /health/ready knows of it: whether the last fetch brought a key set. While
 * it does not, every token that is not cached gets 503, so the instance is
 * not ready; a probe never waits for the identity provider, and asks it again
 * at most every RETRY_MS while it is failing, so that readiness comes back
 * without waiting for a token.
 */
import type { FastifyBaseLogger } from 'fastify';
import type * as JoseModule from 'jose';
import type { JWTVerifyGetKey } from 'jose';

export type Jose = typeof JoseModule;
let jose: Promise<Jose> | undefined;

/**
 * jose, loaded when the first verifier is made: a service that verifies no
 * token (API keys only, AUTH_MODE=mock) never loads it, a thirtieth of a
 * second of its start. A verifier starts the loading when it is made, so its
 * first token does not wait for it.
 */
export function loadJose(): Promise<Jose> {
  jose ??= import('jose');
  return jose;
}

/** How often a failing key set is asked again because of readiness probes. */
const RETRY_MS = 10_000;

export interface KeySet {
  resolve: JWTVerifyGetKey;
  /** Fetches the key set now, waiting at most `ms` (the service starts either way). */
  prefetch(ms: number): Promise<void>;
  /** Whether the last fetch brought a key set: no request to the identity provider is waited for. */
  ready(): Promise<boolean>;
}

export function createKeySet(url: string, log: FastifyBaseLogger | null): KeySet {
  let last: { ok: boolean; at: number } | null = null;
  const record = (ok: boolean) => {
    if (log && last?.ok !== ok && (last !== null || !ok)) {
      if (ok) log.info('auth: the key set of the identity provider can be fetched again');
      else log.warn('auth: the key set of the identity provider cannot be fetched: tokens not seen before get 503, and /health/ready fails');
    }
    last = { ok, at: Date.now() };
  };
  // jose's own fetch, observed: the outcome is known without asking again.
  const observed = async (input: string, init: RequestInit): Promise<Response> => {
    try {
      const response = await fetch(input, init);
      const text = await response.text();
      record(response.status === 200 && isKeySet(text));
      return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
    } catch (error) {
      record(false);
      throw error;
    }
  };
  const remote = loadJose().then(({ createRemoteJWKSet, customFetch }) =>
    createRemoteJWKSet(new URL(url), { timeoutDuration: 5000, cooldownDuration: 30_000, cacheMaxAge: 600_000, [customFetch]: observed }),
  );
  const reload = () => remote.then((keys) => keys.reload()).catch(() => undefined);
  return {
    resolve: async (header, token) => (await remote)(header, token),
    async prefetch(ms) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([reload(), new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
      clearTimeout(timer);
    },
    async ready() {
      if (last === null || (!last.ok && Date.now() - last.at >= RETRY_MS)) void reload();
      return last?.ok === true;
    },
  };
}

function isKeySet(text: string): boolean {
  try {
    const value = JSON.parse(text) as { keys?: unknown };
    return Array.isArray(value?.keys);
  } catch {
    return false;
  }
}
