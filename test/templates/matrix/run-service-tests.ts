/**
 * Runs the own tests (test/*.test.ts) of generated services in this one
 * process (`npm test` in a service would start one per test file):
 * `node --import tsx --test-reporter=./summary-reporter.mjs run-service-tests.ts [--only <file name>] <service>...`
 * (`--only contract.test.ts`: that file of each service, as the corpus run wants).
 *
 * Each test file is imported inside a suite of its own (named by its path),
 * and the next file is imported only once that suite has finished: a
 * service's timing-sensitive tests (a shutdown's drain, a slow client cut
 * with 408) never run while another service is being loaded beside them.
 * Each service's tests import their own src/; what they share is the
 * repository's node_modules, loaded once for every service in the process
 * instead of once per service (the larger part of a service's test time).
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe } from 'node:test';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const only = args[0] === '--only' ? args[1] : undefined;
for (const service of only === undefined ? args : args.slice(2)) {
  const folder = path.join(service, 'test');
  // A service without a test folder has no results, which its caller reports; the services after it still run.
  const names = await readdir(folder).catch((error: Error) => {
    console.error(`run-service-tests: ${folder}: ${error.message}`);
    process.exitCode = 1;
    return [];
  });
  for (const file of names.filter((name) => (only === undefined ? name.endsWith('.test.ts') : name === only)).sort()) {
    // Absolute, as node:test names a test's file: a file that cannot load is reported under the same name as its tests.
    const test = path.resolve(folder, file);
    await describe(test, async () => {
      await import(pathToFileURL(test).href);
    });
  }
}
