/**
 * End to end, as a team would, on day one and day two: generate the pets
 * service (secured) into a folder outside this repository and install it for
 * real, with design-first pinned in its devDependencies (helpers.ts says how,
 * while the package is not on the registry). Then: no engine warning, its tests
 * and lint pass, `update --check` is the drift gate, `npm run dev` and
 * `npm start` run as the README says; a team replaces two handlers with real
 * code and adds a scenario, and the contract tests still pass, until a handler
 * answers what the blueprint does not declare.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse } from 'yaml';
import { runNew } from '../../src/cli/commands/new.js';
import { findCompiler } from '../../src/update/typecheck.js';
import { captureIo, freePort, installService, packedTool, repoRoot, run } from './helpers.js';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const folder = await mkdtemp(path.join(os.tmpdir(), 'design-first-e2e-'));
const service = path.join(folder, 'pets');
const started: ChildProcess[] = [];
after(async () => {
  for (const child of started) stop(child);
  await rm(folder, { recursive: true, force: true });
});

const write = async (file: string, text: string) => {
  await mkdir(path.dirname(path.join(service, file)), { recursive: true });
  await writeFile(path.join(service, file), text);
};

/** A command in its own process group, so that it and everything it starts can be stopped together. */
function start(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess & { output: () => string } {
  const { NODE_TEST_CONTEXT: _nested, ...inherited } = process.env;
  const child = spawn(command, args, { cwd: service, env: { ...inherited, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  started.push(child);
  return Object.assign(child, { output: () => output });
}

function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

async function waitFor(url: string, child: ChildProcess & { output: () => string }, deadline = Date.now() + 60_000): Promise<Response> {
  for (;;) {
    try {
      return await fetch(url);
    } catch (error) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${url} did not answer: ${String(error)}\n${child.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve)));

before(async () => {
  const io = captureIo();
  assert.equal(await runNew({ blueprints: ['examples/pets/pets-v1.yaml'], out: service, cwd: repoRoot }, io), 0, io.err.join('\n'));
  assert.match(io.out.join('\n'), /^next: npm run dev +\(mock auth/m, 'new says how to run a secured service locally');
  assert.match(io.out.join('\n'), /^next: for production, set AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE as \.env\.example describes, then npm start/m);
});

describe('a generated service, installed', { timeout: 900_000 }, () => {
  test('installs with design-first pinned at the generating version, and no engine warning', async () => {
    const manifest = JSON.parse(await readFile(path.join(service, 'package.json'), 'utf8'));
    const ours = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8'));
    assert.equal(manifest.devDependencies['generator-design-first'], ours.version);
    const installed = await installService(service, await packedTool());
    assert.equal(installed.code, 0, installed.stderr.slice(-3000));
    assert.doesNotMatch(installed.stdout + installed.stderr, /EBADENGINE/, 'npm warned about an engine');
    assert.deepEqual(JSON.parse(await readFile(path.join(service, 'package.json'), 'utf8')), manifest, 'package.json is as generated');
    // `npx design-first` in the service is the pinned one, and TypeScript 7 is the service's compiler.
    const version = await run(npm, ['exec', '--', 'design-first', '--version'], service);
    assert.equal(version.stdout.trim(), ours.version);
    assert.equal(findCompiler(service), path.join(service, 'node_modules/@typescript/native/bin/tsc'));
  });

  test('npm test, npm run lint and npm run typecheck pass with no edits', async () => {
    const tests = await run(npm, ['test'], service);
    assert.equal(tests.code, 0, tests.stdout.slice(-3000));
    assert.match(tests.stdout, /# fail 0/);
    const lint = await run(npm, ['run', 'lint'], service);
    assert.equal(lint.code, 0, lint.stdout + lint.stderr);
    assert.match(lint.stdout, /All matched files use Prettier code style!/);
    const typecheck = await run(npm, ['run', 'typecheck'], service);
    assert.equal(typecheck.code, 0, typecheck.stdout);
  });

  test('design-first update --check: 0 in step, 1 after a hand edit to src/generated/, 0 once restored', async () => {
    const check = () => run(npm, ['run', 'api:check'], service);
    assert.equal((await check()).code, 0);
    const file = path.join(service, 'src/generated/v1/types.ts');
    const original = await readFile(file, 'utf8');
    await writeFile(file, `${original}\nexport type Extra = string;\n`);
    const drifted = await check();
    assert.equal(drifted.code, 1);
    assert.match(drifted.stdout, /drift +src\/generated\/v1\/types\.ts: edited by hand/);
    await writeFile(file, original);
    assert.equal((await check()).code, 0);
  });

  test('npm run dev serves the secured operations with mock auth and readable logs', async () => {
    const port = await freePort();
    const dev = start(npm, ['run', 'dev'], { PORT: String(port), HOST: '127.0.0.1' });
    try {
      const live = await waitFor(`http://127.0.0.1:${port}/health/live`, dev);
      assert.equal(live.status, 200);
      const pets = await fetch(`http://127.0.0.1:${port}/v1/pets`);
      assert.equal(pets.status, 200, 'a secured operation answers without credentials');
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.match(dev.output(), /WARN.*AUTH_MODE=mock/, 'pino-pretty prints the level by name');
      assert.doesNotMatch(dev.output(), /^\{"level"/m, 'no raw JSON log lines');
    } finally {
      stop(dev);
    }
  });

  test('npm start refuses to run a secured service without credentials, and runs with .env', async () => {
    const refused = await run(npm, ['start'], service, { PORT: String(await freePort()) });
    assert.equal(refused.code, 78);
    assert.match(refused.stderr, /configuration error: AUTH_JWKS_URL, AUTH_ISSUER and AUTH_AUDIENCE are not set/);

    await copyFile(path.join(service, '.env.example'), path.join(service, '.env'));
    const port = await freePort();
    const server = start(process.execPath, ['dist/src/server.js'], { PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' });
    try {
      const base = `http://127.0.0.1:${port}`;
      assert.equal((await waitFor(`${base}/health/live`, server)).status, 200);
      assert.equal((await (await fetch(`${base}/v1/openapi.json`)).json()).info.title, 'Pets API');
      assert.match(await (await fetch(`${base}/v1/docs`)).text(), /swagger-ui/);
      const body = await (await fetch(`${base}/v1/pets`)).json();
      assert.equal(body.Pets[0].Name, 'Tibbles');
      const invalid = await fetch(`${base}/v1/pets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ Name: '', Species: 'dragon', Extra: 1 }),
      });
      assert.equal(invalid.status, 400);
      assert.match(invalid.headers.get('content-type') ?? '', /application\/problem\+json/);
      const problem = await invalid.json();
      assert.deepEqual(problem.errors.map((e: { pointer: string }) => e.pointer).sort(), ['/Extra', '/Name', '/Species']);
      assert.doesNotMatch(JSON.stringify(problem), /ajv|fastify|node_modules|at \//i);
      // Graceful shutdown on SIGTERM: the process exits 0.
      process.kill(server.pid!, 'SIGTERM');
      assert.equal(await exited(server), 0, server.output());
    } finally {
      stop(server);
      await rm(path.join(service, '.env'));
    }
  });

  test("the CI design job's lint step, as the workflow writes it, runs the pinned design-first and writes SARIF", async () => {
    const workflow = parse(await readFile(path.join(service, '.github/workflows/ci.yml'), 'utf8')) as { jobs: { design: { steps: Array<{ run?: string }> } } };
    const step = workflow.jobs.design.steps.find((entry) => entry.run?.includes('design-first lint'))!;
    const linted = await run('bash', ['-e', '-c', step.run!], service);
    assert.equal(linted.code, 0, linted.stderr);
    const sarif = JSON.parse(await readFile(path.join(service, 'design-first.sarif'), 'utf8'));
    assert.equal(sarif.runs[0].tool.driver.name, 'design-first');
    await rm(path.join(service, 'design-first.sarif'));
  });

  test('what the Dockerfile builds runs: production dependencies only, the compiled service and its blueprints, the health check passing', async () => {
    const dockerfile = await readFile(path.join(service, 'Dockerfile'), 'utf8');
    // The runtime stage's COPY lines: what the image holds besides node_modules.
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    assert.deepEqual(
      [...runtime.matchAll(/^COPY (?:--from=build \/app\/)?(\S+) /gm)].map((match) => match[1]),
      ['package.json', 'dist', 'blueprints'],
    );
    const built = await run(npm, ['run', 'build'], service);
    assert.equal(built.code, 0, built.stdout);
    const image = path.join(folder, 'image');
    await mkdir(image);
    for (const entry of ['dist', 'blueprints']) await cp(path.join(service, entry), path.join(image, entry), { recursive: true });
    // npm ci --omit=dev installs the locked production tree; without a lock here (the pinned design-first is not on the
    // registry, see installService), the devDependencies are left out of package.json so npm never resolves them.
    const { devDependencies: _dev, ...production } = JSON.parse(await readFile(path.join(service, 'package.json'), 'utf8'));
    await writeFile(path.join(image, 'package.json'), JSON.stringify(production, null, 2));
    const installed = await run(npm, ['install', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline'], image, {}, 480_000);
    assert.equal(installed.code, 0, installed.stderr.slice(-3000));

    const port = await freePort();
    const env = {
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      AUTH_JWKS_URL: `http://127.0.0.1:${await freePort()}/keys`,
      AUTH_ISSUER: 'https://issuer.example',
      AUTH_AUDIENCE: 'api://pets',
    };
    const { NODE_TEST_CONTEXT: _nested, ...inherited } = process.env;
    const server = spawn(process.execPath, ['dist/src/server.js'], {
      cwd: image,
      env: { ...inherited, ...env },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    server.stdout.on('data', (chunk) => (output += chunk));
    server.stderr.on('data', (chunk) => (output += chunk));
    started.push(server);
    try {
      const base = `http://127.0.0.1:${port}`;
      assert.equal((await waitFor(`${base}/health/live`, Object.assign(server, { output: () => output }))).status, 200);
      assert.equal((await fetch(`${base}/v1/pets`)).status, 401, 'credentials are verified in production');
      assert.equal((await (await fetch(`${base}/v1/openapi.json`)).json()).info.title, 'Pets API', 'the blueprint is served from the image');
      // The image's HEALTHCHECK command, exactly as Docker would run it.
      const healthcheck = JSON.parse(/^\s*CMD (\[.*\])$/m.exec(runtime.slice(runtime.indexOf('HEALTHCHECK')))![1]!) as string[];
      assert.equal(healthcheck[0], 'node');
      assert.equal((await run(process.execPath, healthcheck.slice(1), image, { PORT: String(port) })).code, 0, output);
      assert.equal(
        (await run(process.execPath, healthcheck.slice(1), image, { PORT: String(await freePort()) })).code,
        1,
        'the check fails when nothing answers',
      );
    } finally {
      stop(server);
    }
  });

  test('two real handlers and a scenario: the contract tests pass; an undeclared property type or status fails them, naming the operation', async () => {
    await write('src/handlers/v1/pets/store.ts', STORE);
    await write('src/handlers/v1/pets/createPet.ts', CREATE_PET);
    await write('src/handlers/v1/pets/getPet.ts', GET_PET);
    await write('test/scenarios/v1/pets/getPet.ts', GET_PET_SCENARIO);
    const typecheck = await run(npm, ['run', 'typecheck'], service);
    assert.equal(typecheck.code, 0, typecheck.stdout);
    const passing = await run(npm, ['test'], service);
    assert.equal(passing.code, 0, passing.stdout.slice(-3000));
    assert.match(passing.stdout, /ok \d+ - a pet that exists/);
    assert.match(passing.stdout, /ok \d+ - an unknown pet/);
    assert.equal((await run(npm, ['run', 'lint'], service)).code, 0, 'the team code passes lint too');
    // The team's code is not drift; and update keeps it, and type-checks the service with its own TypeScript.
    assert.equal((await run(npm, ['run', 'api:check'], service)).code, 0);
    const updated = await run(npm, ['run', 'api:update'], service);
    assert.equal(updated.code, 0, updated.stdout + updated.stderr);
    assert.match(updated.stdout, /type-check: the service compiles/);
    assert.equal(await readFile(path.join(service, 'src/handlers/v1/pets/getPet.ts'), 'utf8'), GET_PET);

    // A property of the wrong type (past the compiler, as a cast or `any` gets it).
    await write('src/handlers/v1/pets/getPet.ts', GET_PET.replace('body: pet', 'body: { ...pet, Name: 42 as unknown as string }'));
    const wrongType = await run(npm, ['test'], service);
    assert.equal(wrongType.code, 1);
    assert.match(
      wrongType.stdout,
      /operation getPet \(v1 GET \/pets\/\{petId\}\) answered 200 with a body the blueprint does not allow: \/Name must be string \(#\/paths\/~1pets~1\{petId\}\/get\/responses\/200\/content\/application~1json\/schema\)/,
    );

    // A status the blueprint does not declare.
    await write('src/handlers/v1/pets/getPet.ts', GET_PET.replace('status: 200', 'status: 418 as 200'));
    const wrongStatus = await run(npm, ['test'], service);
    assert.equal(wrongStatus.code, 1);
    assert.match(wrongStatus.stdout, /operation getPet, "a pet that exists": answered 418, expected 200/);

    await write('src/handlers/v1/pets/getPet.ts', GET_PET);
  });
});

const STORE = `import type { Pet } from '../../../generated/v1/types.js';

/** The pets, in memory: enough for the contract tests. */
export const pets = new Map<string, Pet>();
`;

const CREATE_PET = `import { randomUUID } from 'node:crypto';
import type { Handlers } from '../../../generated/v1/handlers.js';
import { pets } from './store.js';

export const createPet: Handlers['createPet'] = async (request) => {
  const pet = { ...request.body, Id: randomUUID(), RegisteredAt: new Date().toISOString() };
  pets.set(pet.Id, pet);
  return { status: 201, body: pet };
};
`;

const GET_PET = `import type { Handlers } from '../../../generated/v1/handlers.js';
import { problem } from '../../../platform/problem.js';
import { pets } from './store.js';

export const getPet: Handlers['getPet'] = async (request) => {
  const pet = pets.get(request.params.petId);
  if (!pet) throw problem(404, \`There is no pet \${request.params.petId}.\`);
  return { status: 200, body: pet };
};
`;

const GET_PET_SCENARIO = `import type { Handlers } from '../../../../src/generated/v1/handlers.js';
import type { Scenarios } from '../../../scenario.js';

const scenarios: Scenarios<Handlers['getPet'], { id: string }> = {
  seed: async ({ app, prefix }) => {
    const created = await app.inject({
      method: 'POST',
      url: \`\${prefix}/pets\`,
      payload: { Name: 'Rex', Species: 'dog' },
    });
    return { id: created.json().Id };
  },
  requests: ({ id }) => [
    { name: 'a pet that exists', params: { petId: id }, expect: 200 },
    {
      name: 'an unknown pet',
      params: { petId: '00000000-0000-4000-8000-000000000000' },
      expect: 404,
    },
  ],
};

export default scenarios;
`;
