/**
 * Authentication in generated services, for real: the pets service (oauth2
 * client credentials with scopes), the apprenticeships service (subscription
 * key header) and a fixture with every way OpenAPI combines requirements.
 * Each service's own auth tests run against a JWKS on 127.0.0.1 (they mint
 * their tokens and keys); the fixture gets exact OR/AND tests copied in; and
 * the service is started as a process to prove it refuses to start without
 * configuration, naming the variable, and logs who called.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { before, test } from 'node:test';
import { runNew } from '../../src/cli/commands/new.js';
import { bin, captureIo, repoRoot, run, scratchFolder } from '../generate/helpers.js';

const fixtures = path.join(repoRoot, 'test/runtime/fixtures');
const services = { pets: '', apprenticeships: '', combinations: '' };

/** Every auth variable unset, so the environment running these tests cannot leak in. */
const NO_AUTH = {
  AUTH_MODE: '',
  AUTH_JWKS_URL: '',
  AUTH_ISSUER: '',
  AUTH_AUDIENCE: '',
  API_KEYS: '',
  API_KEYS_FILE: '',
  NODE_ENV: '',
  LOG_LEVEL: 'info',
  HOST: '127.0.0.1',
  PORT: '0',
};

before(async () => {
  const folder = await scratchFolder('auth');
  const generate = async (name: keyof typeof services, blueprints: string[], lint = true) => {
    const io = captureIo();
    const out = path.join(folder, name);
    assert.equal(await runNew({ blueprints, out, cwd: repoRoot, lint }, io), 0, io.err.join('\n'));
    services[name] = out;
  };
  await generate('pets', ['examples/pets/pets-v1.yaml', 'examples/pets/pets-v2.yaml']);
  await generate('apprenticeships', ['examples/apprenticeships/training-providers.yaml']);
  await generate('combinations', [path.join(fixtures, 'auth-combinations.yaml')], false);
  await copyFile(path.join(fixtures, 'combinations.service-test.ts'), path.join(services.combinations, 'test/combinations.test.ts'));
});

async function serviceTests(service: string, files: string[], minimumPassed: number) {
  const result = await run(bin('tsx'), ['--test', ...files], service, NO_AUTH);
  assert.equal(result.code, 0, result.stdout.slice(-4000) + result.stderr.slice(-2000));
  assert.match(result.stdout, /# fail 0/);
  const passed = Number(/# pass (\d+)/.exec(result.stdout)?.[1]);
  assert.ok(passed >= minimumPassed, `only ${passed} passed:\n${result.stdout.slice(-2000)}`);
}

test("pets (oauth2 client credentials, scopes): every refusal and every scope, in the service's own tests", { timeout: 120_000 }, async () => {
  await serviceTests(services.pets, ['test/auth.test.ts'], 45);
});

test('apprenticeships (subscription key header): keys per client, compared in constant time', { timeout: 120_000 }, async () => {
  await serviceTests(services.apprenticeships, ['test/auth.test.ts'], 10);
});

test('OR of AND-groups, security: [], the global requirement, unsupported schemes', { timeout: 120_000 }, async () => {
  await serviceTests(services.combinations, ['test/auth.test.ts', 'test/combinations.test.ts'], 55);
});

test('the generated services still type-check and their other tests pass', { timeout: 180_000 }, async () => {
  for (const service of Object.values(services)) {
    const typecheck = await run(bin('tsc'), ['--noEmit', '-p', '.'], service);
    assert.equal(typecheck.code, 0, typecheck.stdout);
  }
  await serviceTests(services.pets, ['test/contract.test.ts', 'test/platform.test.ts'], 10);
});

/** `tsx src/server.ts` with this environment: exit code and output, for a start that is refused. */
async function start(service: string, env: Record<string, string>) {
  return run(bin('tsx'), ['src/server.ts'], service, { ...NO_AUTH, ...env }, 60_000);
}

function oneLine(stderr: string, pattern: RegExp) {
  const lines = stderr.trim().split('\n');
  assert.equal(lines.length, 1, stderr);
  assert.match(lines[0]!, /^configuration error: /);
  assert.match(lines[0]!, pattern);
}

test('a service refuses to start without the configuration its blueprint needs, naming the variable (exit 78)', { timeout: 120_000 }, async () => {
  const pets = await start(services.pets, {});
  assert.equal(pets.code, 78, pets.stdout + pets.stderr);
  oneLine(
    pets.stderr,
    /AUTH_JWKS_URL, AUTH_ISSUER and AUTH_AUDIENCE are not set: security scheme clientCredentials \(v1, v2\) needs bearer token verification/,
  );

  const apprenticeships = await start(services.apprenticeships, {});
  assert.equal(apprenticeships.code, 78);
  oneLine(apprenticeships.stderr, /API_KEYS \(or API_KEYS_FILE\) is not set: security scheme subscriptionKey \(v1\) needs subscription keys per client/);

  const both = await start(services.combinations, {});
  assert.equal(both.code, 78);
  oneLine(both.stderr, /AUTH_JWKS_URL.*security schemes bearerToken \(v1\) and oauth \(v1\) need .*; API_KEYS .*partnerKey \(v1\) and secondKey \(v1\) need/);

  const partial = await start(services.pets, { AUTH_JWKS_URL: 'https://login.example.test/keys' });
  assert.equal(partial.code, 78);
  oneLine(partial.stderr, /AUTH_ISSUER and AUTH_AUDIENCE are not set/);

  // The subscription keys are configured, the bearer ones are not: still refused.
  const half = await start(services.combinations, { API_KEYS: `a=${'k'.repeat(32)}` });
  assert.equal(half.code, 78);
  oneLine(half.stderr, /AUTH_JWKS_URL/);
  assert.doesNotMatch(half.stderr, /k{32}/, 'a key never appears in a message');
});

test('AUTH_MODE=mock is refused when NODE_ENV=production (exit 78)', { timeout: 60_000 }, async () => {
  const result = await start(services.pets, { AUTH_MODE: 'mock', NODE_ENV: 'production' });
  assert.equal(result.code, 78, result.stdout + result.stderr);
  oneLine(result.stderr, /AUTH_MODE=mock is refused when NODE_ENV=production/);
});

/** Start a service that is expected to listen; resolves with its base URL and a way to stop it and read its log. */
async function listening(service: string, env: Record<string, string>) {
  const child = spawn(bin('tsx'), ['src/server.ts'], { cwd: service, env: { ...process.env, ...NO_AUTH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (chunk) => (log += chunk));
  child.stderr.on('data', (chunk) => (log += chunk));
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`did not start:\n${log}`)), 30_000);
    const check = () => {
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => reject(new Error(`exited ${code}:\n${log}`)));
  });
  return {
    base,
    log: () => log,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

test('a configured service starts, names what it cannot support, and logs the client of each call, never its key', { timeout: 60_000 }, async () => {
  const key = `k3y-${'x'.repeat(40)}`;
  const server = await listening(services.combinations, {
    AUTH_JWKS_URL: 'http://127.0.0.1:9/jwks.json',
    AUTH_ISSUER: 'https://issuer.test.invalid/',
    AUTH_AUDIENCE: 'api://combinations',
    API_KEYS: `partner-one=${key}`,
  });
  try {
    const answer = await fetch(`${server.base}/v1/global`, { headers: { 'x-partner-key': key } });
    assert.equal(answer.status, 200);
    const refused = await fetch(`${server.base}/v1/global`, { headers: { 'x-partner-key': 'not-the-key-at-all' } });
    assert.equal(refused.status, 401);
    assert.equal(refused.headers.get('www-authenticate'), 'ApiKey realm="api", header="X-Partner-Key"');
    assert.equal((await fetch(`${server.base}/v1/public`)).status, 200);
  } finally {
    await server.stop();
  }
  const lines = server
    .log()
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  const warning = lines.find((line) => /basicAuth/.test(String(line.msg)));
  assert.ok(warning, server.log());
  assert.equal(warning.level, 40);
  assert.deepEqual(warning.refusingEveryCall, ['getLegacy']);
  assert.ok(
    lines.some((line) => line.client === 'partner-one' && line.msg === 'request completed'),
    server.log(),
  );
  assert.ok(!server.log().includes(key), 'the key is never logged');
});

test('AUTH_MODE=mock starts with a loud warning and lets secured calls through', { timeout: 60_000 }, async () => {
  const server = await listening(services.pets, { AUTH_MODE: 'mock' });
  try {
    assert.equal((await fetch(`${server.base}/v1/pets`)).status, 200);
  } finally {
    await server.stop();
  }
  const warning = server
    .log()
    .split('\n')
    .find((line) => line.includes('AUTH_MODE=mock'));
  assert.ok(warning, server.log());
  assert.equal(JSON.parse(warning).level, 40);
});
