/**
 * Reads a version's route table (src/generated/<version>/operations.ts calls
 * this): data files that design-first writes beside that module, parsed as
 * JSON, so that no blueprint value is ever parsed as code.
 *
 * - routes.json: the routes and the shared definitions, read when the service
 *   starts. As a JSON text inside the module, GitHub's 7.8 MB table took twice
 *   as long to import as this file takes to read and parse.
 * - mock-bodies.jsonl: each route's mock answer body, one JSON line per route,
 *   in the routes' order; 60% of GitHub's table. Read when a mock answer is
 *   first needed, each line parsed when its route first answers with it
 *   (`route.mock.body` is a getter); once the service listens, every body is
 *   parsed in the background (handler-loading.ts), and /health/ready waits for
 *   that (its `mocks` check), so that a broken file shows before traffic does.
 *
 * From src/ (tsx) they are read where they are; `npm run build` copies them
 * beside the compiled modules in dist/ (tsc leaves data files out).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Definitions, RouteSpec } from './route-contract.js';

export interface RouteData {
  routes: RouteSpec[];
  definitions: { request: Definitions; response: Definitions };
}

/** The route table in `folder` (the generated version's folder, as a file: URL ending in `/`). */
export function readRouteData(folder: URL): RouteData {
  const data = JSON.parse(readDataFile(new URL('routes.json', folder))) as RouteData;
  const body = mockBodies(new URL('mock-bodies.jsonl', folder), data.routes.length);
  data.routes.forEach((route, index) => {
    Object.defineProperty(route.mock, 'body', { enumerable: true, get: () => body(index) });
  });
  return data;
}

/** The body of the route at `index`: the file is read at the first call, each line parsed once. */
function mockBodies(file: URL, count: number): (index: number) => unknown {
  let lines: string[] | undefined;
  const parsed = new Map<number, unknown>();
  return (index) => {
    if (parsed.has(index)) return parsed.get(index);
    lines ??= splitLines(file, count);
    let value: unknown;
    try {
      value = JSON.parse(lines[index]!);
    } catch (error) {
      throw new Error(`${fileURLToPath(file)}, line ${index + 1}: ${(error as Error).message}: generate it again (design-first update)`);
    }
    parsed.set(index, value);
    return value;
  };
}

function splitLines(file: URL, count: number): string[] {
  const lines = readDataFile(file).split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (lines.length !== count) {
    throw new Error(`${fileURLToPath(file)} has ${lines.length} lines for ${count} routes: generate it again (design-first update)`);
  }
  return lines;
}

function readDataFile(file: URL): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new Error(
      `${fileURLToPath(file)} is missing: \`npm run build\` copies the route tables from src/generated/ beside the compiled modules (tsc alone does not)`,
    );
  }
}
