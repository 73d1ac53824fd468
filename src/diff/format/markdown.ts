/**
 * Markdown for a pull-request comment: a heading that counts the changes,
 * then each change as a list item (its check id and explanation), with its
 * places in both documents on a line of their own, so that long JSON pointers
 * never squeeze the explanation. Places use paths relative to the repository
 * and link to it when a blob URL is given. Breaking changes and warnings come
 * first; the other changes are folded away. GitHub refuses comments over
 * 65,536 characters, so items stop before that with a note of what is left.
 */
import { countBySeverity, type Change, type ChangeLocation, type Severity } from '../change.js';
import { codeSpan, escapeMarkdown, linkDestination } from './markdown-text.js';

const MAX_LENGTH = 60_000;

const SECTIONS: ReadonlyArray<{ severity: Severity; title: string; folded: boolean }> = [
  { severity: 'breaking', title: ':x: Breaking changes', folded: false },
  { severity: 'warning', title: ':warning: Warnings', folded: false },
  { severity: 'info', title: ':information_source: Other changes', folded: true },
];

/** How places are written: the path of each file in its repository, and the blob URLs to link them to. */
export interface PlaceOptions {
  /** File as the change names it (`Change.old.file`) -> path in its repository, per document. */
  paths?: { old?: ReadonlyMap<string, string>; new?: ReadonlyMap<string, string> };
  /** Blob URL of each document's revision (`https://github.com/o/r/blob/<sha>`): places link to `<url>/<path>#L<line>`. */
  linkBase?: { old?: string; new?: string };
}

export function formatMarkdown(changes: readonly Change[], options: PlaceOptions = {}): string {
  if (changes.length === 0) return '### API changes\n\nNo changes between the two blueprints.\n';
  const counts = countBySeverity(changes);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const out: string[] = [`### API changes: ${changes.length} (${counts.breaking} breaking, ${plural(counts.warning, 'warning')}, ${counts.info} info)`, ''];
  let length = out.join('\n').length;
  let left = changes.length;
  for (const { severity, title, folded } of SECTIONS) {
    const items = changes.filter((change) => change.severity === severity);
    if (items.length === 0) continue;
    const heading = `${title} (${items.length})`;
    out.push(folded ? `<details><summary>${heading}</summary>\n` : `#### ${heading}\n`);
    for (const change of items) {
      const item = `- **${codeSpan(change.id)}** ${escapeMarkdown(change.message)}\n  <br><sub>${placesLine(change, options)}</sub>`;
      if (length + item.length > MAX_LENGTH) break;
      out.push(item);
      length += item.length + 1;
      left--;
    }
    out.push(folded ? '\n</details>\n' : '');
    if (length > MAX_LENGTH - 1_000) break;
  }
  if (left > 0) out.push(`_${left} more change${left === 1 ? '' : 's'} not shown: run \`design-first diff --format text\` for the full list._`, '');
  return out.join('\n');
}

function placesLine(change: Change, options: PlaceOptions): string {
  const parts: string[] = [];
  if (change.old) parts.push(`old ${place(change.old, options.paths?.old, options.linkBase?.old)}`);
  if (change.new) parts.push(`new ${place(change.new, options.paths?.new, options.linkBase?.new)}`);
  return parts.join(' · ');
}

function place(location: ChangeLocation, paths: ReadonlyMap<string, string> | undefined, linkBase: string | undefined): string {
  const file = paths?.get(location.file) ?? location.file;
  const label = codeSpan(`${file}:${location.line}:${location.column}`);
  const where =
    linkBase && !/^https?:\/\//.test(file)
      ? `[${label}](${linkDestination(`${linkBase.replace(/\/+$/, '')}/${file.split('/').map(encodeURIComponent).join('/')}#L${location.line}`)})`
      : label;
  return `${where} ${codeSpan(`#${location.pointer}`)}`;
}
