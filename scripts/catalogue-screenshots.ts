/**
 * The README's and docs/catalogue.md's pictures of a catalogue: built from the
 * example blueprints and the catalogue tests' fixtures, opened in headless
 * Chromium, and saved as docs/images/catalogue-index.png and catalogue-api.png.
 *
 *   npx tsx scripts/catalogue-screenshots.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { runCatalogue } from '../src/cli/commands/catalogue.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = await mkdtemp(path.join(os.tmpdir(), 'df-screenshots-'));
try {
  const out = path.join(work, 'catalogue');
  const code = await runCatalogue({
    inputs: [
      'examples/pets/pets-v1.yaml',
      'examples/pets/pets-v2.yaml',
      'examples/apprenticeships/training-providers.yaml',
      'test/catalogue/fixtures/parking-v1.yaml',
      'test/catalogue/fixtures/parking-v2.yaml',
    ],
    out,
    title: 'Exampleshire APIs',
    baseUrl: 'https://apis.exampleshire.example/',
    provider: 'Exampleshire Council',
    cwd: root,
    now: new Date('2026-12-01T09:00:00Z'),
  });
  if (code !== 0) process.exit(code);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
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
  });
  const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
  await page.goto(pathToFileURL(path.join(out, 'index.html')).href, { waitUntil: 'load' });
  await page.screenshot({ path: path.join(root, 'docs/images/catalogue-index.png') });
  await page.goto(pathToFileURL(path.join(out, 'apis/parking-permits-api/index.html')).href, { waitUntil: 'load' });
  await page.screenshot({ path: path.join(root, 'docs/images/catalogue-api.png') });
  await browser.close();
} finally {
  await rm(work, { recursive: true, force: true });
}
