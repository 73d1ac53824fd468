/**
 * Helpers for tests that generate real services. Services generated inside
 * the repository's .tmp/ folder resolve their dependencies from the
 * repository's node_modules (the same versions the service template pins; a
 * test checks that), so many services can be type-checked and tested without
 * an `npm install` each. One test (e2e) does the real install.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
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
