/**
 * Every `description` (and `summary`) text of a document, with its pointer,
 * collected once per document for the Markdown rules. Data (examples,
 * defaults, enums, extensions) is skipped: it is not Markdown that tools render.
 */
import { child } from '../blueprint/openapi.js';

export interface MarkdownText {
  pointer: string;
  text: string;
}

const cache = new WeakMap<object, MarkdownText[]>();
const DATA_KEYS = new Set(['example', 'examples', 'default', 'enum', 'const']);

export function markdownTexts(document: object): MarkdownText[] {
  let found = cache.get(document);
  if (found) return found;
  found = [];
  const stack: Array<[unknown, string, string]> = [[document, '', '']];
  while (stack.length > 0) {
    const [node, pointer, parentKey] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      node.forEach((item, index) => {
        stack.push([item, `${pointer}/${index}`, '']);
      });
      continue;
    }
    for (const key of Object.keys(node)) {
      const value = (node as Record<string, unknown>)[key];
      // Under `properties` and other name maps a key is a name, not a keyword.
      const isName = parentKey === 'properties' || parentKey === 'paths' || parentKey === 'schemas';
      if (!isName && (DATA_KEYS.has(key) || key.startsWith('x-'))) continue;
      if (!isName && (key === 'description' || key === 'summary') && typeof value === 'string') found.push({ pointer: child(pointer, key), text: value });
      else if (value !== null && typeof value === 'object') stack.push([value, child(pointer, key), key]);
    }
  }
  cache.set(document, found);
  return found;
}
