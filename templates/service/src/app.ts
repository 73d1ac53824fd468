/**
 * The service: the playbook's platform around the blueprint's operations.
 * buildApp is what server.ts starts and what the tests inject requests into.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { versions } from './generated/versions.js';
import { createAuthGuard } from './platform/auth.js';
import type { Config } from './platform/config.js';
import { installContentParsers } from './platform/content.js';
import { registerDocsAssets, registerVersionDocs } from './platform/docs.js';
import { installErrorHandling } from './platform/errors.js';
import { registerHealth } from './platform/health.js';
import { methodIndex, registerOperations } from './platform/routes.js';
import { installSerialization } from './platform/serialize.js';
import { settings } from './platform/settings.js';
import { installValidation } from './platform/validation.js';
import { addDeprecationHeaders, registerVersionList } from './platform/versions.js';

export async function buildApp(config: Config): Promise<FastifyInstance> {
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel, redact: ['req.headers.authorization', `req.headers["${settings.subscriptionKeyHeader.toLowerCase()}"]`] },
    bodyLimit: settings.bodyLimitBytes,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 500 },
  });
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', String(request.id));
    return payload;
  });
  if (config.authMode === 'mock') app.log.warn('AUTH_MODE=mock: secured operations answer WITHOUT checking credentials. Never use this outside local development.');

  installValidation(app, versions);
  installSerialization(app, versions);
  installContentParsers(app);
  installErrorHandling(app, methodIndex(versions));
  registerHealth(app, {});
  registerVersionList(app, versions);
  await registerDocsAssets(app);

  const authGuard = createAuthGuard(config.authMode);
  for (const version of versions) {
    await app.register(
      async (scope) => {
        addDeprecationHeaders(scope, version);
        registerVersionDocs(scope, version);
        registerOperations(scope, version, authGuard);
      },
      { prefix: version.prefix },
    );
  }
  return app;
}
