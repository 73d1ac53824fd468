/**
 * The catalogue in headless Chromium: every page type (index, API, version,
 * reference docs, downloads, about) reached from the index, each with no
 * console error, no request off 127.0.0.1, no WCAG 2.2 AA violation found by
 * axe-core and no broken link; search and filters with JavaScript, the whole
 * list without it, and the index opened straight from the file system.
 *
 * Skipped, with the reason, only when /usr/bin/chromium is not installed.
 */
import assert from 'node:assert/strict';
import { cp, mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { runCatalogue } from '../../src/cli/commands/catalogue.js';
import { runNew } from '../../src/cli/commands/new.js';
import { captureIo, repoRoot, scratchFolder } from '../generate/helpers.js';
import { axeViolations, chromiumMissing, crawlCatalogue, launchChromium, problemsOf, searchIndex, serveFolder, type CatalogueServer } from './browser-check.js';

const skip = chromiumMissing;
const BLUEPRINTS = [
  'examples/pets/pets-v1.yaml',
  'examples/pets/pets-v2.yaml',
  'test/catalogue/fixtures/parking-v1.yaml',
  'test/catalogue/fixtures/parking-v2.yaml',
  'examples/apprenticeships/training-providers.yaml',
];
let scratch = '';
let out = '';
let server: CatalogueServer | undefined;

before(async () => {
  if (skip) return;
  scratch = await scratchFolder('catalogue-browser');
  const service = path.join(scratch, 'pets-service');
  let io = captureIo();
  assert.equal(
    await runNew({ blueprints: ['examples/pets/pets-v1.yaml', 'examples/pets/pets-v2.yaml'], out: service, cwd: repoRoot }, io),
    0,
    io.err.join('\n'),
  );
  const blueprints = path.join(scratch, 'blueprints');
  await mkdir(blueprints);
  for (const name of ['parking-v1.yaml', 'parking-v2.yaml']) await cp(path.join(repoRoot, 'test/catalogue/fixtures', name), path.join(blueprints, name));
  out = path.join(scratch, 'portal');
  io = captureIo();
  const code = await runCatalogue(
    { inputs: [service, blueprints, 'examples/apprenticeships/training-providers.yaml'], out, cwd: repoRoot, title: 'Exampleshire APIs' },
    io,
  );
  assert.equal(code, 0, io.err.join('\n'));
  server = await serveFolder(out);
});

after(async () => {
  await server?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

test('every page: no console error, nothing off 127.0.0.1, axe-core clean (WCAG 2.2 AA), every link resolving', { skip, timeout: 600_000 }, async () => {
  const browser = await launchChromium();
  try {
    const { pages, brokenLinks, offSite } = await crawlCatalogue(browser.context, server!.base);
    const visited = pages.map((page) => page.path);
    for (const expected of [
      'index.html',
      'downloads.html',
      'about.html',
      'apis/pets-api/index.html',
      'apis/pets-api/v1/index.html',
      'apis/pets-api/v2/reference.html',
      'apis/parking-permits-api/v1/reference.html',
      'apis/find-apprenticeship-training-api/v1/index.html',
    ]) {
      assert.ok(visited.includes(expected), `${expected} was reached from the index (visited: ${visited.join(', ')})`);
    }
    assert.deepEqual(problemsOf(pages), []);
    assert.deepEqual(brokenLinks, []);
    // Links off the site are the blueprints' own (contact, token URL, licence, their Markdown) and Redoc's credit; none is fetched by the pages.
    const blueprints = (await Promise.all(BLUEPRINTS.map((file) => readFile(path.join(repoRoot, file), 'utf8')))).join('\n');
    const unexplained = offSite.filter(
      (href) => href !== 'https://redocly.com/redoc/' && !blueprints.includes(href.replace(/^mailto:/, '').replace(/\/$/, '')),
    );
    assert.deepEqual(unexplained, [], 'every link off the site comes from a blueprint');
  } finally {
    await browser.close();
  }
});

test('search and filters narrow the list: by owner, text, audience, lifecycle and conformance', { skip, timeout: 120_000 }, async () => {
  const browser = await launchChromium();
  try {
    const base = server!.base;
    assert.deepEqual((await searchIndex(browser.context, base, 'Parking Services')).titles, ['Parking Permits API']);
    const byOwner = await searchIndex(browser.context, base, '', { owner: 'pets-api-team' });
    assert.deepEqual(byOwner.titles, ['Pets API']);
    assert.equal(byOwner.status, 'Showing 1 of 3 APIs');
    assert.deepEqual((await searchIndex(browser.context, base, '', { audience: 'external' })).titles, [
      'Find Apprenticeship Training API',
      'Parking Permits API',
    ]);
    assert.deepEqual((await searchIndex(browser.context, base, '', { lifecycle: 'deprecated' })).titles, ['Parking Permits API']);
    assert.deepEqual((await searchIndex(browser.context, base, '', { conformance: 'errors' })).titles, ['Parking Permits API']);
    assert.deepEqual((await searchIndex(browser.context, base, 'no such api anywhere')).titles, []);
    assert.equal((await searchIndex(browser.context, base, '')).status, 'Showing all 3 APIs');
  } finally {
    await browser.close();
  }
});

test('without JavaScript the whole list shows and the filters stay hidden, and that page is axe-clean too', { skip, timeout: 120_000 }, async () => {
  const noScript = await launchChromium({ javaScriptEnabled: false });
  try {
    const page = await noScript.context.newPage();
    await page.goto(`${server!.base}/index.html`);
    assert.equal(await page.locator('#api-list > li').count(), 3);
    assert.equal(await page.locator('#api-list > li:visible').count(), 3);
    assert.equal(await page.locator('#filters').isVisible(), false);
    await page.close();
  } finally {
    await noScript.close();
  }
  // axe needs JavaScript to run, so the pages' own scripts are refused instead: the page as a browser without them shows it.
  const browser = await launchChromium();
  try {
    await browser.context.route(/\.js$/, (route) => route.abort());
    const page = await browser.context.newPage();
    await page.goto(`${server!.base}/index.html`);
    assert.equal(await page.locator('#filters').isVisible(), false);
    assert.deepEqual(await axeViolations(page), []);
    await page.close();
  } finally {
    await browser.close();
  }
});

test('the index opened from the file system works: styles, scripts and search', { skip, timeout: 120_000 }, async () => {
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(pathToFileURL(path.join(out, 'index.html')).href, { waitUntil: 'load' });
    // GOV.UK Frontend's stylesheet applied (its heading size), and catalogue.js revealed the filters.
    assert.equal(await page.locator('h1').evaluate((h1) => getComputedStyle(h1).fontWeight), '700');
    await page.locator('#filters').waitFor({ state: 'visible' });
    await page.fill('#filter-text', 'apprenticeship');
    assert.equal(await page.locator('#api-list > li:not([hidden])').count(), 1);
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    await browser.close();
  }
});
