/**
 * Helpers for tests that generate real services. Services generated inside
 * the repository's .tmp/ folder resolve their dependencies from the
 * repository's node_modules (the same versions the service template pins; a
 * test checks that), so many services can be type-checked and tested without
 * an `npm install` each. One test (e2e) does the real install, with the tool
 * packed as npm would publish it (packTool, installService).
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { CommandIo } from '../../src/cli/run-command.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const bin = (name: string) => path.join(repoRoot, 'node_modules', '.bin', name);
export const execFileAsync = promisify(execFile);

/** A fresh folder under <repo>/.tmp/ (the generated service goes in `service` inside it). */
export async function scratchFolder(label: string): Promise<string> {
  const base = path.join(repoRoot, '.tmp');
  await mkdir(base, { recursive: true });
  return mkdtemp(path.join(base, `${label}-`));
}

export function captureIo(): CommandIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (text) => out.push(text), stderr: (text) => err.push(text) };
}

/** Run a command, resolving with its output whatever the exit code. */
export async function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, timeout = 300_000) {
  try {
    // NODE_TEST_CONTEXT would make a nested `node --test` report to this runner instead of printing TAP.
    const { NODE_TEST_CONTEXT: _nested, ...inherited } = process.env;
    const { stdout, stderr } = await execFileAsync(command, args, { cwd, env: { ...inherited, ...env }, timeout, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failure.code === 'number' ? failure.code : 1, stdout: failure.stdout ?? '', stderr: failure.stderr ?? '' };
  }
}

/** A port nothing listens on now, on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * This repository as npm would publish it (`npm pack`: the `files` of
 * package.json, dist/ as last built, so build first; `npm test` does), in
 * `folder`. Returns the tarball's path.
 */
export async function packTool(folder: string): Promise<string> {
  // --ignore-scripts: `prepare` would rebuild dist/ while other test files run the built command line.
  const packed = await run(npm, ['pack', '--ignore-scripts', '--pack-destination', folder], repoRoot);
  if (packed.code !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
  const tarball = (await readdir(folder)).find((name) => name.startsWith('generator-design-first-') && name.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack wrote no tarball in ${folder}`);
  return path.join(folder, tarball);
}

let packedOnce: Promise<string> | undefined;

/** The tool packed once per test process (in a temporary folder), for every service that installs it. */
export function packedTool(): Promise<string> {
  packedOnce ??= mkdtemp(path.join(os.tmpdir(), 'df-tool-')).then(packTool);
  return packedOnce;
}

/**
 * `npm install` in a generated service, its package.json as generated.
 * generator-design-first is not on the npm registry yet, and the service pins
 * it in its devDependencies (the version that generated it), so npm could not
 * install it from there. The packed tool is given on the command line with
 * --no-save: npm takes the pinned `generator-design-first@<version>` from that
 * tarball and everything else from the registry, and package.json is left as
 * generated. (A local registry such as verdaccio would serve the same tarball,
 * but would proxy every other download too, at several times the cost.)
 */
export async function installService(service: string, tarball: string) {
  return run(npm, ['install', '--no-save', '--no-audit', '--no-fund', '--prefer-offline', tarball], service, {}, 480_000);
}
