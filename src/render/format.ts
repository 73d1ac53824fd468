/**
 * prettier for what people read and review. Large generated files (the route
 * table, types of an 800-operation API, the handler map of a 450-operation
 * one) are printed already formatted by our own printers and templates:
 * formatting them again would cost seconds for nothing (Stripe's 62 KB
 * handler map took prettier a second, and changed nothing). Markdown is left
 * as the template wrote it (prettier only pads table columns, which took
 * longer for a README than sampling mock answers for 452 operations); the
 * generated service's .prettierignore lists README.md with design-first's
 * other files. The options are the service's own .prettierrc.json, so what is
 * formatted here passes its `npm run lint`.
 *
 * prettier runs in a worker thread, started by `startFormatter` when
 * generation begins: loading it and its TypeScript and Babel plugins took a
 * quarter of a second, which the worker spends while the service is modelled
 * and rendered, and the rendering goes on while a file is being formatted.
 */
import { Worker } from 'node:worker_threads';

const PARSERS: Record<string, string> = { ts: 'typescript', js: 'babel', mjs: 'babel', json: 'json', yml: 'yaml', yaml: 'yaml' };
const MAX_FORMATTED_BYTES = 32 * 1024;
const OPTIONS = { printWidth: 100, singleQuote: true };

export async function formatSource(file: string, content: string): Promise<string> {
  const extension = file.slice(file.lastIndexOf('.') + 1);
  const parser = PARSERS[extension];
  if (!parser || file.startsWith('blueprints/') || content.length > MAX_FORMATTED_BYTES) return content;
  // package.json as npm itself writes it (and as prettier formatted it in the service), so an `npm install --save` changes only what it adds.
  const chosen = file === 'package.json' || file.endsWith('/package.json') ? 'json-stringify' : parser;
  return formatter().format(content, { ...OPTIONS, parser: chosen });
}

/** Start loading prettier in its worker now, so that it is ready when the first file is rendered. */
export function startFormatter(): void {
  formatter();
}

/**
 * The worker's own code: a plain CommonJS script (no build step, the same under tsx and from dist/) that imports
 * prettier as soon as it starts and formats each file it is sent.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const loading = import(workerData.prettier);
loading.catch(() => {});
parentPort.on('message', async ({ id, content, options }) => {
  try {
    const prettier = await loading;
    parentPort.postMessage({ id, formatted: await prettier.format(content, options) });
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.message) || error) });
  }
});
`;

interface Pending {
  resolve: (formatted: string) => void;
  reject: (error: Error) => void;
}

class Formatter {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private next = 0;

  constructor() {
    // No flags of this process (`--input-type=module` would make the worker's script a module, a loader would load for nothing).
    this.worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [], workerData: { prettier: import.meta.resolve('prettier') } });
    this.worker.on('message', ({ id, formatted, error }: { id: number; formatted?: string; error?: string }) => {
      const waiting = this.pending.get(id);
      if (!waiting) return;
      this.pending.delete(id);
      if (this.pending.size === 0) this.worker.unref();
      if (error !== undefined) waiting.reject(new Error(error));
      else waiting.resolve(formatted ?? '');
    });
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', () => this.failAll(new Error('the formatting worker stopped')));
    // Idle, the worker does not keep the process alive; while a file is being formatted, it does. After the
    // listeners: listening for messages holds the process again (a generation that failed before asking for
    // any file then never exited).
    this.worker.unref();
  }

  format(content: string, options: Record<string, unknown>): Promise<string> {
    const id = this.next++;
    if (this.pending.size === 0) this.worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, content, options });
    });
  }

  private failAll(error: Error): void {
    if (shared === this) shared = undefined;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}

let shared: Formatter | undefined;

function formatter(): Formatter {
  shared ??= new Formatter();
  return shared;
}
