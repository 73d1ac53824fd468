/**
 * Markdown for a pull-request comment: a headline, breaking changes and
 * warnings as tables, the other changes folded away. GitHub refuses comments
 * over 65,536 characters, so rows stop before that with a note of what is left.
 */
import { oneLine } from '../../errors.js';
import type { Change, ChangeLocation, Severity } from '../change.js';
import { summaryLine } from './text.js';

const MAX_LENGTH = 60_000;

const SECTIONS: ReadonlyArray<{ severity: Severity; title: string; folded: boolean }> = [
  { severity: 'breaking', title: ':x: Breaking changes', folded: false },
  { severity: 'warning', title: ':warning: Warnings', folded: false },
  { severity: 'info', title: ':information_source: Other changes', folded: true },
];

export function formatMarkdown(changes: readonly Change[]): string {
  if (changes.length === 0) return '### API changes\n\nNo changes between the two blueprints.\n';
  const out: string[] = [`### API changes: ${summaryLine(changes)}`, ''];
  let length = out.join('\n').length;
  let left = changes.length;
  for (const { severity, title, folded } of SECTIONS) {
    const rows = changes.filter((change) => change.severity === severity);
    if (rows.length === 0) continue;
    const heading = `${title} (${rows.length})`;
    out.push(folded ? `<details><summary>${heading}</summary>\n` : `#### ${heading}\n`);
    out.push('| Check | Change | Old | New |', '| --- | --- | --- | --- |');
    for (const change of rows) {
      const row = `| \`${change.id}\` | ${cell(change.message)} | ${placeCell(change.old)} | ${placeCell(change.new)} |`;
      if (length + row.length > MAX_LENGTH) break;
      out.push(row);
      length += row.length + 1;
      left--;
    }
    out.push(folded ? '\n</details>\n' : '');
    if (length > MAX_LENGTH - 1_000) break;
  }
  if (left > 0)
    out.push(`_${left} more change${left === 1 ? '' : 's'} not shown: run \`design-first diff --format text\` for the full list._`, '');
  return out.join('\n');
}

function placeCell(place: ChangeLocation | undefined): string {
  if (!place) return '';
  return `${cell(`\`${place.file}:${place.line}:${place.column}\``)}<br>${cell(`\`#${place.pointer}\``)}`;
}

/**
 * One table cell: on one line, pipes escaped (GitHub needs that even inside
 * code spans), and outside code spans `<`, `>` and `&` escaped so that names
 * from the blueprint cannot become HTML.
 */
export function cell(text: string): string {
  return oneLine(text)
    .split('`')
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('`')
    .replace(/\|/g, '\\|');
}
