/**
 * Starts the service: reads the environment, listens, and shuts down
 * gracefully on SIGTERM or SIGINT (platform/shutdown.ts: drain, then close);
 * a second signal stops it at once.
 */
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './platform/config.js';

let stopping = false;

try {
  const config = loadConfig(process.env);
  const app = await buildApp(config);
  await app.listen({ port: config.port, host: config.host });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (stopping) {
        app.log.warn({ signal }, 'second signal: stopping without waiting');
        process.exit(1);
      }
      stopping = true;
      app.log.info({ signal }, 'shutting down');
      app.shutdown().then(
        (outcome) => process.exit(outcome === 'clean' ? 0 : 1),
        (error: unknown) => {
          app.log.error({ err: error }, 'shutting down failed');
          process.exit(1);
        },
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
