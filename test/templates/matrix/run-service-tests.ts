/**
 * Runs the own tests (test/*.test.ts) of a generated service in this one
 * process (`npm test` would start one per test file): `node --import tsx
 * --test-reporter=./summary-reporter.mjs run-service-tests.ts <service>...`.
 * Each service's tests import their own src/, so several services can share
 * a process; profile-matrix.test.ts and hostile/injection.test.ts give each
 * its own, because a service's timing-sensitive tests (a shutdown's drain)
 * fail when another service is being loaded beside them on a loaded machine.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

for (const service of process.argv.slice(2)) {
  const folder = path.join(service, 'test');
  for (const file of (await readdir(folder)).filter((name) => name.endsWith('.test.ts')).sort()) {
    await import(pathToFileURL(path.join(folder, file)).href);
  }
}
