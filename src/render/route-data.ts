/**
 * A version's route table as the data files its service reads when it starts
 * (templates/service/src/platform/route-data.ts), not as code: a 7.8 MB JSON
 * text inside a module (GitHub's 845 operations) took the service twice as
 * long to import as to read and parse from a file, and importing it as a JSON
 * module made the service's `tsc` four times slower.
 *
 * - routes.json: `{ routes, definitions }`. The routes indented (a diff names
 *   the field that changed), each shared definition on one line.
 * - mock-bodies.jsonl: the body of each route's mock answer, one line per
 *   route in the routes' order. They were 60% of GitHub's route table and are
 *   only needed when an operation first answers with its mock, so the service
 *   reads them after it starts listening.
 */
import type { VersionModel } from '../model/service-model.js';
import { jsonData } from './escape.js';

export function routeDataJson(version: VersionModel): string {
  const routes = version.operations.map(({ route }) => ({ ...route, mock: { ...route.mock, body: undefined } }));
  const definitions = jsonData(version.definitions, 3).replaceAll('\n', '\n  ');
  return `{\n  "routes": ${jsonData(routes).replaceAll('\n', '\n  ')},\n  "definitions": ${definitions}\n}\n`;
}

export function mockBodiesJsonl(version: VersionModel): string {
  return version.operations.map(({ route }) => `${jsonData(route.mock.body ?? null, 0)}\n`).join('');
}
