/**
 * The team's handler modules are not imported when the service starts: each
 * is loaded when its operation is first called (operation-handler.ts). A
 * service with hundreds of operations (GitHub's description has 845) spent
 * about a third of its start importing them, before it could answer anything.
 *
 * So that no module is left to fail at its first call, days later: once the
 * service listens, every handler is loaded in the background; one that cannot
 * be loaded is logged, with its operation, and /health/ready fails (the
 * `handlers` check), so a deployment never takes traffic on it. The check waits
 * for the loading (well under a second) rather than failing while it runs, and
 * starts it when no listener did (tests that inject requests). The modules load
 * a few at a time, so that an operation called meanwhile is not kept waiting.
 * The route tables' values that are parsed when first used (mock answer bodies,
 * shared definitions: route-data.ts) are parsed the same way, in the background
 * once the service listens, and checked by /health/ready as `routeData`.
 */
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { ReadinessCheck } from './health.js';
import type { VersionModule } from './version-module.js';

export function installHandlerLoading(app: FastifyInstance, versions: readonly VersionModule[]): Record<string, ReadinessCheck> {
  let loading: Promise<boolean> | undefined;
  const loadAll = (): Promise<boolean> => {
    loading ??= loadEveryHandler(versions, app.log);
    return loading;
  };
  let parsing: Promise<boolean> | undefined;
  const parseAll = (): Promise<boolean> => {
    parsing ??= parseRouteData(versions, app.log);
    return parsing;
  };
  app.addHook('onListen', (done) => {
    void loadAll();
    void parseAll();
    done();
  });
  return { handlers: loadAll, routeData: parseAll };
}

/** Values parsed at once before the event loop is let go: GitHub's 845 mock bodies and 1,500 definitions take about 80 ms in all. */
const PARSE_BATCH = 64;

/**
 * True when every value of the route tables that route-data.ts parses when
 * first used (mock answer bodies, shared definitions) is parsed; a file that
 * cannot be read or parsed is logged once.
 */
async function parseRouteData(versions: readonly VersionModule[], log: FastifyBaseLogger): Promise<boolean> {
  for (const version of versions) {
    try {
      // Listing the definitions reads their file: inside the try, as a broken file must fail readiness, not the process.
      const reads = [
        ...version.routes.map((route) => () => route.mock.body),
        ...Object.values(version.definitions).flatMap(({ $defs }) => Object.keys($defs).map((name) => () => $defs[name])),
      ];
      for (let first = 0; first < reads.length; first += PARSE_BATCH) {
        await new Promise((resolve) => setImmediate(resolve));
        for (const read of reads.slice(first, first + PARSE_BATCH)) read();
      }
    } catch (error) {
      log.error({ err: error, version: version.key }, 'the route table cannot be read: operations that need what is broken fail, and /health/ready fails');
      return false;
    }
  }
  return true;
}

/**
 * Modules loaded at once in the background. All 845 of GitHub's at once held
 * up the first call of an operation behind them (its own module queued with
 * the rest): in small batches, a call made meanwhile waits for one batch at
 * most, and the whole loading takes as long as before.
 */
const BACKGROUND_BATCH = 16;

/** True when every handler module loaded; each failure is logged, naming its version and operation. */
async function loadEveryHandler(versions: readonly VersionModule[], log: FastifyBaseLogger): Promise<boolean> {
  const loads = versions.flatMap((version) =>
    Object.entries(version.handlers).map(
      ([operationId, load]) =>
        () =>
          load().then(
            () => true,
            (error: unknown) => {
              log.error({ err: error, version: version.key, operationId }, 'a handler module failed to load: its operation answers 500 and /health/ready fails');
              return false;
            },
          ),
    ),
  );
  let everyOneLoaded = true;
  for (let first = 0; first < loads.length; first += BACKGROUND_BATCH) {
    const loaded = await Promise.all(loads.slice(first, first + BACKGROUND_BATCH).map((loadOne) => loadOne()));
    everyOneLoaded &&= loaded.every(Boolean);
  }
  return everyOneLoaded;
}
