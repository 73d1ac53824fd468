/**
 * prettier for what people read and review. Large generated files (the route
 * table, types of a 800-operation API) are printed already formatted by our own
 * printers: formatting them again would cost seconds for nothing. The options
 * are the generated service's own .prettierrc.json, so what is formatted here
 * passes its `npm run lint`.
 */
import * as prettier from 'prettier';

const PARSERS: Record<string, string> = { ts: 'typescript', js: 'babel', mjs: 'babel', json: 'json', md: 'markdown', yml: 'yaml', yaml: 'yaml' };
const MAX_FORMATTED_BYTES = 64 * 1024;

export async function formatSource(file: string, content: string): Promise<string> {
  const extension = file.slice(file.lastIndexOf('.') + 1);
  const parser = PARSERS[extension];
  if (!parser || file.startsWith('blueprints/') || content.length > MAX_FORMATTED_BYTES) return content;
  // package.json as npm itself writes it (and as prettier formats it in the service), so an `npm install --save` changes only what it adds.
  const chosen = file === 'package.json' || file.endsWith('/package.json') ? 'json-stringify' : parser;
  return prettier.format(content, { parser: chosen, printWidth: 100, singleQuote: true });
}
