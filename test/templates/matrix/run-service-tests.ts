/**
 * Runs the own tests (test/*.test.ts) of several generated services in this
 * one process: `node --import tsx --test-reporter=./summary-reporter.mjs
 * run-service-tests.ts <service>...`. Each service's tests import their own
 * src/, so services do not share state; what they share is the installed
 * dependencies and the cost of starting Node, tsx, Fastify and AJV once.
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
