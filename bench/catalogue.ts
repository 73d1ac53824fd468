/**
 * Catalogue scale: every document of ../shared/corpus/specs built into one
 * catalogue by `design-first catalogue` (one process: loading, lint, pages,
 * reference docs, raw blueprints, exports), beside Redocly CLI's `build-docs`
 * run once per document (what publishing the same documents as Redoc pages
 * costs with Redocly's own tool), in the same run. Also checks the catalogue's
 * page-size rule: no page but the per-version reference docs over 300 KB.
 *
 * design-first runs as JavaScript compiled by `tsc` (what the package ships),
 * with the assets `npm run build` prepared (dist/catalogue-assets).
 *
 *   npx tsx bench/catalogue.ts
 */
import { existsSync, mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { compileDesignFirst, corpus, measureNode, progress, repoScratch, root, type Measure } from './support.js';

const SPECS = path.join(corpus, 'specs');
const PAGE_LIMIT = 300 * 1024;

function catalogueRunner(): { runner: string; preload: string } {
  const { folder, preload } = compileDesignFirst();
  const assets = path.join(root, 'dist/catalogue-assets');
  if (!existsSync(path.join(assets, 'catalogue.css'))) throw new Error(`${assets} is missing: run npm run build first`);
  const linked = path.join(folder, 'dist/catalogue-assets');
  if (!existsSync(linked)) symlinkSync(assets, linked);
  const runner = path.join(folder, 'catalogue-runner.mjs');
  writeFileSync(
    runner,
    `// design-first catalogue <inputs...> --out <folder>, through the library call.
import { runCatalogue } from ${JSON.stringify(pathToFileURL(path.join(folder, 'dist/src/cli/commands/catalogue.js')).href)};
const [out, ...inputs] = process.argv.slice(2);
process.exitCode = await runCatalogue({ inputs, out }, { stdout: () => {}, stderr: (text) => process.stderr.write(text + '\\n') });
`,
  );
  return { runner, preload };
}

interface PageSizes {
  pages: number;
  references: number;
  largestPage: { file: string; bytes: number };
  largestReference: { file: string; bytes: number };
  over: string[];
}

function pageSizes(out: string): PageSizes {
  const sizes: PageSizes = { pages: 0, references: 0, largestPage: { file: '', bytes: 0 }, largestReference: { file: '', bytes: 0 }, over: [] };
  for (const entry of readdirSync(out, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.html')) continue;
    const file = path.relative(out, path.join(entry.parentPath, entry.name));
    const bytes = statSync(path.join(out, file)).size;
    if (entry.name === 'reference.html') {
      sizes.references++;
      if (bytes > sizes.largestReference.bytes) sizes.largestReference = { file, bytes };
      continue;
    }
    sizes.pages++;
    if (bytes > sizes.largestPage.bytes) sizes.largestPage = { file, bytes };
    if (bytes > PAGE_LIMIT) sizes.over.push(`${file} (${Math.round(bytes / 1024)} KB)`);
  }
  return sizes;
}

async function redoclyBuildDocs(documents: readonly string[], scratch: string): Promise<Measure> {
  const { preload } = compileDesignFirst();
  const cli = path.join(root, 'node_modules/@redocly/cli/bin/cli.js');
  let seconds = 0;
  let maxRssMiB = 0;
  for (const [index, document] of documents.entries()) {
    if (index % 25 === 0) progress(`redocly build-docs ${index + 1} of ${documents.length}`);
    const measure = await measureNode([cli, 'build-docs', path.join(SPECS, document), '-o', path.join(scratch, `${index}.html`)], {
      preload,
      timeoutMs: 600_000,
    });
    seconds += measure.seconds;
    maxRssMiB = Math.max(maxRssMiB, measure.maxRssMiB);
  }
  return { seconds, maxRssMiB };
}

export async function runCatalogueBench(): Promise<string> {
  const documents = readdirSync(SPECS)
    .filter((name) => /\.(json|ya?ml)$/.test(name))
    .sort();
  const { runner, preload } = catalogueRunner();
  const scratch = repoScratch('catalogue');
  try {
    const out = path.join(scratch, 'catalogue');
    const load = loadavg()[0]!;
    progress(`design-first catalogue of ${documents.length} documents`);
    const ours = await measureNode([runner, out, SPECS], { preload, timeoutMs: 900_000 });
    const sizes = pageSizes(out);
    const redoclyOut = path.join(scratch, 'redocly');
    mkdirSync(redoclyOut);
    const peer = await redoclyBuildDocs(documents, redoclyOut);
    const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;
    return [
      `${documents.length} documents of ../shared/corpus/specs, ${cpus().length} cores, load average ${load.toFixed(1)} at the start.`,
      '',
      '| | wall time | peak RSS | what it makes |',
      '|---|---|---|---|',
      `| design-first catalogue (one process) | ${ours.seconds.toFixed(1)} s | ${ours.maxRssMiB.toFixed(0)} MiB | ${sizes.pages} pages, ${sizes.references} reference pages, raw blueprints, lint findings, exports |`,
      `| Redocly build-docs (once per document) | ${peer.seconds.toFixed(1)} s | ${peer.maxRssMiB.toFixed(0)} MiB | ${documents.length} reference pages |`,
      '',
      `Ratio ours / peer: ${(ours.seconds / peer.seconds).toFixed(2)}. Goal: the whole corpus in under 60 s: ${ours.seconds < 60 ? 'met' : 'not met'}.`,
      `Largest page other than reference docs: ${sizes.largestPage.file} (${kb(sizes.largestPage.bytes)}); goal at most 300 KB: ${sizes.over.length === 0 ? 'met' : `not met (${sizes.over.join(', ')})`}.`,
      `Largest reference page: ${sizes.largestReference.file} (${kb(sizes.largestReference.bytes)}), the blueprint it embeds.`,
    ].join('\n');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) console.log(await runCatalogueBench());
