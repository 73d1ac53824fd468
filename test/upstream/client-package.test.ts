/**
 * `design-first client --generator typescript`: a TypeScript client package
 * per version, made without Java. Generated for the pets service (v1 and v2)
 * into a folder outside the repository, it installs from the npm registry,
 * type-checks, passes its own tests (every operation against a mock of the
 * API, and its failures), builds to plain JavaScript, and then calls the real
 * generated service, running in mock mode, with a token from a local token
 * endpoint.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { generateClients, systemClientDeps } from '../../src/client/generate-clients.js';
import { runNew } from '../../src/cli/commands/new.js';
import { captureIo, freePort, repoRoot, run, scratchFolder } from '../generate/helpers.js';
import { startIdentityProvider, type LocalIdentityProvider } from './identity-provider.js';
import { startOn, type Running } from './services.js';

/** The built package as this test uses it (its own types are checked by its typecheck). */
interface BuiltPackage {
  createClient(options: Record<string, unknown>): {
    listPets(request: { query?: { page?: number } }): Promise<{ status: number }>;
    getPet(request: { params: { petId: string } }): Promise<{ status: number }>;
    createPet(request: { body: { Name: string; Species: string } }): Promise<{ status: number }>;
  };
  ApiError: new (...args: never[]) => Error & { failure: string; status: number | null };
}

let service = '';
let out = '';
let started: Running | undefined;
let idp: LocalIdentityProvider | undefined;

before(async () => {
  service = path.join(await scratchFolder('client-package'), 'service');
  const io = captureIo();
  assert.equal(await runNew({ blueprints: ['examples/pets/pets-v1.yaml', 'examples/pets/pets-v2.yaml'], out: service, cwd: repoRoot }, io), 0, io.err.join('\n'));
  // Outside the repository, so that the install is real and nothing resolves from design-first's own node_modules.
  out = await mkdtemp(path.join(os.tmpdir(), 'df-client-'));
});

after(async () => {
  await started?.stop();
  await idp?.close();
  await rm(out, { recursive: true, force: true });
});

const generate = (options: Partial<Parameters<typeof generateClients>[0]> = {}) => {
  const io = captureIo();
  return { io, result: generateClients({ cwd: service, generator: 'typescript', out, ...options }, systemClientDeps(io)) };
};

test('one package per version, with no Java, named after the service', async () => {
  const { io, result } = generate();
  const clients = await result;
  assert.deepEqual(clients.map((client) => client.version), ['v1', 'v2']);
  assert.match(io.out.join('\n'), /v1: typescript client package in .*v1\/typescript \(\d+ files\)/);
  const manifest = JSON.parse(await readFile(path.join(out, 'v1/typescript/package.json'), 'utf8')) as { name: string; version: string; dependencies: Record<string, string> };
  assert.equal(manifest.name, 'pets-api-client');
  assert.equal(manifest.version, '1.2.0');
  assert.deepEqual(Object.keys(manifest.dependencies).sort(), ['@opentelemetry/api', 'cockatiel', 'oauth4webapi', 'openapi-fetch']);
  assert.deepEqual((await readdir(path.join(out, 'v1/typescript/src/runtime'))).sort(), ['call-contract.ts', 'call-settings.ts', 'call.ts', 'errors.ts', 'resilience.ts', 'tokens.ts']);
});

test('the package installs, type-checks, passes its own tests and builds', { timeout: 600_000 }, async () => {
  const folder = path.join(out, 'v1/typescript');
  const npm = (...args: string[]) => run('npm', args, folder, { npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' }, 480_000);
  const install = await npm('install');
  assert.equal(install.code, 0, install.stdout + install.stderr);
  const typecheck = await npm('run', 'typecheck');
  assert.equal(typecheck.code, 0, typecheck.stdout + typecheck.stderr);
  const tests = await npm('test');
  assert.equal(tests.code, 0, tests.stdout.slice(-4000) + tests.stderr.slice(-2000));
  // Node 20 reports TAP to a pipe, Node 22 and 24 their spec reporter: either way, four passed and none failed.
  assert.match(tests.stdout, /^(# |ℹ )pass 4$/m);
  assert.match(tests.stdout, /^(# |ℹ )fail 0$/m);
  const build = await npm('run', 'build');
  assert.equal(build.code, 0, build.stdout + build.stderr);
  assert.ok((await readdir(path.join(folder, 'dist/src'))).includes('index.d.ts'));
});

test('the built package calls the real service (mock mode), with a token it fetched once', { timeout: 120_000 }, async () => {
  idp = await startIdentityProvider({ consumer: 'consumer-secret' });
  started = await startOn(service, await freePort(), { AUTH_MODE: 'mock' });
  const entry = pathToFileURL(path.join(out, 'v1/typescript/dist/src/index.js')).href;
  const { createClient, ApiError } = (await import(entry)) as BuiltPackage;
  const api = createClient({ baseUrl: `${started.url}/v1`, clientCredentials: { tokenUrl: idp.tokenUrl, clientId: 'consumer', clientSecret: 'consumer-secret', scope: 'pets.read' } });
  const list = await api.listPets({ query: { page: 1 } });
  assert.equal(list.status, 200);
  const pet = await api.getPet({ params: { petId: '5b0a5e36-6a0c-4f0e-9d7c-2b0f8f1f3c11' } });
  assert.equal(pet.status, 200);
  const created = await api.createPet({ body: { Name: 'Tibbles', Species: 'cat' } });
  assert.equal(created.status, 201);
  assert.equal(idp.issued.length, 1);
  // The service refuses what the blueprint forbids; a declared 400 comes back typed, not thrown.
  const refused = await api.createPet({ body: { Name: 'Tibbles', Species: 'dragon' } as never });
  assert.equal(refused.status, 400);
  await assert.rejects(
    createClient({ baseUrl: `${started.url}/nowhere`, retries: 0, clientCredentials: { tokenUrl: idp.tokenUrl, clientId: 'consumer', clientSecret: 'consumer-secret' } }).listPets({}),
    (error: unknown) => error instanceof ApiError && error.failure === 'status' && error.status === 404,
  );
});

test('OpenAPI Generator options are refused with --generator typescript, and an existing package is kept without --force', async () => {
  for (const options of [{ jar: '/x.jar' }, { properties: ['a=b'] }, { extraArgs: ['--skip-validate-spec'] }]) {
    await assert.rejects(generate(options).result, /DF_ERR_USAGE|OpenAPI Generator/);
  }
  await assert.rejects(generate().result, (error: Error & { code?: string }) => error.code === 'DF_ERR_CLIENT_OUT_NOT_EMPTY');
  const forced = await generate({ force: true, versions: ['v2'] }).result;
  assert.equal(forced[0]!.version, 'v2');
});
