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
 */
import * as prettier from 'prettier';

const PARSERS: Record<string, string> = { ts: 'typescript', js: 'babel', mjs: 'babel', json: 'json', yml: 'yaml', yaml: 'yaml' };
const MAX_FORMATTED_BYTES = 32 * 1024;

export async function formatSource(file: string, content: string): Promise<string> {
  const extension = file.slice(file.lastIndexOf('.') + 1);
  const parser = PARSERS[extension];
  if (!parser || file.startsWith('blueprints/') || content.length > MAX_FORMATTED_BYTES) return content;
  // package.json as npm itself writes it (and as prettier formats it in the service), so an `npm install --save` changes only what it adds.
  const chosen = file === 'package.json' || file.endsWith('/package.json') ? 'json-stringify' : parser;
  return prettier.format(content, { parser: chosen, printWidth: 100, singleQuote: true });
}
