/**
 * Reads a version's route table (src/generated/<version>/operations.ts calls
 * this): data files that design-first writes beside that module, parsed as
 * JSON, so that no blueprint value is ever parsed as code.
 *
 * - routes.json: the routes, read when the service starts. As a JSON text
 *   inside the module, GitHub's 7.8 MB table took twice as long to import as
 *   its data takes to read and parse from files.
 * - definitions.jsonl: the shared definitions (components), one JSON line
 *   each: `["request" | "response", name, schema]`. 85% of GitHub's table,
 *   and a route needs only those it refers to: the file is read when a
 *   definition is first looked at, and each parsed when first used
 *   (`$defs[name]` is a getter): the request definitions all at the first
 *   validation (AJV takes them all), a response definition when an answer
 *   first needs it.
 * - mock-bodies.jsonl: each route's mock answer body, one JSON line per route,
 *   in the routes' order; read when a mock answer is first needed, each line
 *   parsed when its route first answers with it (`route.mock.body` is a getter).
 *
 * Once the service listens, everything not yet parsed is parsed in the
 * background (handler-loading.ts) and /health/ready waits for that (its
 * `routeData` check), so that a broken file shows before traffic does.
 *
 * From src/ (tsx) the files are read where they are; `npm run build` copies
 * them beside the compiled modules in dist/ (tsc leaves data files out).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Definitions, JsonSchema, RouteSpec } from './route-contract.js';

export interface RouteData {
  routes: RouteSpec[];
  definitions: { request: Definitions; response: Definitions };
}

/** The route table in `folder` (the generated version's folder, as a file: URL ending in `/`). */
export function readRouteData(folder: URL): RouteData {
  const table = JSON.parse(readDataFile(new URL('routes.json', folder))) as { definitionIds: Record<'request' | 'response', string>; routes: RouteSpec[] };
  const body = lazyLines(new URL('mock-bodies.jsonl', folder), table.routes.length);
  table.routes.forEach((route, index) => {
    const mock = route.mock;
    // Parsed once, then a plain value: a route answering its mock reads no getter and no cache per request.
    Object.defineProperty(mock, 'body', {
      enumerable: true,
      configurable: true,
      get: () => {
        const value = body(index);
        Object.defineProperty(mock, 'body', { value, enumerable: true, configurable: true, writable: true });
        return value;
      },
    });
  });
  return { routes: table.routes, definitions: readDefinitions(new URL('definitions.jsonl', folder), table.definitionIds) };
}

/** A line's direction and definition name, read without parsing the definition: a JSON string is quotes around non-quotes and escapes. */
const DEFINITION_HEAD = /^\["(request|response)",("(?:[^"\\]|\\.)*"),/;

function readDefinitions(file: URL, ids: Record<'request' | 'response', string>): RouteData['definitions'] {
  const $defs: Record<'request' | 'response', Record<string, JsonSchema>> = { request: {}, response: {} };
  const defineEach = () => {
    const lines = splitLines(file);
    const parsed: Array<JsonSchema | undefined> = [];
    lines.forEach((line, index) => {
      const head = DEFINITION_HEAD.exec(line);
      if (head === null) throw new Error(`${fileURLToPath(file)}, line ${index + 1}: not a definition: generate it again (design-first update)`);
      const name = JSON.parse(head[2]!) as string;
      // A getter that keeps what it parsed: turning itself into a plain value instead made V8 rebuild the
      // object's layout each time (GitHub's 582 request definitions took 0.6 s, their parsing 0.03 s).
      Object.defineProperty($defs[head[1] as 'request' | 'response'], name, {
        enumerable: true,
        configurable: true,
        get: () => (parsed[index] ??= (parseLine(file, lines, index) as unknown[])[2] as JsonSchema),
      });
    });
  };
  // A file that cannot be read, or has a line that is not a definition, fails every look the same way without being read again.
  const fill = once(defineEach);
  return {
    request: { $id: ids.request, $defs: filledOnFirstLook($defs.request, fill) },
    response: { $id: ids.response, $defs: filledOnFirstLook($defs.response, fill) },
  };
}

/**
 * `target` seen through a proxy that calls `fill` before anything looks at it
 * (a property, its keys, its prototype...): the definitions file (4.3 MB for
 * GitHub, a fortieth of a second to read and split) is read when a route first
 * needs a definition, not at start. What the service keeps after compiling a
 * validator or serialiser never goes through it again.
 */
function filledOnFirstLook<T extends object>(target: T, fill: () => void): T {
  const handler: ProxyHandler<T> = {};
  for (const trap of Object.getOwnPropertyNames(Reflect) as Array<keyof typeof Reflect & keyof ProxyHandler<T>>) {
    const reflect = Reflect[trap] as (...args: unknown[]) => unknown;
    (handler as Record<string, unknown>)[trap] = (...args: unknown[]) => {
      fill();
      return reflect(...args);
    };
  }
  return new Proxy(target, handler);
}

/** The value on line `index` (from 0) of a file of `count` lines, parsed at each call (the caller keeps it): the file is read at the first call. */
function lazyLines(file: URL, count: number): (index: number) => unknown {
  // A file that cannot be read fails every call the same way, without being read again.
  const lines = once(() => splitLines(file, count));
  return (index) => parseLine(file, lines(), index);
}

/** `load`'s outcome, worked out at the first call: later calls return the same value, or throw the same failure. */
function once<T>(load: () => T): () => T {
  let outcome: { value: T } | { failure: unknown } | undefined;
  return () => {
    if (outcome === undefined) {
      try {
        outcome = { value: load() };
      } catch (failure) {
        outcome = { failure };
      }
    }
    if ('failure' in outcome) throw outcome.failure;
    return outcome.value;
  };
}

function parseLine(file: URL, lines: readonly string[], index: number): unknown {
  try {
    return JSON.parse(lines[index]!) as unknown;
  } catch (error) {
    throw new Error(`${fileURLToPath(file)}, line ${index + 1}: ${(error as Error).message}: generate it again (design-first update)`, { cause: error });
  }
}

function splitLines(file: URL, count?: number): string[] {
  const lines = readDataFile(file).split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (count !== undefined && lines.length !== count) {
    throw new Error(`${fileURLToPath(file)} has ${lines.length} lines for ${count} routes: generate it again (design-first update)`);
  }
  return lines;
}

/** A data file not beside its module: the service was built with tsc alone, not `npm run build`. */
export class RouteDataMissing extends Error {
  override name = 'RouteDataMissing';
}

function readDataFile(file: URL): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new RouteDataMissing(
      `${fileURLToPath(file)} is missing: \`npm run build\` copies the route tables from src/generated/ beside the compiled modules (tsc alone does not)`,
      { cause: error },
    );
  }
}
