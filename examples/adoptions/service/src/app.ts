/**
 * The service: the playbook's platform around the blueprint's operations.
 * buildApp is what server.ts starts and what the tests inject requests into.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { installUpstreams } from './generated/upstreams.js';
import { versions } from './generated/versions.js';
import { createAuthGuard, credentialLogPaths } from './platform/auth.js';
import type { Config } from './platform/config.js';
import { installContentParsers } from './platform/content.js';
import { createUrlRewriter } from './platform/dispatch.js';
import { registerDocsAssets, registerVersionDocs } from './platform/docs.js';
import { clientErrorHandler, frameworkErrors, installErrorHandling } from './platform/errors.js';
import { registerHealth } from './platform/health.js';
import { installMetrics } from './platform/metrics.js';
import { installRateLimits } from './platform/rate-limit.js';
import { installRequestStart, requestId } from './platform/request-start.js';
import { methodIndex, registerOperations } from './platform/routes.js';
import { installSerialization } from './platform/serialize.js';
import { settings } from './platform/settings.js';
import { installValidation } from './platform/validation.js';
import { addDeprecationHeaders, registerVersionList } from './platform/versions.js';

export async function buildApp(config: Config): Promise<FastifyInstance> {
  const rewriteUrl = createUrlRewriter(versions);
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel, redact: credentialLogPaths(versions) },
    bodyLimit: settings.bodyLimitBytes,
    requestIdHeader: false,
    genReqId: requestId,
    return503OnClosing: false,
    clientErrorHandler,
    frameworkErrors,
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 500 },
    ...(rewriteUrl ? { rewriteUrl } : {}),
  });
  installRequestStart(app);
  if (config.authMode === 'mock') app.log.warn('AUTH_MODE=mock: secured operations answer WITHOUT checking credentials. Never use this outside local development.');

  installValidation(app, versions);
  installSerialization(app, versions);
  installContentParsers(app);
  installErrorHandling(app, methodIndex(versions));
  // Before any route: each route gets its meter (its labels) as it is registered.
  const registry = installMetrics(app, versions);
  // The APIs this service calls: their settings are checked here, so a missing one stops the start.
  const upstreams = installUpstreams(app, config, registry);
  registerHealth(app, { ...(await installRateLimits(app, versions, config)), ...upstreams.readiness });
  registerVersionList(app, versions);
  await registerDocsAssets(app);

  const authGuard = createAuthGuard(config, versions, app.log);
  for (const version of versions) {
    await app.register(
      async (scope) => {
        addDeprecationHeaders(scope, version);
        registerVersionDocs(scope, version);
        registerOperations(scope, version, authGuard, upstreams.forRequest);
      },
      { prefix: version.prefix },
    );
  }
  return app;
}
