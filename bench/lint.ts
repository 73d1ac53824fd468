/**
 * Lint speed: design-first lint beside Redocly CLI's `lint` (recommended
 * ruleset) on the same machine in the same run. Each tool runs in its own
 * child process, so wall time includes start-up and peak RSS is per tool; a
 * small preload reports the child's maxRSS as it exits. Each runs with its
 * default output (our stylish, Redocly's codeframe) and with JSON output,
 * written straight to /dev/null.
 *
 * Ours runs as JavaScript compiled by `tsc` into a temporary folder (what the
 * package ships), not through tsx.
 *
 *   npx tsx bench/lint.ts [--runs N]
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.resolve(root, '../shared/corpus');

interface Measure {
  seconds: number;
  maxRssMiB: number;
}

/** The four runs per document: each tool with its default output, and both with JSON output. */
const CONFIGS = ['oursDefault', 'redoclyDefault', 'oursJson', 'redoclyJson'] as const;
type Config = (typeof CONFIGS)[number];

interface Row {
  name: string;
  bytes: number;
  operations: number;
  results: Record<Config, Measure>;
}

/** The corpus documents closest to 0.1 MB and 1 MB, then Stripe and GitHub. */
function pickDocuments(): Array<{ file: string; bytes: number; operations: number }> {
  const manifest = JSON.parse(readFileSync(path.join(corpus, 'manifest.json'), 'utf8')) as Array<{ file: string; bytes: number; operations: number }>;
  const closest = (target: number) => manifest.reduce((best, row) => (Math.abs(row.bytes - target) < Math.abs(best.bytes - target) ? row : best));
  const named = (name: string) => manifest.find((row) => row.file.endsWith(name))!;
  return [closest(100_000), closest(1_000_000), named('stripe.com.json'), named('github.com__api.github.com.json')];
}

function prepare(): { commands: Record<Config, string[]>; preload: string } {
  const folder = mkdtempSync(path.join(tmpdir(), 'df-bench-'));
  const compiled = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.json'), '--outDir', folder],
    {
      encoding: 'utf8',
    },
  );
  // Type errors elsewhere in a work in progress do not stop tsc from emitting; a missing lint command does.
  const command = path.join(folder, 'src/cli/commands/lint.js');
  try {
    readFileSync(command);
  } catch {
    throw new Error(`tsc did not emit ${command}:\n${compiled.stdout}${compiled.stderr}`);
  }
  symlinkSync(path.join(root, 'node_modules'), path.join(folder, 'node_modules'), 'dir');
  // The reports name the tool's version from package.json, found beside the compiled src/ as in the package.
  symlinkSync(path.join(root, 'package.json'), path.join(folder, 'package.json'));
  const runner = path.join(folder, 'lint-bench-runner.mjs');
  writeFileSync(
    runner,
    `import yargs from 'yargs';
import { lintCommand } from ${JSON.stringify(pathToFileURL(command).href)};
import { exitCodeBox } from ${JSON.stringify(pathToFileURL(path.join(folder, 'src/cli/exit-code.js')).href)};
await yargs(process.argv.slice(2)).command(lintCommand).strict().parseAsync();
process.exitCode = exitCodeBox.value;
`,
  );
  const preload = path.join(folder, 'report-rss.mjs');
  writeFileSync(
    preload,
    "import { writeSync } from 'node:fs';\nprocess.on('exit', () => writeSync(2, `\\nDF_BENCH_MAXRSS_KB=${process.resourceUsage().maxRSS}\\n`));\n",
  );
  const redoclyConfig = path.join(folder, 'redocly.yaml');
  writeFileSync(redoclyConfig, 'extends:\n  - recommended\n');
  const redocly = [path.join(root, 'node_modules/@redocly/cli/bin/cli.js'), 'lint', `--config=${redoclyConfig}`];
  return {
    commands: {
      oursDefault: [runner, 'lint', '--no-color'],
      redoclyDefault: redocly,
      oursJson: [runner, 'lint', '--format', 'json'],
      redoclyJson: [...redocly, '--format=json'],
    },
    preload,
  };
}

function measure(args: string[], file: string, preload: string): Promise<Measure> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', pathToFileURL(preload).href, ...args, file], {
      env: { ...process.env, NO_COLOR: '1', REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      const rss = /DF_BENCH_MAXRSS_KB=(\d+)/.exec(stderr);
      // Exit 1 is lint's verdict for errors; anything else on stderr before it means the tool did not run.
      const crashed = args[0]?.endsWith('lint-bench-runner.mjs') && code === 1 && !/\[DF_ERR_LINT_ERRORS\]/.test(stderr);
      if (!rss || (code !== 0 && code !== 1) || crashed) {
        reject(new Error(`${args[0]} on ${file} exited ${code}:\n${stderr}`));
        return;
      }
      resolve({ seconds, maxRssMiB: Number(rss[1]) / 1024 });
    });
  });
}

/** Median time and highest peak over the runs; the tools take turns, so load from elsewhere falls on both. */
async function measureAll(runs: number, commands: Record<Config, string[]>, file: string, preload: string): Promise<Record<Config, Measure>> {
  const all = Object.fromEntries(CONFIGS.map((config) => [config, [] as Measure[]])) as Record<Config, Measure[]>;
  for (let i = 0; i < runs; i++) for (const config of CONFIGS) all[config].push(await measure(commands[config], file, preload));
  const summary = (results: Measure[]): Measure => {
    const times = results.map((r) => r.seconds).sort((a, b) => a - b);
    return { seconds: times[Math.floor(times.length / 2)]!, maxRssMiB: Math.max(...results.map((r) => r.maxRssMiB)) };
  };
  return Object.fromEntries(CONFIGS.map((config) => [config, summary(all[config])])) as Record<Config, Measure>;
}

export async function runLintBench(runs = 3): Promise<string> {
  const { commands, preload } = prepare();
  const rows: Row[] = [];
  for (const document of pickDocuments()) {
    const results = await measureAll(runs, commands, path.join(corpus, document.file), preload);
    rows.push({ name: path.basename(document.file), bytes: document.bytes, operations: document.operations, results });
  }
  const ratio = (a: number, b: number) => (a / b).toFixed(2);
  const lines = [
    `### design-first lint vs Redocly CLI lint (recommended ruleset): median of ${runs} runs, taking turns, peak RSS`,
    '',
    '| document | MB | ops | ours s | Redocly s | ratio | ours s (json) | Redocly s (json) | ratio (json) | ours MiB | Redocly MiB | memory ratio | ours ms/MB |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(({ name, bytes, operations, results: r }) => {
      const oursPeak = Math.max(r.oursDefault.maxRssMiB, r.oursJson.maxRssMiB);
      const redoclyPeak = Math.max(r.redoclyDefault.maxRssMiB, r.redoclyJson.maxRssMiB);
      const cells = [
        name,
        (bytes / 1e6).toFixed(2),
        operations,
        r.oursDefault.seconds.toFixed(2),
        r.redoclyDefault.seconds.toFixed(2),
        ratio(r.oursDefault.seconds, r.redoclyDefault.seconds),
        r.oursJson.seconds.toFixed(2),
        r.redoclyJson.seconds.toFixed(2),
        ratio(r.oursJson.seconds, r.redoclyJson.seconds),
        oursPeak.toFixed(0),
        redoclyPeak.toFixed(0),
        ratio(oursPeak, redoclyPeak),
        ((r.oursDefault.seconds * 1000) / (bytes / 1e6)).toFixed(0),
      ];
      return `| ${cells.join(' | ')} |`;
    }),
    '',
    `Node ${process.version}, ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)} at the end. Wall times include process start-up;`,
    "default output: our stylish, Redocly's codeframe; ms/MB shows how our time scales with document size.",
  ];
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const runsFlag = process.argv.indexOf('--runs');
  const runs = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 3;
  console.log(await runLintBench(runs));
}
