/**
 * End to end, as a team would: generate the pets service into a folder outside
 * this repository, `npm install` it for real, run its tests, build it, start it
 * on a free loopback port and call it over HTTP.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { runNew } from '../../src/cli/commands/new.js';
import { freePort, captureIo, repoRoot, run } from './helpers.js';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const folder = await mkdtemp(path.join(os.tmpdir(), 'design-first-e2e-'));
after(() => rm(folder, { recursive: true, force: true }));


async function waitFor(url: string, deadline: number): Promise<Response> {
  for (;;) {
    try {
      return await fetch(url);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

test('generate, install, test, build, start and call the pets service', { timeout: 600_000 }, async () => {
  const service = path.join(folder, 'pets');
  const io = captureIo();
  assert.equal(await runNew({ blueprints: ['examples/pets/pets-v1.yaml'], out: service, cwd: repoRoot }, io), 0, io.err.join('\n'));

  const install = await run(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline'], service, {}, 480_000);
  assert.equal(install.code, 0, install.stderr.slice(-2000));
  const tests = await run(npm, ['test'], service);
  assert.equal(tests.code, 0, tests.stdout.slice(-2000));
  assert.match(tests.stdout, /# fail 0/);
  const build = await run(npm, ['run', 'build'], service);
  assert.equal(build.code, 0, build.stdout + build.stderr);

  const port = await freePort();
  const server = spawn('node', ['dist/src/server.js'], {
    cwd: service,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', AUTH_MODE: 'mock', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  server.stdout.on('data', (chunk) => (log += chunk));
  server.stderr.on('data', (chunk) => (log += chunk));
  try {
    const base = `http://127.0.0.1:${port}`;
    const live = await waitFor(`${base}/health/live`, Date.now() + 20_000);
    assert.equal(live.status, 200);

    const spec = await fetch(`${base}/v1/openapi.json`);
    assert.equal(spec.status, 200);
    assert.equal((await spec.json()).info.title, 'Pets API');

    const docs = await fetch(`${base}/v1/docs`);
    assert.equal(docs.status, 200);
    assert.match(await docs.text(), /swagger-ui/);

    const pets = await fetch(`${base}/v1/pets`);
    assert.equal(pets.status, 200);
    const body = await pets.json();
    assert.ok(Array.isArray(body.Pets), JSON.stringify(body));
    assert.equal(body.Pets[0].Name, 'Tibbles');

    const invalid = await fetch(`${base}/v1/pets`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ Name: '', Species: 'dragon', Extra: 1 }) });
    assert.equal(invalid.status, 400);
    assert.match(invalid.headers.get('content-type') ?? '', /application\/problem\+json/);
    const problem = await invalid.json();
    assert.deepEqual(problem.errors.map((e: { pointer: string }) => e.pointer).sort(), ['/Extra', '/Name', '/Species']);
    assert.doesNotMatch(JSON.stringify(problem), /ajv|fastify|node_modules|at \//i);

    // Graceful shutdown on SIGTERM: the process exits 0.
    const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    assert.equal(await exited, 0, log);
  } finally {
    server.kill('SIGKILL');
  }
});
