/**
 * A version's route table as the data files its service reads
 * (templates/service/src/platform/route-data.ts), not as code: a 7.8 MB JSON
 * text inside a module (GitHub's 845 operations) took the service twice as
 * long to import as to read and parse from a file, and importing it as a JSON
 * module made the service's `tsc` four times slower.
 *
 * - routes.json: `{ definitionIds, routes }`, indented (a diff names the field
 *   that changed). Read when the service starts.
 * - definitions.jsonl: one shared definition per line,
 *   `["request" | "response", name, schema]`. 85% of GitHub's table, and a
 *   route needs only the few it refers to: each is parsed when first used
 *   (the request definitions all at the first validation, as AJV takes them all).
 * - mock-bodies.jsonl: the body of each route's mock answer, one line per
 *   route in the routes' order, parsed when the route first answers with it.
 */
import type { VersionModel } from '../model/service-model.js';
import { jsonData } from './escape.js';

export function routeDataJson(version: VersionModel): string {
  const routes = version.operations.map(({ route }) => ({ ...route, mock: { ...route.mock, body: undefined } }));
  const definitionIds = { request: version.definitions.request.$id, response: version.definitions.response.$id };
  return `${jsonData({ definitionIds, routes })}\n`;
}

export function definitionsJsonl(version: VersionModel): string {
  return (['request', 'response'] as const)
    .flatMap((direction) => Object.entries(version.definitions[direction].$defs).map(([name, schema]) => `${jsonData([direction, name, schema], 0)}\n`))
    .join('');
}

export function mockBodiesJsonl(version: VersionModel): string {
  return version.operations.map(({ route }) => `${jsonData(route.mock.body ?? null, 0)}\n`).join('');
}
