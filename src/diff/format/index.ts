/** The three ways a list of changes is written: for a terminal, a pull-request comment, or a program. */
import type { Change } from '../change.js';
import { formatJson } from './json.js';
import { formatMarkdown, type PlaceOptions } from './markdown.js';
import { formatText } from './text.js';

export const DIFF_FORMATS = ['text', 'markdown', 'json'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];
/** How markdown writes places (repository paths, links); the other formats write them as the changes have them. */
export type FormatOptions = PlaceOptions;

export function formatChanges(changes: readonly Change[], format: DiffFormat, options: FormatOptions = {}): string {
  switch (format) {
    case 'json':
      return formatJson(changes);
    case 'markdown':
      return formatMarkdown(changes, options);
    default:
      return formatText(changes);
  }
}
