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
 * exits as soon as its work is done, also when it failed before formatting.
 */
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

/** Start loading prettier in its worker now, so that it is ready when the first file is rendered. */
export function startFormatter(): void {
  formatter();
}

let shared: Tinypool | undefined;

function formatter(): Tinypool {
  // One worker, started now. The file sits beside this module in src/ and in dist/ (`npm run build` copies it).
  // No flags of this process in the worker: a loader (tsx) would load there for nothing.
  shared ??= new Tinypool({ filename: new URL('./format-worker.cjs', import.meta.url).href, minThreads: 1, maxThreads: 1, execArgv: [] });
  return shared;
}
