/**
 * /health/live: the process answers. /health/ready: every dependency the
 * service registered a check for answers too (503 otherwise).
 */
import type { FastifyInstance } from 'fastify';

export type ReadinessCheck = () => Promise<boolean>;

export function registerHealth(app: FastifyInstance, checks: Record<string, ReadinessCheck>): void {
  const hidden = { config: { platform: true } };
  app.get('/health/live', hidden, async () => ({ status: 'pass' }));
  app.get('/health/ready', hidden, async (_request, reply) => {
    const results: Record<string, 'pass' | 'fail'> = {};
    for (const [name, check] of Object.entries(checks)) {
      results[name] = await check().then((ok) => (ok ? 'pass' : 'fail'), () => 'fail' as const);
    }
    const ready = Object.values(results).every((result) => result === 'pass');
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'pass' : 'fail', checks: results });
  });
}
