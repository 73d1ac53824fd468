/**
 * /health/live: the process answers. /health/ready: every dependency the
 * service registered a check for answers too (redis, jwks), and the instance
 * is not shutting down; 503 otherwise. A check answers from what the service
 * already knows or asks cheaply: a probe every few seconds must not become
 * load on a dependency.
 */
import type { FastifyInstance } from 'fastify';
import type { Lifecycle } from './shutdown.js';

export type ReadinessCheck = () => Promise<boolean>;

export function registerHealth(app: FastifyInstance, checks: Record<string, ReadinessCheck>, lifecycle: Lifecycle): void {
  const hidden = { config: { platform: true } };
  const names = Object.keys(checks).sort();
  app.get('/health/live', hidden, async () => ({ status: 'pass' }));
  app.get('/health/ready', hidden, async (_request, reply) => {
    // Draining (shutdown.ts): the balancer must stop sending work here, whatever the dependencies say.
    if (lifecycle.phase !== 'serving') return reply.code(503).send({ status: 'fail', checks: { shutdown: 'fail' } });
    const results: Record<string, 'pass' | 'fail'> = {};
    for (const name of names) {
      results[name] = await checks[name]!().then((ok) => (ok ? 'pass' : 'fail'), () => 'fail' as const);
    }
    const ready = Object.values(results).every((result) => result === 'pass');
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'pass' : 'fail', checks: results });
  });
}
