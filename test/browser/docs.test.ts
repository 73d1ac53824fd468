/**
 * The docs page in a real browser: generate the pets service, start it in
 * mock-auth mode on a free loopback port, open /v1/docs in headless Chromium
 * (Debian's package, driven by playwright-core), check that Swagger UI lists
 * the operations, run listPets through "Try it out" / "Execute" and see the
 * mock's 200, and check that the page asks for nothing outside 127.0.0.1.
 *
 * Skipped, with the reason, only when /usr/bin/chromium is not installed
 * (.ci/run installs it).
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { runNew } from '../../src/cli/commands/new.js';
import { freePort, bin, captureIo, repoRoot, scratchFolder } from '../generate/helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed (apt-get install -y chromium)`;

/** What the page asked for, whatever the outcome: requests, failures and console messages (CSP reports land there). */
interface PageRecord {
  requests: string[];
  failed: string[];
  console: string[];
}

async function waitFor(url: string, deadline: number, exited: () => string | undefined): Promise<Response> {
  for (;;) {
    try {
      return await fetch(url);
    } catch (error) {
      const why = exited();
      if (why !== undefined) throw new Error(`the service stopped before answering: ${why}`);
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

let folder: string | undefined;
let server: ChildProcess | undefined;
let base = '';
let log = '';

before(async () => {
  if (skip) return;
  folder = await scratchFolder('browser');
  const service = path.join(folder, 'service');
  const io = captureIo();
  const code = await runNew({ blueprints: ['examples/pets/pets-v1.yaml'], out: service, cwd: repoRoot, lint: false }, io);
  assert.equal(code, 0, io.err.join('\n'));

  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // Inside <repo>/.tmp the service resolves its dependencies from the repository's node_modules.
  server = spawn(bin('tsx'), ['src/server.ts'], {
    cwd: service,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', AUTH_MODE: 'mock', LOG_LEVEL: 'warn', NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (chunk) => (log = (log + chunk).slice(-8000)));
  server.stderr!.on('data', (chunk) => (log = (log + chunk).slice(-8000)));
  let exit: string | undefined;
  server.once('exit', (code, signal) => (exit = `exit ${code ?? signal}\n${log}`));
  const live = await waitFor(`${base}/health/live`, Date.now() + 60_000, () => exit);
  assert.equal(live.status, 200, log);
});

after(async () => {
  if (server && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    server.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    server.kill('SIGKILL');
  }
  if (folder) await rm(folder, { recursive: true, force: true });
});

test('Swagger UI at /v1/docs lists the operations, runs listPets against the mock, and stays on 127.0.0.1', { skip, timeout: 180_000 }, async () => {
  const { chromium } = await import('playwright-core');
  const profile = await mkdtemp(path.join(os.tmpdir(), 'df-chromium-'));
  // launchPersistentContext is Playwright's way to pass a fresh --user-data-dir.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    timeout: 60_000,
  });
  const record: PageRecord = { requests: [], failed: [], console: [] };
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('request', (request) => record.requests.push(`${request.method()} ${request.url()}`));
    page.on('requestfailed', (request) => record.failed.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText ?? '?'}`));
    page.on('response', (answer) => {
      if (answer.status() >= 400) record.failed.push(`${answer.request().method()} ${answer.url()}: HTTP ${answer.status()}`);
    });
    page.on('console', (message) => record.console.push(`${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => record.console.push(`pageerror: ${error.message}`));
    const describe = () =>
      `\nrequests:\n  ${record.requests.join('\n  ')}\nfailed:\n  ${record.failed.join('\n  ')}\nconsole:\n  ${record.console.join('\n  ')}\nservice log:\n${log}`;

    const response = await page.goto(`${base}/v1/docs`, { waitUntil: 'load', timeout: 30_000 });
    assert.equal(response?.status(), 200);

    // The operations are listed, with their summaries.
    const listPets = page.locator('#operations-pets-listPets');
    try {
      await listPets.waitFor({ state: 'visible', timeout: 30_000 });
    } catch (error) {
      assert.fail(`Swagger UI did not list listPets: ${(error as Error).message}${describe()}`);
    }
    for (const [operationId, summary] of [
      ['listPets', 'List pets'],
      ['createPet', 'Register a pet'],
      ['getPet', 'Get a pet'],
      ['deletePet', 'Remove a pet'],
    ] as const) {
      const block = page.locator(`#operations-pets-${operationId}`);
      assert.equal(await block.count(), 1, `${operationId} is listed${describe()}`);
      assert.equal((await block.locator('.opblock-summary-description').first().innerText()).trim(), summary);
    }

    // Try it out on listPets: open the operation, "Try it out" (unless the page enables it already), "Execute".
    await listPets.locator('.opblock-summary').first().click();
    const tryItOut = listPets.locator('button.try-out__btn', { hasText: 'Try it out' });
    const execute = listPets.locator('button.execute');
    await Promise.race([tryItOut.waitFor({ state: 'visible', timeout: 15_000 }), execute.waitFor({ state: 'visible', timeout: 15_000 })]);
    if (await tryItOut.isVisible()) await tryItOut.click();
    await execute.click();

    const status = listPets.locator('.live-responses-table tbody .response-col_status').first();
    try {
      await status.waitFor({ state: 'visible', timeout: 30_000 });
    } catch (error) {
      assert.fail(`no live response was rendered: ${(error as Error).message}${describe()}`);
    }
    const requestUrl = (
      await listPets
        .locator('.request-url pre')
        .first()
        .innerText()
        .catch(() => '?')
    ).trim();
    assert.equal((await status.innerText()).trim(), '200', `try-it-out called ${requestUrl}${describe()}`);
    const body = await listPets.locator('.live-responses-table tbody .response-col_description pre').first().innerText();
    assert.match(body, /Tibbles/, 'the mock answer (the blueprint example) is rendered');
    assert.ok(
      record.requests.some((line) => line.startsWith(`GET ${base}/v1/pets`)),
      `the browser called the mock at ${base}/v1/pets${describe()}`,
    );

    // Every request the page made stayed on the service's loopback address: no CDN, no fonts, no telemetry, no production server.
    assert.ok(record.requests.length > 0);
    const outside = record.requests.filter((line) => {
      const url = new URL(line.slice(line.indexOf(' ') + 1));
      return !(url.protocol === 'data:' || url.hostname === '127.0.0.1');
    });
    assert.deepEqual(outside, [], `requests leaving 127.0.0.1${describe()}`);
    const blocked = record.console.filter((line) => /Content Security Policy|Refused to/i.test(line));
    assert.deepEqual(blocked, [], `the page tried something its CSP refused${describe()}`);
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
});
