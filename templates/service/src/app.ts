/**
 * The service: the playbook's platform around the blueprint's operations.
 * buildApp is what server.ts starts and what the tests inject requests into.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { installUpstreams } from './generated/upstreams.js';
import { versions } from './generated/versions.js';
import { createAuth } from './platform/auth.js';
import type { Config } from './platform/config.js';
import { declareClient } from './platform/client.js';
import { installContentParsers } from './platform/content.js';
import { createUrlRewriter } from './platform/dispatch.js';
import { registerDocsAssets, registerVersionDocs } from './platform/docs.js';
import { frameworkErrors, installErrorHandling } from './platform/errors.js';
import { registerExtensions } from './platform/extensions.js';
import { installHandlerLoading } from './platform/handler-loading.js';
import { registerHealth } from './platform/health.js';
import { credentialLogPaths, requestSerializer } from './platform/log-redaction.js';
import { installMetrics } from './platform/metrics.js';
import { installRateLimits } from './platform/rate-limit.js';
import { clientErrorHandler, installRawAnswers } from './platform/raw-http.js';
import { installRequestStart, requestId } from './platform/request-start.js';
import { methodIndex, registerOperations } from './platform/routes.js';
import { installSerialization } from './platform/serialize.js';
import { settings } from './platform/settings.js';
import { installShutdown } from './platform/shutdown.js';
import { installValidation } from './platform/validation.js';
import { addDeprecationHeaders, registerVersionList } from './platform/versions.js';

export async function buildApp(config: Config): Promise<FastifyInstance> {
  const rewriteUrl = createUrlRewriter(versions);
  const app = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : { level: config.logLevel, redact: credentialLogPaths(versions), serializers: { req: requestSerializer(versions) } },
    bodyLimit: settings.bodyLimitBytes,
    requestIdHeader: false,
    genReqId: requestId,
    return503OnClosing: false,
    clientErrorHandler,
    frameworkErrors,
    // Slow or stalled clients are cut (408, raw-http.ts); Node looks for them every second, or sooner for short timeouts.
    requestTimeout: config.timeouts.requestMs,
    keepAliveTimeout: config.timeouts.keepAliveMs,
    http: {
      headersTimeout: config.timeouts.headersMs,
      connectionsCheckingInterval: Math.min(1_000, Math.ceil(config.timeouts.headersMs / 4)),
      // Node would answer a missing Host itself, outside the error shape: request-start.ts does.
      requireHostHeader: false,
    },
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 500 },
    ...(rewriteUrl ? { rewriteUrl } : {}),
  });
  const lifecycle = installShutdown(app, config.shutdown);
  const start = installRequestStart(app, lifecycle);
  installRawAnswers(app);
  if (config.authMode === 'mock') app.log.warn('AUTH_MODE=mock: secured operations answer WITHOUT checking credentials. Never use this outside local development.');

  installValidation(app, versions);
  installSerialization(app, versions);
  installContentParsers(app);
  installErrorHandling(app, methodIndex(versions), start);
  // Before any route: each route gets its meter (its labels) as it is registered.
  const { registry, recordAnswer } = installMetrics(app, versions);
  declareClient(app);
  const auth = createAuth(config, versions, app.log);
  app.addHook('onReady', auth.start);
  const limits = await installRateLimits(app, versions, config, auth.identify);
  // The APIs this service calls: their settings are checked here, so a missing one stops the start.
  const upstreams = installUpstreams(app, config, registry);
  const handlers = installHandlerLoading(app, versions);
  registerHealth(app, { ...auth.checks, ...limits, ...upstreams.readiness, ...handlers }, lifecycle);
  registerVersionList(app, versions);
  registerDocsAssets(app);
  // The playbook's and the team's plugins (src/platform/extensions/), before any version's routes.
  await registerExtensions(app);

  for (const version of versions) {
    await app.register(
      async (scope) => {
        addDeprecationHeaders(scope, version);
        registerVersionDocs(scope, version);
        registerOperations(scope, version, { auth, upstreams: upstreams.forRequest, start, recordAnswer });
      },
      { prefix: version.prefix },
    );
  }
  return app;
}
