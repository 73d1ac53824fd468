/**
 * Scenarios: the team's own data for the contract tests, one file per
 * operation in test/scenarios/<version>/<resource>/<operation>.ts. design-first
 * creates each file once, with no requests, and never overwrites it.
 *
 * An operation without requests is called once with the blueprint's sample
 * request. With requests, each is sent in turn (after `seed`, when given), its
 * status must be one it `expect`s, and every answer must be one the blueprint
 * declares (contract-check.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';

type Scalar = string | number | boolean;

/** A handler's type, as the version's Handlers interface declares it (src/generated/<version>/handlers.ts). */
type AnyHandler = (request: never, context: never) => Promise<{ status: number }>;
type RequestOf<Handler extends AnyHandler> = Parameters<Handler>[0] & {
  params: object;
  query: object;
  body?: unknown;
};
type StatusOf<Handler extends AnyHandler> = Awaited<ReturnType<Handler>>['status'];

/** One request to send. Anything left out comes from the blueprint's sample request. */
export interface ScenarioRequest<Handler extends AnyHandler> {
  /** What this request shows; it names the test. */
  name: string;
  /** Path parameter values, by the blueprint's names. */
  params?: { [K in keyof RequestOf<Handler>['params']]?: Scalar };
  /** Query parameters, added to the sample's; `undefined` leaves one of the sample's out. */
  query?: { [K in keyof RequestOf<Handler>['query']]?: Scalar | Scalar[] | undefined } & Record<
    string,
    Scalar | Scalar[] | undefined
  >;
  /** Request headers, added to the sample's; `undefined` leaves one of the sample's out. */
  headers?: Record<string, string | undefined>;
  /** The body, sent as the sample's media type (JSON when the sample has none). */
  body?: RequestOf<Handler>['body'];
  /** Instead of `body`: exactly these bytes, for requests the blueprint does not allow. */
  rawBody?: { payload: string; contentType: string };
  /** The status (or statuses) this request must answer with; each must be one the blueprint declares. Without it, any declared status but a 5xx. */
  expect?: StatusOf<Handler> | Array<StatusOf<Handler>>;
}

export interface ScenarioApi {
  /** The service under test: `app.inject({ method, url, payload })` calls it without a network. */
  app: FastifyInstance;
  /** The version's URL prefix, such as `/v1`. */
  prefix: string;
}

/**
 * The scenarios of one operation: `Scenarios<Handlers['getPet']>`, or
 * `Scenarios<Handlers['getPet'], { id: string }>` when `seed` returns what the requests need.
 */
export interface Scenarios<Handler extends AnyHandler, Seeded = undefined> {
  /** Runs once, before this operation's requests: put the data they need in place (through the API, or your own store). */
  seed?: (api: ScenarioApi) => Promise<Seeded> | Seeded;
  /** The requests to send; a function receives what `seed` returned. None: the blueprint's sample request, any declared status. */
  requests: Array<ScenarioRequest<Handler>> | ((seeded: Seeded) => Array<ScenarioRequest<Handler>>);
}

export type AnyScenarios = Scenarios<AnyHandler, unknown>;
export type AnyScenarioRequest = ScenarioRequest<AnyHandler>;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The scenarios of an operation, or undefined when there are none to run: no
 * file, or the file exactly as design-first created it (not even imported).
 */
export async function loadScenarios(file: string): Promise<AnyScenarios | undefined> {
  const absolute = path.join(root, file);
  if (!existsSync(absolute) || asGenerated(file)) return undefined;
  const loaded = ((await import(pathToFileURL(absolute).href)) as { default?: unknown }).default;
  const value = loaded as Partial<AnyScenarios> | undefined;
  if (
    !value ||
    typeof value !== 'object' ||
    !(Array.isArray(value.requests) || typeof value.requests === 'function')
  ) {
    throw new Error(
      `${file}: the default export must be { requests: [...] } or { seed, requests: (seeded) => [...] }`,
    );
  }
  if (value.seed !== undefined && typeof value.seed !== 'function')
    throw new Error(`${file}: seed must be a function`);
  return value as AnyScenarios;
}

/**
 * Whether a team file is still exactly what design-first wrote, by the hash
 * its manifest records (a checkout that made line ends CRLF changes nothing).
 * A handler in that state is the mock stub, which must answer its mock.
 */
export function asGenerated(file: string): boolean {
  const recorded = manifestHashes()[file];
  const absolute = path.join(root, file);
  if (!recorded || !existsSync(absolute)) return false;
  const content = readFileSync(absolute);
  const hash = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
  return (
    hash(content) === recorded || hash(content.toString('utf8').replace(/\r\n/g, '\n')) === recorded
  );
}

let hashes: Record<string, string> | undefined;

function manifestHashes(): Record<string, string> {
  if (hashes) return hashes;
  hashes = {};
  const manifest = path.join(root, '.design-first/manifest.json');
  if (!existsSync(manifest)) return hashes;
  const files =
    (JSON.parse(readFileSync(manifest, 'utf8')) as { files?: Record<string, { hash?: unknown }> })
      .files ?? {};
  for (const [name, entry] of Object.entries(files))
    if (typeof entry.hash === 'string') hashes[name] = entry.hash;
  return hashes;
}
