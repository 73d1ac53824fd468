/**
 * Graceful shutdown, in the order a load balancer needs it (server.ts calls
 * `app.shutdown()` on SIGTERM or SIGINT):
 *
 * 1. draining, for SHUTDOWN_DRAIN_MS: /health/ready answers 503, so the
 *    balancer stops sending new work here; everything is still served, but
 *    every answer carries `Connection: close`, so clients (and the balancer's
 *    own pool) reconnect elsewhere instead of finding a closed socket later;
 * 2. closing: the listener closes; requests in flight finish (their answers
 *    close their connections); a request that still arrives on an open
 *    connection gets 503 with `Connection: close` (request-start.ts);
 *    connections left idle are closed; after SHUTDOWN_TIMEOUT_MS, whatever
 *    is still open is cut.
 *
 * Closing an idle kept-alive connection at the moment its client sends a
 * request is what makes connection resets; draining first leaves none idle
 * under load: each was told to close with its last answer.
 */
import type { FastifyInstance } from 'fastify';
import type { ShutdownConfig } from './config.js';

export type Phase = 'serving' | 'draining' | 'closing';

/** Where the instance is in its life; request-start.ts and health.ts read it on every request, so it is one field. */
export interface Lifecycle {
  phase: Phase;
}

/** How the shutdown ended: `forced` when connections had to be cut after SHUTDOWN_TIMEOUT_MS. */
export type ShutdownOutcome = 'clean' | 'forced';

declare module 'fastify' {
  interface FastifyInstance {
    /** Drain, then close (see shutdown.ts); calling it again returns the same promise. */
    shutdown(): Promise<ShutdownOutcome>;
  }
}

/** How often connections that went idle after a kept-alive answer are looked for while closing. */
const IDLE_SWEEP_MS = 250;

export function installShutdown(app: FastifyInstance, config: ShutdownConfig): Lifecycle {
  const lifecycle: Lifecycle = { phase: 'serving' };
  // Also when a test or a plugin calls app.close() directly, without draining.
  app.addHook('preClose', async () => {
    lifecycle.phase = 'closing';
  });
  let running: Promise<ShutdownOutcome> | undefined;
  app.decorate('shutdown', function shutdown(this: FastifyInstance): Promise<ShutdownOutcome> {
    running ??= drainThenClose(app, lifecycle, config);
    return running;
  });
  return lifecycle;
}

async function drainThenClose(app: FastifyInstance, lifecycle: Lifecycle, config: ShutdownConfig): Promise<ShutdownOutcome> {
  if (lifecycle.phase === 'serving' && config.drainMs > 0) {
    lifecycle.phase = 'draining';
    app.log.info({ drainMs: config.drainMs }, 'shutting down: /health/ready fails and answers close their connections; the listener closes when the drain ends');
    await new Promise((resolve) => setTimeout(resolve, config.drainMs));
  }
  let forced = false;
  const server = app.server;
  // Requests that began before the drain were answered with keep-alive; their connections are closed once idle.
  const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
  const deadline = setTimeout(() => {
    forced = true;
    app.log.warn({ closeMs: config.closeMs }, 'shutting down: requests still in flight after SHUTDOWN_TIMEOUT_MS; their connections are cut');
    server.closeAllConnections();
  }, config.closeMs);
  try {
    await app.close();
  } finally {
    clearInterval(sweep);
    clearTimeout(deadline);
  }
  app.log.info({ forced }, 'shut down');
  return forced ? 'forced' : 'clean';
}
