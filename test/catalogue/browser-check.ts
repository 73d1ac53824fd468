/**
 * A catalogue in a real browser: served from 127.0.0.1 by a plain static file
 * server, opened in headless Chromium (Debian's package, driven by
 * playwright-core with the flags of test/browser/docs.test.ts), every page
 * reached from the index visited, and on each: no console error, no request
 * off the machine or answered with an error, axe-core clean against WCAG 2.2
 * AA, and every link on it resolving. Used by the catalogue's browser test and
 * the estate's end-to-end test.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { BrowserContext, Page } from 'playwright-core';
import { freePort, repoRoot } from '../generate/helpers.js';

export const CHROMIUM = '/usr/bin/chromium';
export const chromiumMissing = existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed (apt-get install -y chromium)`;

/** The axe-core rule tags of WCAG 2.0, 2.1 and 2.2 at levels A and AA. */
export const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface PageReport {
  path: string;
  consoleErrors: string[];
  badRequests: string[];
  violations: string[];
  links: string[];
}

export interface CatalogueServer {
  base: string;
  close(): Promise<void>;
}

/** Serve a folder as any static host would (no directory listing, no rewriting). */
export async function serveFolder(root: string): Promise<CatalogueServer> {
  const app: FastifyInstance = Fastify({ logger: false });
  await app.register(fastifyStatic, { root, index: false, list: false });
  const port = await freePort();
  await app.listen({ port, host: '127.0.0.1' });
  return { base: `http://127.0.0.1:${port}`, close: () => app.close() };
}

export async function launchChromium(options: { javaScriptEnabled?: boolean } = {}): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const { chromium } = await import('playwright-core');
  const profile = await mkdtemp(path.join(os.tmpdir(), 'df-chromium-'));
  // launchPersistentContext is Playwright's way to pass a fresh --user-data-dir.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    viewport: { width: 1280, height: 900 },
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
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

let axeSource: string | undefined;

/** axe-core's violations on the page as it is now, one line each. */
export async function axeViolations(page: Page): Promise<string[]> {
  axeSource ??= await readFile(path.join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol, so the pages' Content-Security-Policy stays as strict as it is.
  await page.evaluate(axeSource);
  const result = await page.evaluate(
    async (tags) =>
      (
        window as unknown as {
          axe: {
            run(
              context: Document,
              options: object,
            ): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[]; failureSummary: string }> }> }>;
          };
        }
      ).axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    WCAG_22_AA,
  );
  return result.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary.replace(/\s+/g, ' ')}`).join(' | ')}`,
  );
}

/** Visit `path` and report what went wrong on it. Reference pages are judged once Redoc has drawn them. */
export async function checkPage(context: BrowserContext, base: string, pagePath: string): Promise<PageReport> {
  const page = await context.newPage();
  const report: PageReport = { path: pagePath, consoleErrors: [], badRequests: [], violations: [], links: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') report.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => report.consoleErrors.push(`pageerror: ${error.message}`));
  page.on('requestfailed', (request) => report.badRequests.push(`${request.url()}: ${request.failure()?.errorText ?? 'failed'}`));
  page.on('response', (answer) => {
    if (answer.status() >= 400) report.badRequests.push(`${answer.url()}: HTTP ${answer.status()}`);
  });
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol !== 'data:' && url.protocol !== 'blob:' && url.hostname !== '127.0.0.1') report.badRequests.push(`${request.url()}: leaves 127.0.0.1`);
  });
  try {
    const answer = await page.goto(`${base}/${pagePath}`, { waitUntil: 'load', timeout: 60_000 });
    if (answer?.status() !== 200) report.badRequests.push(`${pagePath}: HTTP ${answer?.status()}`);
    if (pagePath.endsWith('reference.html')) {
      // Redoc has drawn the API when its menu and the API's title are on the page.
      await page.locator('#redoc-container .menu-content').first().waitFor({ state: 'attached', timeout: 60_000 });
      await page.locator('#redoc-container h1').first().waitFor({ state: 'visible', timeout: 60_000 });
    }
    report.violations = await axeViolations(page);
    report.links = await page.locator('a[href]').evaluateAll((anchors) => anchors.map((anchor) => (anchor as HTMLAnchorElement).href));
  } finally {
    await page.close();
  }
  return report;
}

/**
 * Every page reachable from index.html through links on the catalogue's own
 * pages (Redoc's generated anchors included), each checked once, and every
 * link on them resolved: same-site links must answer 200; mailto and other
 * sites' links are listed, never fetched.
 */
export async function crawlCatalogue(context: BrowserContext, base: string): Promise<{ pages: PageReport[]; brokenLinks: string[]; offSite: string[] }> {
  const pages: PageReport[] = [];
  const queue = ['index.html'];
  const seen = new Set(queue);
  const checkedLinks = new Map<string, number>();
  const brokenLinks: string[] = [];
  const offSite = new Set<string>();
  while (queue.length > 0) {
    const pagePath = queue.shift()!;
    const report = await checkPage(context, base, pagePath);
    pages.push(report);
    for (const href of report.links) {
      const url = new URL(href);
      if (url.origin !== base) {
        offSite.add(href);
        continue;
      }
      const target = url.pathname.slice(1);
      if (!checkedLinks.has(target)) checkedLinks.set(target, (await fetch(`${base}/${target}`)).status);
      if (checkedLinks.get(target) !== 200) brokenLinks.push(`${pagePath} -> ${href}: HTTP ${checkedLinks.get(target)}`);
      if (target.endsWith('.html') && !seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return { pages, brokenLinks, offSite: [...offSite] };
}

/** Problems over all pages, one line each; empty when the catalogue is clean. */
export function problemsOf(pages: readonly PageReport[]): string[] {
  return pages.flatMap((page) => [
    ...page.consoleErrors.map((line) => `${page.path}: console: ${line}`),
    ...page.badRequests.map((line) => `${page.path}: request: ${line}`),
    ...page.violations.map((line) => `${page.path}: axe: ${line}`),
  ]);
}

/** Type words into the index's search and return the titles still listed. */
export async function searchIndex(
  context: BrowserContext,
  base: string,
  words: string,
  filters: Record<string, string> = {},
): Promise<{ titles: string[]; status: string }> {
  const page = await context.newPage();
  try {
    await page.goto(`${base}/index.html`, { waitUntil: 'load' });
    await page.locator('#filters').waitFor({ state: 'visible' });
    for (const [name, value] of Object.entries(filters)) await page.selectOption(`#filter-${name}`, value);
    await page.fill('#filter-text', words);
    const titles = await page.locator('#api-list > li:not([hidden]) .govuk-summary-card__title').allInnerTexts();
    return { titles: titles.map((title) => title.trim()), status: (await page.locator('#filter-status').innerText()).trim() };
  } finally {
    await page.close();
  }
}
