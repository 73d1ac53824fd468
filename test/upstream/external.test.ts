/**
 * An external upstream, for real: the training providers API (the
 * apprenticeships example, `x-audience: external`, secured with subscription
 * keys) as the inner, and an outer generated with
 * `--upstream providers=training-providers.yaml` whose handler calls it. Both
 * made by the built CLI outside the repository, `npm install`ed, built and
 * started with `node dist/src/server.js` on 127.0.0.1. The outer sends its
 * key (read from a file) in the scheme's header and asks no token endpoint;
 * the inner knows the outer by its key; a key the inner refuses is never
 * passed on as the caller's 401; a missing key stops the start.
 */
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { freePort, installServiceShared, packedTool, repoRoot, run } from '../generate/helpers.js';
import { ISSUER, startIdentityProvider, type LocalIdentityProvider } from './identity-provider.js';
import { asBuilt, fixture, metric, startOn, useHandler, type Running } from './services.js';

const KEY = 'placements-subscription-key-for-tests-only';
const cli = path.join(repoRoot, 'bin/design-first.js');
const designFirst = (args: string[], cwd: string) => run(process.execPath, [cli, ...args], cwd, { NO_COLOR: '1' });
const npm = (folder: string, ...args: string[]) =>
  run('npm', args, folder, { npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' }, 480_000);

let folder = '';
let outerDir = '';
let idp: LocalIdentityProvider;
let inner: Running;
let outer: Running;
let outerEnv: NodeJS.ProcessEnv;
let callerToken = '';

before(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'df-external-'));
  await copyFile(path.join(repoRoot, 'examples/apprenticeships/training-providers.yaml'), path.join(folder, 'training-providers.yaml'));
  await copyFile(fixture('placements.yaml'), path.join(folder, 'placements.yaml'));
  const innerDir = path.join(folder, 'providers');
  outerDir = path.join(folder, 'placements');
  const made = [
    await designFirst(['new', 'training-providers.yaml', '--out', 'providers'], folder),
    await designFirst(['new', 'placements.yaml', '--upstream', 'providers=training-providers.yaml', '--out', 'placements'], folder),
  ];
  for (const result of made) assert.equal(result.code, 0, result.stdout + result.stderr);
  await useHandler(outerDir, 'placements-get-placement.ts', 'placements/getPlacement');
  for (const service of [innerDir, outerDir]) {
    // The service pins the tool that made it, which is not on the registry: installed from the packed tool (shared, see helpers.ts).
    const install = await installServiceShared(service, await packedTool());
    assert.equal(install.code, 0, install.stdout + install.stderr.slice(-3000));
    const build = await npm(service, 'run', 'build');
    assert.equal(build.code, 0, build.stdout + build.stderr);
  }
  idp = await startIdentityProvider({});
  callerToken = await idp.mint('careers-service', 'api://placements', 'placements.read');
  const keyFile = path.join(folder, 'providers-key');
  await writeFile(keyFile, `${KEY}\n`);
  const innerPort = await freePort();
  outerEnv = {
    AUTH_JWKS_URL: idp.jwksUrl,
    AUTH_ISSUER: ISSUER,
    AUTH_AUDIENCE: 'api://placements',
    UPSTREAM_PROVIDERS_URL: `http://127.0.0.1:${innerPort}/v1`,
    UPSTREAM_PROVIDERS_SUBSCRIPTION_KEY_FILE: keyFile,
  };
  [inner, outer] = await Promise.all([
    startOn(innerDir, innerPort, { API_KEYS: `placements=${KEY},someone-else=another-key-entirely-for-tests` }, asBuilt),
    startOn(outerDir, await freePort(), outerEnv, asBuilt),
  ]);
});

after(async () => {
  await Promise.all([inner?.stop(), outer?.stop()]);
  await idp?.close();
  await rm(folder, { recursive: true, force: true });
});

const placement = (service: Running, ukprn: number) => fetch(`${service.url}/v1/placements/${ukprn}`, { headers: { authorization: `Bearer ${callerToken}` } });

test('the outer sends its subscription key in the header the inner declares, and asks for no token', async () => {
  const response = await placement(outer, 10012345);
  assert.equal(response.status, 200, await response.clone().text());
  assert.deepEqual(await response.json(), { Ukprn: 10012345, ProviderName: 'Example College' });
  const innerMetrics = await (await fetch(`${inner.url}/metrics`)).text();
  assert.equal(
    metric(innerMetrics, 'http_requests_total', { operation: 'getProvider', status: '200', client: 'placements' }),
    1,
    innerMetrics
      .split('\n')
      .filter((line) => line.startsWith('http_requests_total'))
      .join('\n'),
  );
  const outerMetrics = await (await fetch(`${outer.url}/metrics`)).text();
  assert.equal(metric(outerMetrics, 'upstream_requests_total', { upstream: 'providers', operation: 'getProvider', outcome: '200' }), 1);
  assert.doesNotMatch(outerMetrics, /^upstream_token_requests_total\{/m);
  assert.equal(idp.issued.length, 0);
});

test("a key the inner refuses is the outer's failure: its caller gets 502, never the inner's 401", { timeout: 120_000 }, async () => {
  const wrongKey = path.join(folder, 'wrong-key');
  await writeFile(wrongKey, 'a-key-the-providers-api-never-issued');
  const misconfigured = await startOn(outerDir, await freePort(), { ...outerEnv, UPSTREAM_PROVIDERS_SUBSCRIPTION_KEY_FILE: wrongKey }, asBuilt);
  try {
    const response = await placement(misconfigured, 10012345);
    assert.equal(response.status, 502);
    const text = await response.text();
    assert.match(text, /"status":502/);
    assert.doesNotMatch(text, /providers|subscription|127\.0\.0\.1|401|never-issued/i);
  } finally {
    await misconfigured.stop();
  }
});

test('the outer refuses to start without its subscription key, naming the variable (exit 78)', { timeout: 60_000 }, async () => {
  const result = await run(
    process.execPath,
    ['dist/src/server.js'],
    outerDir,
    { ...outerEnv, UPSTREAM_PROVIDERS_SUBSCRIPTION_KEY_FILE: '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' },
    60_000,
  );
  assert.equal(result.code, 78, result.stdout + result.stderr);
  assert.match(
    result.stderr.trim(),
    /^configuration error: UPSTREAM_PROVIDERS_SUBSCRIPTION_KEY \(or UPSTREAM_PROVIDERS_SUBSCRIPTION_KEY_FILE\) is not set: calling upstream providers \(Find Apprenticeship Training API\) needs it/,
  );
  assert.equal(result.stderr.trim().split('\n').length, 1);
});
