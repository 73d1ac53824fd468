/**
 * `design-first client --generator typescript`, through the built CLI
 * (`bin/design-first.js`): a TypeScript client package per version, made
 * without Java. Generated for the pets service (v1 and v2) into a folder
 * outside the repository, it installs from the npm registry, type-checks,
 * passes its own tests (every operation against a mock of the API, and its
 * failures), builds to plain JavaScript, its README's example type-checks
 * against it, and then it calls the real generated service (installed, built
 * and started in mock mode) with a token from a local token endpoint.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { freePort, installServiceShared, packedTool, repoRoot, run } from '../generate/helpers.js';
import { startIdentityProvider, type LocalIdentityProvider } from './identity-provider.js';
import { asBuilt, startOn, type Running } from './services.js';

/** The built package as this test uses it (its own types are checked by its typecheck). */
interface BuiltPackage {
  createClient(options: Record<string, unknown>): {
    listPets(request: { query?: { page?: number } }): Promise<{ status: number }>;
    getPet(request: { params: { petId: string } }): Promise<{ status: number }>;
    createPet(request: { body: { Name: string; Species: string } }): Promise<{ status: number }>;
  };
  ApiError: new (...args: never[]) => Error & { failure: string; status: number | null };
}

const cli = path.join(repoRoot, 'bin/design-first.js');
const designFirst = (args: string[], cwd: string) => run(process.execPath, [cli, ...args], cwd, { NO_COLOR: '1' });
const npm = (folder: string, ...args: string[]) =>
  run('npm', args, folder, { npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' }, 480_000);

let folder = '';
let service = '';
let out = '';
let started: Running | undefined;
let idp: LocalIdentityProvider | undefined;

before(async () => {
  // Outside the repository, so that the installs are real and nothing resolves from design-first's own node_modules.
  folder = await mkdtemp(path.join(os.tmpdir(), 'df-client-'));
  service = path.join(folder, 'service');
  out = path.join(folder, 'clients');
  const made = await designFirst(
    ['new', path.join(repoRoot, 'examples/pets/pets-v1.yaml'), path.join(repoRoot, 'examples/pets/pets-v2.yaml'), '--out', service],
    folder,
  );
  assert.equal(made.code, 0, made.stdout + made.stderr);
});

after(async () => {
  await started?.stop();
  await idp?.close();
  await rm(folder, { recursive: true, force: true });
});

const generate = (...args: string[]) => designFirst(['client', '--generator', 'typescript', '--dir', service, '--out', out, ...args], folder);

test('one package per version, with no Java, named after the service', async () => {
  const result = await generate();
  assert.equal(result.code, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /^v1: typescript client package in .*v1\/typescript \(\d+ files\)/m);
  assert.match(result.stdout, /^v2: typescript client package in .*v2\/typescript \(\d+ files\)/m);
  const manifest = JSON.parse(await readFile(path.join(out, 'v1/typescript/package.json'), 'utf8')) as {
    name: string;
    version: string;
    dependencies: Record<string, string>;
  };
  assert.equal(manifest.name, 'pets-api-client');
  assert.equal(manifest.version, '1.2.0');
  assert.deepEqual(Object.keys(manifest.dependencies).sort(), ['@opentelemetry/api', 'cockatiel', 'oauth4webapi', 'openapi-fetch']);
  assert.deepEqual((await readdir(path.join(out, 'v1/typescript/src/runtime'))).sort(), [
    'attempt.ts',
    'call-contract.ts',
    'call-settings.ts',
    'call.ts',
    'errors.ts',
    'resilience.ts',
    'tokens.ts',
  ]);
});

test('the package installs, type-checks, passes its own tests and builds', { timeout: 600_000 }, async () => {
  const folder = path.join(out, 'v1/typescript');
  const install = await npm(folder, 'install');
  assert.equal(install.code, 0, install.stdout + install.stderr);
  const typecheck = await npm(folder, 'run', 'typecheck');
  assert.equal(typecheck.code, 0, typecheck.stdout + typecheck.stderr);
  const tests = await npm(folder, 'test');
  assert.equal(tests.code, 0, tests.stdout.slice(-4000) + tests.stderr.slice(-2000));
  // Node 20 reports TAP to a pipe, Node 22 and 24 their spec reporter: either way, four passed and none failed.
  assert.match(tests.stdout, /^(# |ℹ )pass 4$/m);
  assert.match(tests.stdout, /^(# |ℹ )fail 0$/m);
  const build = await npm(folder, 'run', 'build');
  assert.equal(build.code, 0, build.stdout + build.stderr);
  assert.ok((await readdir(path.join(folder, 'dist/src'))).includes('index.d.ts'));
});

test("the README's example type-checks against the built package, imported by its name", { timeout: 120_000 }, async () => {
  const folder = path.join(out, 'v1/typescript');
  const readme = await readFile(path.join(folder, 'README.md'), 'utf8');
  const example = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(example, readme);
  assert.match(example, /from ['"]pets-api-client['"];/);
  await writeFile(path.join(folder, 'readme-example.ts'), example);
  await writeFile(path.join(folder, 'tsconfig.readme.json'), JSON.stringify({ extends: './tsconfig.json', include: ['readme-example.ts'] }));
  const checked = await run(path.join(folder, 'node_modules/.bin/tsc'), ['--noEmit', '-p', 'tsconfig.readme.json'], folder);
  assert.equal(checked.code, 0, checked.stdout + checked.stderr + example);
});

test('the built package calls the real service (mock mode), with a token it fetched once', { timeout: 600_000 }, async () => {
  // The service pins the tool that made it, which is not on the registry: installed from the packed tool (shared, see helpers.ts).
  const install = await installServiceShared(service, await packedTool());
  assert.equal(install.code, 0, install.stdout + install.stderr.slice(-3000));
  const build = await npm(service, 'run', 'build');
  assert.equal(build.code, 0, build.stdout + build.stderr.slice(-3000));
  idp = await startIdentityProvider({ consumer: 'consumer-secret' });
  started = await startOn(service, await freePort(), { AUTH_MODE: 'mock' }, asBuilt);
  const entry = pathToFileURL(path.join(out, 'v1/typescript/dist/src/index.js')).href;
  const { createClient, ApiError } = (await import(entry)) as BuiltPackage;
  const api = createClient({
    baseUrl: `${started.url}/v1`,
    clientCredentials: { tokenUrl: idp.tokenUrl, clientId: 'consumer', clientSecret: 'consumer-secret', scope: 'pets.read' },
  });
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
    createClient({
      baseUrl: `${started.url}/nowhere`,
      retries: 0,
      clientCredentials: { tokenUrl: idp.tokenUrl, clientId: 'consumer', clientSecret: 'consumer-secret' },
    }).listPets({}),
    (error: unknown) => error instanceof ApiError && error.failure === 'status' && error.status === 404,
  );
});

test('OpenAPI Generator options are refused with --generator typescript, and an existing package is kept without --force', async () => {
  const before = await readFile(path.join(out, 'v1/typescript/package.json'), 'utf8');
  for (const options of [
    ['--jar', '/x.jar'],
    ['--property', 'a=b'],
    ['--', '--skip-validate-spec'],
  ]) {
    const refused = await generate('--force', ...options);
    assert.equal(refused.code, 2, refused.stdout + refused.stderr);
    assert.equal(refused.stderr.trim().split('\n').length, 1, refused.stderr);
    assert.match(refused.stderr, /OpenAPI Generator.*\[DF_ERR_USAGE\]/);
  }
  const kept = await generate();
  assert.equal(kept.code, 2, kept.stdout + kept.stderr);
  assert.match(kept.stderr, /\[DF_ERR_CLIENT_OUT_NOT_EMPTY\]/);
  assert.equal(await readFile(path.join(out, 'v1/typescript/package.json'), 'utf8'), before);
  const forced = await generate('--force', '--version', 'v2');
  assert.equal(forced.code, 0, forced.stdout + forced.stderr);
  assert.match(forced.stdout, /^v2: typescript client package/m);
  assert.doesNotMatch(forced.stdout, /^v1:/m);
});
