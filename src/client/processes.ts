/**
 * The two child processes design-first starts: the generator JAR under Java,
 * and (only with --download) the npm wrapper, to fetch the pinned JAR into its
 * storage folder. Output is captured, not streamed: on success it is noise,
 * on failure its tail is printed above the one-line error.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CONFIG_FILE_NAME, storedJarPath, wrapperFolder, WRAPPER_PACKAGE, type GeneratorConfig } from './config.js';
import type { JarDownloader } from './prerequisites.js';

export interface ProcessResult {
  /** Exit code; -1 when the process could not start or was killed. */
  readonly exitCode: number;
  /** stdout and stderr interleaved: the first and the last lines, each cut to a sane length. */
  readonly lines: readonly string[];
}

/** Runs `argv[0]` with `argv.slice(1)` in `cwd`. */
export type ProcessRunner = (argv: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }) => Promise<ProcessResult>;

const HEAD_LINES = 100;
const TAIL_LINES = 200;
const MAX_LINE = 2000;

/** Keeps the start of the output (where the wrapper says why a download failed) and its end (where Java says why it stopped). */
class OutputLines {
  private readonly head: string[] = [];
  private readonly tail: string[] = [];
  private dropped = 0;
  private partial = '';

  add(chunk: Buffer): void {
    const parts = (this.partial + chunk.toString('utf8')).split(/\r?\n/);
    this.partial = parts.pop() ?? '';
    for (const part of parts) this.push(part);
  }

  push(line: string): void {
    const cut = line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line;
    if (this.head.length < HEAD_LINES) return void this.head.push(cut);
    this.tail.push(cut);
    if (this.tail.length > TAIL_LINES) {
      this.tail.shift();
      this.dropped += 1;
    }
  }

  end(): string[] {
    if (this.partial !== '') this.push(this.partial);
    this.partial = '';
    return [...this.head, ...(this.dropped > 0 ? [`… ${this.dropped} lines left out …`] : []), ...this.tail];
  }
}

export const runProcess: ProcessRunner = (argv, options) =>
  new Promise((resolve) => {
    const [command, ...args] = argv;
    const output = new OutputLines();
    const child = spawn(command ?? '', args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: options.timeoutMs,
    });
    child.stdout.on('data', (chunk: Buffer) => output.add(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.add(chunk));
    let failed = false;
    child.on('error', (error) => {
      failed = true;
      output.push(`${command}: ${error.message}`);
    });
    child.on('close', (code, signal) => {
      if (signal) output.push(`${command} stopped by ${signal}`);
      resolve({ exitCode: failed || code === null ? -1 : code, lines: output.end() });
    });
  });

const DOWNLOAD_TIMEOUT_MS = 5 * 60_000;

/**
 * Let the wrapper download the pinned JAR: it reads the same openapitools.json
 * (version, storageDir, repository.downloadUrl) and downloads before running
 * any command; `version` is the cheapest command to run after that. It runs in
 * the config's folder with PWD set there, because the wrapper resolves a
 * relative storageDir against $PWD.
 */
export function wrapperDownloader(run: ProcessRunner = runProcess): JarDownloader {
  return async (config: GeneratorConfig) => {
    const wrapper = wrapperFolder();
    if (wrapper === undefined || storedJarPath(config) === undefined) return { ok: false, reason: `${WRAPPER_PACKAGE} is not installed` };
    // Without a config file (the package's was not shipped), give the wrapper
    // a temporary one with the pin: left alone it would create openapitools.json
    // in its working folder and look up the latest version online.
    const temporary = config.file === undefined ? await mkdtemp(path.join(os.tmpdir(), 'design-first-openapitools-')) : undefined;
    try {
      const file = config.file ?? path.join(temporary!, CONFIG_FILE_NAME);
      if (temporary !== undefined) await writeFile(file, JSON.stringify({ 'generator-cli': { version: config.version } }));
      const cwd = path.dirname(file);
      const argv = [process.execPath, path.join(wrapper, 'main.js'), '--openapitools', file, 'version'];
      const result = await run(argv, { cwd, env: { ...process.env, PWD: cwd }, timeoutMs: DOWNLOAD_TIMEOUT_MS });
      return { ok: result.exitCode === 0, reason: downloadFailure(result) };
    } finally {
      if (temporary !== undefined) await rm(temporary, { recursive: true, force: true });
    }
  };
}

/** The wrapper's own reason (`Download failed, because of: "…"`), else its last line. */
export function downloadFailure(result: ProcessResult): string {
  for (const line of result.lines) {
    // Anchored: the wrapper's crash output quotes its own minified source, which holds the same words.
    const match = /^(?:\x1b\[[\d;]*m)*Download failed, because of: "([^"]*)"/.exec(line);
    if (match) return match[1] ?? line;
  }
  // Skip the wrapper's quotes of its own minified source; keep a line a person wrote.
  const last = [...result.lines].reverse().find((line) => line.trim() !== '' && line.length < 300);
  return result.exitCode === -1 ? `no answer within ${DOWNLOAD_TIMEOUT_MS / 60_000} minutes` : (last?.trim() ?? `exit code ${result.exitCode}`);
}
