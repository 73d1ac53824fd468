/**
 * The estate's reports: `estate status` as a terminal table, JSON for
 * programs, or Markdown for an issue or a pull-request comment; `estate
 * update` as a summary table. Cells are made one-line and, in Markdown,
 * escaped, because service names and reasons come from the services.
 */
import { oneLine } from '../errors.js';
import type { ServiceStatus } from './status.js';
import type { ServiceUpdate } from './update.js';

export const STATUS_FORMATS = ['table', 'json', 'markdown'] as const;
export type StatusFormat = (typeof STATUS_FORMATS)[number];

const STATUS_HEAD = ['service', 'generator', 'templates', 'playbook', 'lint', 'drifted files', 'unapplied edits', 'breaking', 'policy'];

function statusCells(row: ServiceStatus): string[] {
  if (row.problem) return [row.name, '', '', '', '', '', '', '', `broken: ${row.problem}`];
  const versus = (recorded: string, current: string, behind: boolean) => (behind ? `${recorded} (current ${current})` : recorded);
  return [
    row.name,
    versus(row.generator.recorded, row.generator.current, row.generator.recorded !== row.generator.current),
    versus(row.templates.recorded, row.templates.current, row.templates.behind > 0),
    versus(row.playbook.recorded, row.playbook.current, row.playbook.behind > 0),
    `${row.lint.errors} errors, ${row.lint.warnings} warnings`,
    String(row.check.files.length),
    String(row.check.blueprintEdits.length),
    row.check.unchecked.length > 0 ? `${row.check.breaking} (${row.check.unchecked.join(', ')} not checked)` : String(row.check.breaking),
    row.breaches.length === 0 ? 'kept' : `broken: ${row.breaches.join('; ')}`,
  ];
}

export function formatStatus(rows: readonly ServiceStatus[], format: StatusFormat): string {
  const breaking = rows.filter((row) => row.breaches.length > 0);
  const verdict =
    breaking.length === 0
      ? `Every service keeps the estate policy (${rows.length}).`
      : `${breaking.length} of ${rows.length} services break the estate policy: ${breaking.map((row) => row.name).join(', ')}.`;
  if (format === 'json') return `${JSON.stringify({ services: rows, kept: breaking.length === 0 }, null, 2)}\n`;
  const cells = rows.map(statusCells);
  if (format === 'markdown') {
    const lines = [`## Estate status`, '', markdownText(verdict), '', markdownTable(STATUS_HEAD, cells)];
    for (const row of breaking) {
      lines.push('', `### ${markdownText(row.name)}`, '', ...row.breaches.map((breach) => `- ${markdownText(breach)}`));
      for (const file of row.check.files.slice(0, 20)) lines.push(`- \`${file.path.replace(/`/g, "'")}\`: ${markdownText(file.why)}`);
    }
    return `${lines.join('\n')}\n`;
  }
  return `${textTable(STATUS_HEAD, cells)}\n\n${verdict}\n`;
}

const UPDATE_HEAD = ['service', 'result', 'files written', 'conflicts', 'compile errors', 'detail'];

export function formatUpdates(rows: readonly ServiceUpdate[], dryRun: boolean): string {
  const cells = rows.map((row) => [
    row.name,
    row.result,
    String(row.written.length),
    String(row.conflicts.length),
    row.compileErrors === null ? 'not checked' : String(row.compileErrors.length),
    row.detail,
  ]);
  const details = rows.flatMap((row) => [
    ...row.conflicts.map((line) => `${row.name}: conflict ${line}`),
    ...(row.compileErrors ?? []).map((line) => `${row.name}: ${line}`),
  ]);
  return `${textTable(UPDATE_HEAD, cells)}\n${details.length > 0 ? `\n${details.join('\n')}\n` : ''}\n${updateVerdict(rows, dryRun)}\n`;
}

/** The summary's last line, counted from the rows' results. */
function updateVerdict(rows: readonly ServiceUpdate[], dryRun: boolean): string {
  const count = (...results: Array<ServiceUpdate['result']>) => rows.filter((row) => results.includes(row.result)).length;
  const upToDate = count('up to date');
  if (dryRun) {
    const parts = [
      `${count('would update')} of ${rows.length} services would update`,
      ...(upToDate > 0 ? [`${upToDate} ${upToDate === 1 ? 'is' : 'are'} up to date`] : []),
      ...(count('refused') > 0 ? [`${count('refused')} would be refused`] : []),
      ...(count('failed') > 0 ? [`${count('failed')} failed`] : []),
    ];
    return `Dry run: nothing was written. ${parts.join(', ')}.`;
  }
  const updated = count('updated');
  const notDone = (['refused', 'failed', 'does not compile'] as const).filter((result) => count(result) > 0);
  if (notDone.length === 0) {
    const parts = [...(updated > 0 ? [`${updated} updated`] : []), ...(upToDate > 0 ? [`${upToDate} already ${upToDate === 1 ? 'was' : 'were'}`] : [])];
    return `All ${rows.length} services are up to date: ${parts.join(', ')}.`;
  }
  const failing = notDone.reduce((sum, result) => sum + count(result), 0);
  const others = [
    ...(updated > 0 ? [`${updated} ${updated === 1 ? 'was' : 'were'} updated`] : []),
    ...(upToDate > 0 ? [`${upToDate} ${upToDate === 1 ? 'was' : 'were'} already up to date`] : []),
  ];
  return `${failing} of ${rows.length} services were not brought up to date (${notDone.map((result) => `${count(result)} ${result}`).join(', ')})${others.length > 0 ? `; of the others, ${others.join(' and ')}` : ''}.`;
}

function textTable(head: readonly string[], rows: readonly string[][]): string {
  const all = [head, ...rows].map((row) => row.map((cell) => oneLine(cell)));
  const widths = head.map((_, column) => Math.max(...all.map((row) => row[column]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  return [line(all[0]!), line(widths.map((width) => '-'.repeat(width))), ...all.slice(1).map(line)].join('\n');
}

function markdownTable(head: readonly string[], rows: readonly string[][]): string {
  const row = (cells: readonly string[]) => `| ${cells.map(markdownText).join(' | ')} |`;
  return [row(head), `|${head.map(() => '---').join('|')}|`, ...rows.map(row)].join('\n');
}

/** Text safe in a Markdown table cell or list item: one line, with pipes, emphasis, code, link and HTML characters escaped. */
export function markdownText(text: string): string {
  return oneLine(text).replace(/[\\`*_[\]|<>~]/g, (character) => `\\${character}`);
}
