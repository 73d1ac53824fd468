/**
 * Starts the service: reads the environment, listens, and shuts down
 * gracefully on SIGTERM/SIGINT (in-flight requests finish; new ones get 503).
 */
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './platform/config.js';

try {
  const config = loadConfig(process.env);
  const app = await buildApp(config);
  await app.listen({ port: config.port, host: config.host });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      app.log.info({ signal }, 'shutting down');
      app.close().then(
        () => process.exit(0),
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
