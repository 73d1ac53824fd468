/**
 * `npm run bench`: every benchmark, each measured against its peer in the
 * same run. Results go to bench/results.md with the machine, date and versions.
 * A benchmark that fails is reported in its section and the others still run.
 * `npm run bench -- diff lint` runs only those (by the word before the first
 * space of their title, lower case) and replaces only their sections.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { runAuthCostBench } from './auth-cost.js';
import { runCatalogueBench } from './catalogue.js';
import { runColdStartBench } from './cold-start.js';
import { runDiffBench } from './diff.js';
import { runGenerateBench } from './generate.js';
import { runLintBench } from './lint.js';
import { runLintCoverageBench } from './lint-coverage.js';
import { runServeBench } from './serve.js';
import { runUpstreamBench } from './upstream.js';

const BENCHES: Array<[title: string, run: () => Promise<string>]> = [
  ['Lint (design-first lint vs Redocly CLI lint)', () => runLintBench()],
  ['Lint coverage (single-defect corpus: design-first vs Redocly vs Spectral)', () => runLintCoverageBench()],
  ['Generate (design-first new vs openapi-typescript)', () => runGenerateBench()],
  ['Serve (generated service vs hand-written Fastify vs Express + express-openapi-validator)', () => runServeBench()],
  ['Auth cost (bearer JWT on every request vs no auth, same service)', () => runAuthCostBench()],
  ['Cold start (GitHub service vs pets service)', () => runColdStartBench()],
  ["Diff (design-first diff against oasdiff's breaking-change rules)", () => runDiffBench()],
  ['Upstream (a call through the generated client vs a hand-written fetch with a timeout)', () => runUpstreamBench()],
  ['Catalogue (design-first catalogue of the corpus vs Redocly build-docs per document)', () => runCatalogueBench()],
];

const only = process.argv.slice(2).map((name) => name.toLowerCase());
const chosen = only.length === 0 ? BENCHES : BENCHES.filter(([title]) => only.includes(title.split(' ')[0]!.toLowerCase()));
if (chosen.length === 0) throw new Error(`no benchmark is called ${only.join(', ')}`);

/** The commit measured, marked when the work tree differs from it. */
function revision(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim() !== '';
    return dirty ? `${commit} with uncommitted changes` : commit;
  } catch {
    return 'unknown commit';
  }
}
const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

const started = performance.now();
const sections: string[] = [];
sections.push(
  `# Benchmarks\n\nRun: ${new Date().toISOString()} on ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ` +
    `${os.type()} ${os.release()}, Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(1)} at the start.\n` +
    `design-first ${version} at ${revision()}.\n`,
);
let failed = false;
for (const [title, run] of chosen) {
  const at = performance.now();
  // A section run on its own says when and at which commit, since the header above it belongs to an earlier full run.
  const when =
    only.length === 0 ? '' : `Run on its own: ${new Date().toISOString()} at ${revision()}, load average ${os.loadavg()[0]!.toFixed(1)} at its start.\n\n`;
  console.error(`bench: ${title}...`);
  let body: string;
  try {
    body = await run();
  } catch (error) {
    failed = true;
    body = `**Failed**: ${((error as Error).stack ?? String(error)).split('\n').slice(0, 12).join('\n')}`;
  }
  sections.push(`## ${title}\n\n${when}${body}\n\n(${((performance.now() - at) / 1000).toFixed(0)} s)\n`);
}
sections.push(`Total: ${((performance.now() - started) / 1000).toFixed(0)} s.\n`);
const report = only.length === 0 ? sections.join('\n') : replaceSections(readFileSync(new URL('./results.md', import.meta.url), 'utf8'), sections.slice(1, -1));
await writeFile(new URL('./results.md', import.meta.url), report);
console.log(report);
if (failed) process.exitCode = 1;

/** The previous results with the sections just run put in place of theirs (or added before the total). */
function replaceSections(previous: string, fresh: string[]): string {
  let text = previous;
  for (const section of fresh) {
    const title = section.split('\n')[0]!;
    const start = text.indexOf(`${title}\n`);
    const total = text.lastIndexOf('\nTotal: ');
    if (start < 0) {
      text = total < 0 ? `${text}\n${section}` : `${text.slice(0, total + 1)}${section}\n${text.slice(total + 1)}`;
      continue;
    }
    const next = text.indexOf('\n## ', start + title.length);
    const end = next >= 0 ? next + 1 : total >= 0 ? total + 1 : text.length;
    text = `${text.slice(0, start)}${section}\n${text.slice(end)}`;
  }
  return text;
}
