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
 * prettier runs in a worker thread (format-worker.cjs, run by tinypool),
 * started by `startFormatter` when generation begins: loading it and its
 * TypeScript and Babel plugins took a quarter of a second, which the worker
 * spends while the service is modelled and rendered, and the rendering goes
 * on while a file is being formatted. An idle worker holds nothing: `new`
 * exits as soon as its work is done (see startFormatter for a failure before prettier has loaded).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Tinypool } from 'tinypool';

const PARSERS: Record<string, string> = { ts: 'typescript', js: 'babel', mjs: 'babel', json: 'json', yml: 'yaml', yaml: 'yaml' };
const MAX_FORMATTED_BYTES = 32 * 1024;
const OPTIONS = { printWidth: 100, singleQuote: true };

export async function formatSource(file: string, content: string): Promise<string> {
  const extension = file.slice(file.lastIndexOf('.') + 1);
  const parser = PARSERS[extension];
  if (!parser || file.startsWith('blueprints/') || content.length > MAX_FORMATTED_BYTES) return content;
  // package.json as npm itself writes it (and as prettier formatted it in the service), so an `npm install --save` changes only what it adds.
  const chosen = file === 'package.json' || file.endsWith('/package.json') ? 'json-stringify' : parser;
  return (await formatter().run({ content, options: { ...OPTIONS, parser: chosen } })) as string;
}

/**
 * Start loading prettier in its worker now, so that it is ready when the first file is rendered: tinypool
 * loads the worker's module with its first task, so the first task is this one. Until prettier has loaded
 * (a quarter to half a second), the worker holds the process: a generation that fails sooner exits then.
 */
export function startFormatter(): void {
  formatter()
    .run({ warm: true })
    .catch(() => {});
}

let shared: Tinypool | undefined;

function formatter(): Tinypool {
  if (shared) return shared;
  // The file sits beside this module in src/ and in dist/, where `npm run build` copies it (tsc alone does not).
  const worker = new URL('./format-worker.cjs', import.meta.url);
  if (!existsSync(worker))
    throw new Error(`${fileURLToPath(worker)} is missing: build design-first with \`npm run build\`, which copies it beside the compiled modules`);
  shared = new Tinypool({
    filename: worker.href,
    minThreads: 1,
    maxThreads: 1,
    // No flags of this process in the worker: a loader (tsx) would load there for nothing.
    execArgv: [],
    // An idle worker waits for messages on its event loop, not blocked in Atomics.wait, so that prettier's
    // loading, started by the warm-up task, goes on while the worker waits.
    useAtomics: false,
  });
  // A worker that fails rejects the file it was formatting (told as that template's failure); the pool's own
  // report of it must not end the process.
  shared.on('error', () => {});
  return shared;
}
