/** The three ways a list of changes is written: for a terminal, a pull-request comment, or a program. */
import type { Change } from '../change.js';
import { formatJson } from './json.js';
import { formatMarkdown } from './markdown.js';
import { formatText } from './text.js';

export const DIFF_FORMATS = ['text', 'markdown', 'json'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

export function formatChanges(changes: readonly Change[], format: DiffFormat): string {
  switch (format) {
    case 'json':
      return formatJson(changes);
    case 'markdown':
      return formatMarkdown(changes);
    default:
      return formatText(changes);
  }
}
