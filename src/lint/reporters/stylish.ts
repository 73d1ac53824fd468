/**
 * For people: findings grouped by file, aligned columns, colour on a terminal,
 * how to fix each rule that reported, and a summary line. A blueprint that
 * could not be loaded is listed as an error under its file, and the summary
 * says so: never "no problems" for a file that was not linted.
 */
import { createColors } from 'picocolors';
import { oneLine } from '../../errors.js';
import { plural, summarise } from '../summary.js';
import type { Finding, Place } from '../types.js';
import type { Report } from './report.js';

const USED_AT_SHOWN = 3;

interface Line {
  line: number;
  column: number;
  severity: 'error' | 'warning' | 'info';
  message: string;
  label: string;
  usedAt?: readonly Place[];
}

export function formatStylish(report: Report): string {
  const c = createColors(report.color);
  const { findings, waived, loadFailures } = report;
  const summary = summarise(findings, { waived, loadFailures: loadFailures.length });
  const waivedNote = summary.waived > 0 ? `, ${summary.waived} waived (--format json lists them)` : '';
  if (findings.length === 0 && loadFailures.length === 0) return `${c.green('✔')} no problems${waivedNote}\n`;

  const byFile = new Map<string, Line[]>();
  const push = (file: string, line: Line): void => {
    const list = byFile.get(file);
    if (list) list.push(line);
    else byFile.set(file, [line]);
  };
  for (const failure of loadFailures) {
    push(failure.file, {
      line: failure.line,
      column: failure.column,
      severity: 'error',
      message: `could not be linted: ${failure.message}`,
      label: failure.code,
    });
  }
  for (const finding of findings) push(finding.file, lineOf(finding));

  const lines: string[] = [];
  for (const [file, list] of byFile) {
    lines.push(c.underline(oneLine(file)));
    const width = Math.max(...list.map((f) => `${f.line}:${f.column}`.length));
    for (const item of list) {
      const where = `${item.line}:${item.column}`.padEnd(width);
      const severity = item.severity === 'error' ? c.red('error  ') : item.severity === 'warning' ? c.yellow('warning') : c.blue('info   ');
      // A message quotes blueprint text: it must not break the line, move the cursor or forge output.
      lines.push(`  ${c.dim(where)}  ${severity}  ${oneLine(item.message)}  ${c.dim(item.label)}`);
      if (item.usedAt) lines.push(`  ${' '.repeat(width)}  ${c.dim(`used at ${usedAtText(item.usedAt)}`)}`);
    }
    lines.push('');
  }

  const reported = [...new Set(findings.map((finding) => finding.rule))];
  if (reported.length > 0) {
    lines.push('How to fix:');
    const width = Math.max(...reported.map((id) => id.length));
    for (const id of reported) lines.push(`  ${c.dim(id.padEnd(width))}  ${oneLine(report.ruleMeta(id).fix)}`);
    lines.push('');
  }

  const counts = `${plural(summary.total, 'problem')} (${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.infos, 'info')})`;
  const unread = loadFailures.length > 0 ? `${plural(loadFailures.length, 'blueprint')} could not be linted; ` : '';
  const failing = summary.errors > 0 || loadFailures.length > 0;
  const mark = failing ? c.red('✖') : summary.warnings > 0 ? c.yellow('⚠') : c.blue('ℹ');
  const text = `${unread}${counts}${waivedNote}`;
  lines.push(`${mark} ${failing ? c.bold(text) : text}`);
  return `${lines.join('\n')}\n`;
}

function lineOf(finding: Finding): Line {
  const line: Line = { line: finding.line, column: finding.column, severity: finding.severity, message: finding.message, label: finding.rule };
  if (finding.usedAt) line.usedAt = finding.usedAt;
  return line;
}

function usedAtText(places: readonly Place[]): string {
  const shown = places.slice(0, USED_AT_SHOWN).map((place) => `${place.file}:${place.line}:${place.column}`);
  const more = places.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}
