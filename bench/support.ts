/**
 * What the generate, serve and cold-start benchmarks share: design-first
 * compiled by `tsc` (what the package ships), child processes measured for
 * wall time and peak RSS, loopback services started and stopped, and
 * markdown tables. (bench/lint.ts predates this file and keeps its own copy.)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freePort } from '../test/generate/helpers.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const corpus = path.resolve(root, '../shared/corpus');
export const tsc = path.join(root, 'node_modules/.bin/tsc');

export interface Measure {
  seconds: number;
  maxRssMiB: number;
}

/** A scratch folder under <repo>/.tmp, where generated services resolve their dependencies from the repository's node_modules. */
export function repoScratch(label: string): string {
  const base = path.join(root, '.tmp');
  mkdirSync(base, { recursive: true });
  return mkdtempSync(path.join(base, `bench-${label}-`));
}

let compiled: { folder: string; generateRunner: string; preload: string } | undefined;

/**
 * design-first compiled into a package-shaped temporary folder: dist/ from tsc,
 * and package.json, templates/ and node_modules/ linked from the repository,
 * so the compiled code finds its templates as the published package does.
 */
export function compileDesignFirst(): { folder: string; generateRunner: string; preload: string } {
  if (compiled) return compiled;
  const folder = mkdtempSync(path.join(tmpdir(), 'df-bench-pkg-'));
  const dist = path.join(folder, 'dist');
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.json'), '--outDir', dist], {
    encoding: 'utf8',
  });
  // Type errors elsewhere in a work in progress do not stop tsc from emitting; a missing command does.
  const command = path.join(dist, 'src/cli/commands/new.js');
  if (!existsSync(command)) throw new Error(`tsc did not emit ${command}:\n${result.stdout}${result.stderr}`);
  // The rest of `npm run build` that generation needs: plain CommonJS modules such as the formatting worker,
  // loaded by path beside the compiled ones.
  const copied = spawnSync(process.execPath, [path.join(root, 'scripts/copy-plain-modules.mjs'), dist], { encoding: 'utf8' });
  if (copied.status !== 0) throw new Error(`scripts/copy-plain-modules.mjs failed:\n${copied.stderr}`);
  // Removed as this process exits (rmSync unlinks the symbolic links, it does not follow them).
  process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
  for (const name of ['package.json', 'templates', 'node_modules']) symlinkSync(path.join(root, name), path.join(folder, name));
  const generateRunner = path.join(folder, 'generate-runner.mjs');
  writeFileSync(
    generateRunner,
    `// design-first new <blueprint> --out <folder> --no-lint, through the library call.
import { runNew } from ${JSON.stringify(pathToFileURL(command).href)};
const [blueprint, out] = process.argv.slice(2);
process.exitCode = await runNew({ blueprints: [blueprint], out, lint: false }, { stdout: () => {}, stderr: (text) => process.stderr.write(text + '\\n') });
`,
  );
  const preload = path.join(folder, 'report-rss.mjs');
  writeFileSync(
    preload,
    "import { writeSync } from 'node:fs';\nprocess.on('exit', () => writeSync(2, `\\nDF_BENCH_MAXRSS_KB=${process.resourceUsage().maxRSS}\\n`));\n",
  );
  compiled = { folder, generateRunner, preload };
  return compiled;
}

/** Run `node [--import preload] args` to the end; wall time from spawn to exit, peak RSS as the child reports it. */
export function measureNode(args: string[], options: { preload: string; cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<Measure> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', pathToFileURL(options.preload).href, ...args], {
      cwd: options.cwd ?? root,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 300_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const seconds = (performance.now() - started) / 1000;
      const rss = /DF_BENCH_MAXRSS_KB=(\d+)/.exec(stderr);
      if (!rss || code !== 0) {
        reject(new Error(`node ${args.join(' ')} exited ${code ?? signal}:\n${stderr}`));
        return;
      }
      resolve({ seconds, maxRssMiB: Number(rss[1]) / 1024 });
    });
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Median time and highest peak over several measures. */
export function summarise(results: Measure[]): Measure {
  return { seconds: median(results.map((r) => r.seconds)), maxRssMiB: Math.max(...results.map((r) => r.maxRssMiB)) };
}

export interface Started {
  child: ChildProcess;
  port: number;
  base: string;
  /** The last output of the process, for error messages. */
  log: () => string;
  stop: () => Promise<void>;
}

/** Start a server process on a free 127.0.0.1 port (PORT and HOST in its environment); it is not waited for. */
export async function startServer(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Started> {
  const port = await freePort();
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  return {
    child,
    port,
    base: `http://127.0.0.1:${port}`,
    log: () => log,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/** Poll a URL until it answers (any status); rejects if the process exits or the deadline passes. */
export async function waitForAnswer(started: Started, url: string, timeoutMs: number, intervalMs = 10): Promise<Response> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (started.child.exitCode !== null || started.child.signalCode !== null) {
      throw new Error(`${url}: the process exited (${started.child.exitCode ?? started.child.signalCode}) before answering:\n${started.log()}`);
    }
    try {
      return await fetch(url, { signal: AbortSignal.timeout(Math.max(1, Math.ceil(deadline - performance.now()))) });
    } catch (error) {
      // Only "not listening yet" (fetch failed: ECONNREFUSED) and the deadline itself are expected; anything else is a bug here.
      const expected = (error instanceof TypeError && error.message === 'fetch failed') || (error instanceof DOMException && error.name === 'TimeoutError');
      if (!expected) throw error;
      if (performance.now() > deadline) throw new Error(`${url}: no answer within ${(timeoutMs / 1000).toFixed(0)} s (${(error as Error).message})`);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}

/** Peak resident set of a live Linux process (VmHWM), in MiB; undefined elsewhere. */
export function peakRssMiB(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Generate a service with the compiled design-first (`new --no-lint`), in a child process. */
export function generate(blueprint: string, out: string): Promise<Measure> {
  const { generateRunner, preload } = compileDesignFirst();
  return measureNode([generateRunner, blueprint, out], { preload, timeoutMs: 600_000 });
}

/**
 * Build a generated service with the repository's tsc (the service resolves its dependencies from the repository).
 * Type errors do not stop tsc from emitting; they are returned (first lines) so that a table can say so, and only a
 * missing server.js is an error.
 */
export function buildService(service: string): { seconds: number; typeErrors: string | undefined } {
  const started = performance.now();
  const result = spawnSync(tsc, ['-p', '.'], { cwd: service, encoding: 'utf8', timeout: 300_000 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  // The rest of the service's `npm run build`: the route tables' data files beside the compiled modules.
  cpSync(path.join(service, 'src/generated'), path.join(service, 'dist/src/generated'), { recursive: true, filter: (from) => !from.endsWith('.ts') });
  if (!existsSync(path.join(service, 'dist/src/server.js'))) {
    throw new Error(`tsc -p . in ${service} emitted no dist/src/server.js (${result.status ?? result.signal}):\n${output.slice(-3000)}`);
  }
  const errors = output.split('\n').filter((line) => /error TS\d+/.test(line));
  if (result.status !== 0) progress(`tsc -p . in ${service}: ${errors.length} type errors, running what it emitted:\n  ${errors.slice(0, 5).join('\n  ')}`);
  return {
    seconds: (performance.now() - started) / 1000,
    typeErrors: result.status === 0 ? undefined : `${errors.length} type errors, first: ${errors[0] ?? output.slice(0, 200)}`,
  };
}

/** A progress line on stderr (results go to stdout and results.md). */
export function progress(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

export function table(header: string[], align: Array<'l' | 'r'>, rows: Array<Array<string | number>>): string {
  return [`| ${header.join(' | ')} |`, `|${align.map((a) => (a === 'r' ? '---:' : '---')).join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join(
    '\n',
  );
}

export const ratio = (a: number, b: number): string => (b > 0 ? (a / b).toFixed(2) : 'n/a');

/**
 * A ratio beside its verdict against `goal` (the goal is met at or above it): two decimals, or as many
 * as show it below the goal where two would round it onto the goal (0.89991: "0.8999", not "0.90", not met).
 */
export const ratioAgainst = (a: number, b: number, goal: number): string => {
  const value = a / b;
  if (!(b > 0) || value >= goal) return ratio(a, b);
  for (let digits = 2; digits < 8; digits++) if (Number(value.toFixed(digits)) < goal) return value.toFixed(digits);
  return value.toFixed(8);
};

/** True when the file is run directly (`npx tsx bench/x.ts`), not imported by run.ts. */
export const isMain = (url: string): boolean => url === pathToFileURL(process.argv[1] ?? '').href;

export function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

export { freePort };
