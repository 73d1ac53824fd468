/**
 * Runtime tests of the generated platform: generate a service under
 * <repo>/.tmp (it resolves its dependencies from the repository's
 * node_modules), copy a test file from ./fixtures into its test/ folder, and
 * run it there with `tsx --test`, as the service's own tests run.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runNew } from '../../src/cli/commands/new.js';
import { freePort, bin, captureIo, repoRoot, run, scratchFolder } from '../generate/helpers.js';

export { bin, repoRoot, run };

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const fixture = (name: string) => path.join(fixtures, name);

/** The external API (rate limited) and an internal one with request bodies, as v1 and v2 of one service. */
export const EXTERNAL_AND_BODIES = ['examples/apprenticeships/training-providers.yaml', 'examples/pets/pets-v2.yaml'];
export const EXTERNAL = ['examples/apprenticeships/training-providers.yaml'];

export async function generate(label: string, blueprints: string[], options: { playbook?: string; lint?: boolean } = {}): Promise<string> {
  const service = path.join(await scratchFolder(label), 'service');
  const io = captureIo();
  const code = await runNew(
    {
      blueprints,
      out: service,
      cwd: repoRoot,
      ...(options.playbook ? { playbook: options.playbook } : {}),
      ...(options.lint === false ? { lint: false } : {}),
    },
    io,
  );
  assert.equal(code, 0, io.err.join('\n'));
  return service;
}

/**
 * Copy fixtures/<name>.service-test.ts into the service as test/<name>.test.ts
 * and run it; fails with the end of the TAP output unless every test passed.
 */
export async function runServiceTest(service: string, name: string, env: NodeJS.ProcessEnv = {}): Promise<{ pass: number; stdout: string }> {
  const target = path.join(service, 'test', `${name}.test.ts`);
  await copyFile(fixture(`${name}.service-test.ts`), target);
  const result = await run(bin('tsx'), ['--test', path.relative(service, target)], service, env, 120_000);
  const count = (label: string) => Number(new RegExp(`^# ${label} (\\d+)`, 'm').exec(result.stdout)?.[1] ?? NaN);
  const failure = `${name} in ${service}:\n${result.stdout.slice(-6000)}\n${result.stderr.slice(-2000)}`;
  assert.equal(result.code, 0, failure);
  assert.equal(count('fail'), 0, failure);
  assert.ok(count('pass') > 0, failure);
  return { pass: count('pass'), stdout: result.stdout };
}

/**
 * Replace the handler of operation `ident` (in src/handlers/v1/<module>.ts) with one whose body is
 * `implementation`, an expression typed as the operation's handler, as a team would write it.
 */
export async function writeHandler(service: string, module: string, ident: string, implementation: string): Promise<void> {
  await writeFile(
    path.join(service, 'src/handlers/v1', `${module}.ts`),
    `import type { Handlers } from '../../../generated/v1/handlers.js';\n\nexport const ${ident}: Handlers['${ident}'] = ${implementation};\n`,
  );
}

export interface Started {
  child: ChildProcess;
  port: number;
  url: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Start the service (`node --import tsx src/server.ts`) on a free port and wait until /health/live
 * answers. Node runs it directly, as `node dist/src/server.js` does in production: the tsx command
 * would stand between it and its signals (and kill it when it does not confirm one within 30 ms).
 */
export async function startService(service: string, env: NodeJS.ProcessEnv): Promise<Started> {
  const port = await freePort();
  const { NODE_TEST_CONTEXT: _nested, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: service,
    env: { ...inherited, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const started: Started = {
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`${started.url}/health/live`)).ok) return started;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await started.stop();
      throw new Error(`the service did not start within 30 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

export { freePort };
