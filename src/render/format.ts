/**
 * prettier for what people read and review. Large generated files (the route
 * table, types of a 800-operation API) are printed already formatted by our own
 * printers: formatting them again would cost seconds for nothing.
 */
import * as prettier from 'prettier';

const PARSERS: Record<string, string> = { ts: 'typescript', js: 'babel', mjs: 'babel', json: 'json', md: 'markdown', yml: 'yaml', yaml: 'yaml' };
const MAX_FORMATTED_BYTES = 64 * 1024;

export async function formatSource(file: string, content: string): Promise<string> {
  const extension = file.slice(file.lastIndexOf('.') + 1);
  const parser = PARSERS[extension];
  if (!parser || file.startsWith('blueprints/') || content.length > MAX_FORMATTED_BYTES) return content;
  return prettier.format(content, { parser, printWidth: 100, singleQuote: true });
}
