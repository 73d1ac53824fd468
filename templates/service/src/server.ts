/**
 * Starts the service: reads the environment (and `.env`, when there is one),
 * starts tracing when it is configured, listens, and shuts down gracefully on
 * SIGTERM or SIGINT (platform/shutdown.ts: drain, then close; the last spans
 * are sent); a second signal stops it at once.
 *
 * Only platform/next-tick-shape.ts is imported statically: it must run before
 * any other module is loaded, so the modules below are imported dynamically.
 */
import './platform/next-tick-shape.js';

// Inside the try below, a route table missing from dist/ (a build with tsc
// alone) is named in one line, without a stack trace.
const [{ ConfigError, loadConfig }, { RouteDataMissing }] = await Promise.all([import('./platform/config.js'), import('./platform/route-data.js')]);

let stopping = false;

try {
  const [{ buildApp }, { loadDotEnv }, { startTracing }] = await Promise.all([
    import('./app.js'),
    import('./platform/env.js'),
    import('./platform/tracing.js'),
  ]);
  loadDotEnv();
  const config = loadConfig(process.env);
  const tracing = await startTracing(process.env);
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
        (outcome) => tracing.shutdown().then(() => process.exit(outcome === 'clean' ? 0 : 1)),
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
  if (error instanceof RouteDataMissing) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
