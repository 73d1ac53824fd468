/**
 * Plain text for a terminal or a CI log: a summary line, then each change with
 * its check id, its explanation and its place in both documents.
 * Everything from the documents goes through oneLine: a name cannot carry
 * terminal escapes or fake lines into the output.
 */
import { oneLine } from '../../errors.js';
import { countBySeverity, type Change, type ChangeLocation } from '../change.js';

export function formatText(changes: readonly Change[]): string {
  if (changes.length === 0) return 'No changes.\n';
  const lines = [summaryLine(changes), ''];
  for (const change of changes) {
    lines.push(`${change.severity.padEnd(8)}  ${change.id}`);
    lines.push(`  ${oneLine(change.message)}`);
    if (change.old) lines.push(`  old  ${placeText(change.old)}`);
    if (change.new) lines.push(`  new  ${placeText(change.new)}`);
    lines.push('');
  }
  return `${lines.join('\n')}`;
}

export function summaryLine(changes: readonly Change[]): string {
  const counts = countBySeverity(changes);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(changes.length, 'change')}: ${counts.breaking} breaking, ${plural(counts.warning, 'warning')}, ${counts.info} info`;
}

export function placeText(place: ChangeLocation): string {
  return oneLine(`${place.file}:${place.line}:${place.column} #${place.pointer}`);
}
