/**
 * Starts the service: reads the environment (and `.env`, when there is one),
 * starts tracing when it is configured, listens, and shuts down gracefully on
 * SIGTERM/SIGINT (in-flight requests finish; new ones get 503).
 */
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './platform/config.js';
import { loadDotEnv } from './platform/env.js';
import { startTracing } from './platform/tracing.js';

try {
  loadDotEnv();
  const config = loadConfig(process.env);
  const tracing = await startTracing(process.env);
  const app = await buildApp(config);
  await app.listen({ port: config.port, host: config.host });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      app.log.info({ signal }, 'shutting down');
      app.close().then(
        () => tracing.shutdown().then(() => process.exit(0)),
        () => process.exit(1),
      );
    });
  }
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`configuration error: ${error.message}\n`);
    process.exit(78);
  }
  throw error;
}
