/**
 * Generated services as processes for the upstream tests: started with
 * `tsx src/server.ts`, or as built, on a given loopback port (so an inner service can be
 * stopped and started again where its callers expect it), their output kept.
 */
import { spawn } from 'node:child_process';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bin } from '../generate/helpers.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const fixture = (name: string) => path.join(fixtures, name);

/** Put a fixture handler in place of the team's file for an operation. */
export async function useHandler(service: string, fixtureName: string, handlerModule: string): Promise<void> {
  const target = path.join(service, 'src/handlers/v1', `${handlerModule}.ts`);
  await mkdir(path.dirname(target), { recursive: true });
  await copyFile(path.join(fixtures, 'handlers', fixtureName), target);
}

export interface Running {
  url: string;
  port: number;
  output(): string;
  /** Resolves when the process has exited (SIGTERM, then SIGKILL after 5 s). */
  stop(): Promise<void>;
}

/** How a service is started: from its sources with tsx, or as built (`npm run build`) with node. */
export const fromSources = [bin('tsx'), 'src/server.ts'];
export const asBuilt = [process.execPath, 'dist/src/server.js'];

export async function startOn(service: string, port: number, env: NodeJS.ProcessEnv, [command, ...args] = fromSources): Promise<Running> {
  const { NODE_TEST_CONTEXT: _nested, ...inherited } = process.env;
  const child = spawn(command!, args, {
    cwd: service,
    env: { ...inherited, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'info', NODE_ENV: '', AUTH_MODE: '', UPSTREAM_MODE: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running: Running = {
    url: `http://127.0.0.1:${port}`,
    port,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const killed = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killed);
    },
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the service in ${service} exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`${running.url}/health/live`)).ok) return running;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await running.stop();
      throw new Error(`the service in ${service} did not start within 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The value of one series in a Prometheus text exposition, or 0 when it is absent. */
export function metric(text: string, name: string, labels: Record<string, string>): number {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const body = line.slice(name.length + 1, line.lastIndexOf('}'));
    const found = Object.fromEntries([...body.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((match) => [match[1], match[2]]));
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return 0;
}
