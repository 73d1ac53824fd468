/**
 * Generation speed: `design-first new --no-lint` (the library call runNew,
 * compiled by tsc, in its own child process) beside openapi-typescript
 * producing types alone for the same document, on the GitHub and Stripe
 * descriptions. Wall time from spawn to exit, peak RSS per child (a preload
 * reports maxRSS as the child exits). The tools take turns, median of N runs.
 *
 * Linearity: the GitHub description trimmed to its first 10 and 100
 * operations (every component kept) and whole (845), time per operation.
 *
 * openapi-typescript 7 needs TypeScript 5's compiler API, and this repository
 * builds with TypeScript 7 (native, no JS API), so it lives in its own small
 * package, bench/peers/openapi-typescript, installed here with `npm ci` when
 * its node_modules is missing.
 *
 *   npx tsx bench/generate.ts [--runs N]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { compileDesignFirst, corpus, flag, generate, isMain, measureNode, progress, ratio, root, summarise, table, type Measure } from './support.js';

const GITHUB = path.join(corpus, 'specs/github.com__api.github.com.json');
const STRIPE = path.join(corpus, 'specs/stripe.com.json');
const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
const peerFolder = path.join(root, 'bench/peers/openapi-typescript');
const openapiTypescript = path.join(peerFolder, 'node_modules/openapi-typescript/bin/cli.js');

function installPeer(): string {
  if (!existsSync(openapiTypescript)) {
    const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: peerFolder, encoding: 'utf8', timeout: 300_000 });
    if (npm.status !== 0 || !existsSync(openapiTypescript)) throw new Error(`npm ci in ${peerFolder} failed:\n${npm.stdout}${npm.stderr}`);
  }
  return (JSON.parse(readFileSync(path.join(peerFolder, 'node_modules/openapi-typescript/package.json'), 'utf8')) as { version: string }).version;
}

type Document = { paths?: Record<string, Record<string, unknown>> } & Record<string, unknown>;

function countOperations(document: Document): number {
  return Object.values(document.paths ?? {}).reduce((sum, item) => sum + Object.keys(item).filter((key) => METHODS.has(key)).length, 0);
}

/** The first `count` operations in document order, every other part of the document (components, webhooks, tags) kept. */
function trim(document: Document, count: number): Document {
  const paths: Record<string, Record<string, unknown>> = {};
  let kept = 0;
  for (const [url, item] of Object.entries(document.paths ?? {})) {
    if (kept >= count) break;
    const copy: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(item)) {
      if (!METHODS.has(key)) copy[key] = value;
      else if (kept < count) {
        copy[key] = value;
        kept++;
      }
    }
    paths[url] = copy;
  }
  return { ...document, paths };
}

function countFiles(folder: string): number {
  let files = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    files += entry.isDirectory() ? countFiles(path.join(folder, entry.name)) : 1;
  }
  return files;
}

interface Pair {
  ours: Measure;
  peer: Measure;
  files: number;
}

/** Ours and openapi-typescript on one document, taking turns; each run writes into a fresh folder. */
async function measurePair(blueprint: string, runs: number, preload: string): Promise<Pair> {
  const ours: Measure[] = [];
  const peer: Measure[] = [];
  let files = 0;
  for (let i = 0; i < runs; i++) {
    progress(`generate: ${path.basename(blueprint)} (${i + 1}/${runs})`);
    const scratch = mkdtempSync(path.join(tmpdir(), 'df-bench-gen-'));
    try {
      const out = path.join(scratch, 'service');
      ours.push(await generate(blueprint, out));
      files = countFiles(out);
      peer.push(await measureNode([openapiTypescript, blueprint, '--output', path.join(scratch, 'types.ts')], { preload, timeoutMs: 300_000 }));
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  return { ours: summarise(ours), peer: summarise(peer), files };
}

export async function runGenerateBench(runs = 3): Promise<string> {
  const peerVersion = installPeer();
  const { preload } = compileDesignFirst();
  const GiB = 1024;

  const documents: Array<{ file: string; operations: number; pair: Pair }> = [];
  for (const file of [GITHUB, STRIPE]) {
    const document = JSON.parse(readFileSync(file, 'utf8')) as Document;
    documents.push({ file, operations: countOperations(document), pair: await measurePair(file, runs, preload) });
  }

  // Linearity on the GitHub description: trimmed copies (the whole document is the last row, measured above).
  const github = JSON.parse(readFileSync(GITHUB, 'utf8')) as Document;
  const total = countOperations(github);
  const trimmedFolder = mkdtempSync(path.join(tmpdir(), 'df-bench-trim-'));
  const sizes: Array<{ operations: number; bytes: number; pair: Pair }> = [];
  try {
    for (const count of [10, 100]) {
      const file = path.join(trimmedFolder, `github-${count}.json`);
      writeFileSync(file, JSON.stringify(trim(github, count)));
      sizes.push({ operations: count, bytes: statSync(file).size, pair: await measurePair(file, runs, preload) });
    }
  } finally {
    rmSync(trimmedFolder, { recursive: true, force: true });
  }
  sizes.push({ operations: total, bytes: statSync(GITHUB).size, pair: documents[0]!.pair });

  const oursPeak = Math.max(...documents.map((d) => d.pair.ours.maxRssMiB), ...sizes.map((s) => s.pair.ours.maxRssMiB));
  const worstRatio = Math.max(...documents.map((d) => d.pair.ours.seconds / d.pair.peer.seconds));
  const lines = [
    `### design-first new --no-lint vs openapi-typescript ${peerVersion} (types only): median of ${runs} runs, taking turns, peak RSS`,
    '',
    table(
      ['document', 'MB', 'ops', 'ours s', 'openapi-typescript s', 'ratio', 'ours MiB', 'openapi-typescript MiB', 'memory ratio', 'files written'],
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
      documents.map(({ file, operations, pair }) => [
        path.basename(file),
        (statSync(file).size / 1e6).toFixed(2),
        operations,
        pair.ours.seconds.toFixed(2),
        pair.peer.seconds.toFixed(2),
        ratio(pair.ours.seconds, pair.peer.seconds),
        pair.ours.maxRssMiB.toFixed(0),
        pair.peer.maxRssMiB.toFixed(0),
        ratio(pair.ours.maxRssMiB, pair.peer.maxRssMiB),
        pair.files,
      ]),
    ),
    '',
    `Goals: time ratio <= 1.0: ${worstRatio <= 1 ? 'met' : `**not met** (worst ${worstRatio.toFixed(2)})`}; memory < 1 GiB: ${oursPeak < GiB ? 'met' : '**not met**'} (peak ${oursPeak.toFixed(0)} MiB).`,
    'Ours writes a whole service (types, handlers interface, route table, handler stubs, tests, platform) formatted with prettier; openapi-typescript writes one types file.',
    '',
    `### Linearity: ${path.basename(GITHUB)} trimmed to its first N operations, every component kept (median of ${runs})`,
    '',
    table(
      ['ops', 'MB', 'ours s', 'ours ms/op', 'marginal ms/op', 'ours MiB', 'openapi-typescript s', 'ratio'],
      ['r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
      sizes.map(({ operations, bytes, pair }, i) => {
        const previous = sizes[i - 1];
        const marginal = previous ? ((pair.ours.seconds - previous.pair.ours.seconds) * 1000) / (operations - previous.operations) : undefined;
        return [
          operations,
          (bytes / 1e6).toFixed(2),
          pair.ours.seconds.toFixed(2),
          ((pair.ours.seconds * 1000) / operations).toFixed(1),
          marginal === undefined ? '' : marginal.toFixed(1),
          pair.ours.maxRssMiB.toFixed(0),
          pair.peer.seconds.toFixed(2),
          ratio(pair.ours.seconds, pair.peer.seconds),
        ];
      }),
    ),
    '',
    'marginal ms/op: the extra time per extra operation from the row above (the fixed cost of loading the document and its components drops out).',
    `Node ${process.version}, ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)} at the end. Wall times include process start-up.`,
  ];
  return lines.join('\n');
}

if (isMain(import.meta.url)) console.log(await runGenerateBench(flag('--runs', 3)));
