/**
 * Shapes a first-time user's blueprints had that the generated service got
 * wrong: values holding the literal that splits a segment, paths that carry
 * their own version segment, and `x-audience` on `info` written in capitals.
 * Each is generated, started and called over HTTP.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { runNew } from '../../src/cli/commands/new.js';
import { captureIo, scratchFolder } from '../generate/helpers.js';
import { fixture, startService } from './generated-service.js';

async function generateFirstUser(name: string, playbook?: string): Promise<{ service: string; out: string[] }> {
  const service = path.join(await scratchFolder(`first-user-${name}`), 'service');
  const io = captureIo();
  const code = await runNew({ blueprints: [fixture(`first-user/${name}.yaml`)], out: service, lint: false, ...(playbook ? { playbook } : {}) }, io);
  assert.equal(code, 0, io.err.join('\n'));
  return { service, out: io.out };
}

test('a segment split by a literal its values also hold splits where the URL ends with the suffix', { timeout: 120_000 }, async () => {
  const { service } = await generateFirstUser('dotted-segments');
  const started = await startService(service, { AUTH_MODE: 'mock' });
  try {
    const get = async (url: string) => {
      const response = await fetch(`${started.url}/v1${url}`);
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    assert.equal((await get('/reverse-geocode/37.8328,-122.27669.xml')).status, 200);
    assert.equal((await get('/reverse-geocode/51.5,-0.12.jsonp')).status, 200);
    const refused = await get('/reverse-geocode/51.5,-0.12.txt');
    assert.equal(refused.status, 400);
    // The refusal names the suffix the URL ends with, never one of the values it lists as allowed.
    assert.match(JSON.stringify(refused.body), /"pointer":"\/ext".*must be one of/);
    assert.equal((await get('/files/report.2026.json')).status, 200);
  } finally {
    await started.stop();
  }
});

test('paths that begin with their own version segment are served once under it, and new says why', { timeout: 120_000 }, async () => {
  const { service, out } = await generateFirstUser('version-prefixed');
  assert.match(out.join('\n'), /\/v1 \(2 operations; every path begins with \/v1\)/);
  const started = await startService(service, { AUTH_MODE: 'mock' });
  try {
    assert.equal((await fetch(`${started.url}/v1/edge-config`)).status, 200);
    assert.equal((await fetch(`${started.url}/v1/edge-config/abc`)).status, 200);
    assert.equal((await fetch(`${started.url}/v1/v1/edge-config`)).status, 404);
    assert.equal((await fetch(`${started.url}/v1/openapi.json`)).status, 200);
  } finally {
    await started.stop();
  }
});

test('an API whose info says x-audience: External is rate limited', { timeout: 120_000 }, async () => {
  const { service } = await generateFirstUser('info-audience-external', fixture('tight-limits.yaml'));
  const started = await startService(service, { AUTH_MODE: 'mock' });
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await fetch(`${started.url}/v1/entries`)).status);
    // tight-limits.yaml allows 3 calls a minute per client.
    assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
  } finally {
    await started.stop();
  }
});
