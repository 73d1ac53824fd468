/** For people: findings grouped by file, aligned columns, colour on a terminal, and a summary line. */
import { createColors } from 'picocolors';
import { oneLine } from '../../errors.js';
import { plural, summarise } from '../summary.js';
import type { Finding, Place } from '../types.js';

const USED_AT_SHOWN = 3;

export function formatStylish(findings: readonly Finding[], color: boolean): string {
  const c = createColors(color);
  const summary = summarise(findings);
  if (findings.length === 0) return `${c.green('✔')} no problems\n`;
  const byFile = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = byFile.get(finding.file);
    if (list) list.push(finding);
    else byFile.set(finding.file, [finding]);
  }
  const lines: string[] = [];
  for (const [file, list] of byFile) {
    lines.push(c.underline(oneLine(file)));
    const width = Math.max(...list.map((f) => `${f.line}:${f.column}`.length));
    for (const finding of list) {
      const where = `${finding.line}:${finding.column}`.padEnd(width);
      const severity = finding.severity === 'error' ? c.red('error  ') : finding.severity === 'warning' ? c.yellow('warning') : c.blue('info   ');
      // A message quotes blueprint text: it must not break the line, move the cursor or forge output.
      lines.push(`  ${c.dim(where)}  ${severity}  ${oneLine(finding.message)}  ${c.dim(finding.rule)}`);
      if (finding.usedAt) lines.push(`  ${' '.repeat(width)}  ${c.dim(`used at ${usedAtText(finding.usedAt)}`)}`);
    }
    lines.push('');
  }
  const counts = `${plural(summary.total, 'problem')} (${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.infos, 'info')})`;
  const mark = summary.errors > 0 ? c.red('✖') : summary.warnings > 0 ? c.yellow('⚠') : c.blue('ℹ');
  lines.push(`${mark} ${summary.errors > 0 ? c.bold(counts) : counts}`);
  return `${lines.join('\n')}\n`;
}

function usedAtText(places: readonly Place[]): string {
  const shown = places.slice(0, USED_AT_SHOWN).map((place) => `${place.file}:${place.line}:${place.column}`);
  const more = places.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}
