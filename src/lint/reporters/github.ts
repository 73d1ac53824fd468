/**
 * GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message`.
 * Escaping as GitHub's toolkit does: data escapes `%`, CR and LF; property
 * values also escape `:` and `,`.
 *
 * GitHub shows at most 10 annotations of each level per step and drops the
 * rest without a word, so at most that many are written, most severe first,
 * and a last annotation says what was left out. A blueprint that could not be
 * loaded is an `::error` at the place loading stopped.
 */
import { plural } from '../summary.js';
import type { Finding } from '../types.js';
import type { Report } from './report.js';

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;
/** GitHub's limit of annotations per level in one step. */
export const ANNOTATIONS_PER_LEVEL = 10;
const LEVELS = ['error', 'warning', 'info'] as const;

export function formatGithub(report: Report): string {
  const lines: string[] = [];
  for (const failure of report.loadFailures) {
    const properties = [
      `file=${escapeProperty(failure.file)}`,
      `line=${failure.line}`,
      `col=${failure.column}`,
      `title=${escapeProperty(`could not be linted (${failure.code})`)}`,
    ].join(',');
    lines.push(`::error ${properties}::${escapeData(`${failure.message} [${failure.code}] - ${failure.hint}`)}\n`);
  }
  const byLevel = new Map(LEVELS.map((level) => [level, report.findings.filter((finding) => finding.severity === level)]));
  const room = new Map(LEVELS.map((level) => [level, level === 'error' ? ANNOTATIONS_PER_LEVEL - report.loadFailures.length : ANNOTATIONS_PER_LEVEL]));
  const over = LEVELS.filter((level) => byLevel.get(level)!.length > Math.max(0, room.get(level)!));
  // The summary is itself an annotation, at the most severe level left out: it takes one place there.
  const summaryLevel = over[0];
  if (summaryLevel) room.set(summaryLevel, room.get(summaryLevel)! - 1);
  const left: Record<(typeof LEVELS)[number], number> = { error: 0, warning: 0, info: 0 };
  for (const level of LEVELS) {
    const list = byLevel.get(level)!;
    const shown = list.slice(0, Math.max(0, room.get(level)!));
    left[level] = list.length - shown.length;
    for (const finding of shown) lines.push(annotation(finding));
  }
  if (summaryLevel) {
    const parts = [plural(left.error, 'error'), plural(left.warning, 'warning'), plural(left.info, 'info')].filter((part) => !part.startsWith('0 '));
    const text = `${parts.join(', ')} more not annotated (GitHub shows ${ANNOTATIONS_PER_LEVEL} per level in a step); run design-first lint --format stylish to see them all`;
    lines.push(`::${COMMAND[summaryLevel]} title=${escapeProperty('design-first lint')}::${escapeData(text)}\n`);
  }
  if (report.failure) lines.push(`::error title=${escapeProperty('design-first lint')}::${escapeData(report.failure)}\n`);
  return lines.join('');
}

function annotation(finding: Finding): string {
  const properties = [
    `file=${escapeProperty(finding.file)}`,
    `line=${finding.line}`,
    `col=${finding.column}`,
    `title=${escapeProperty(`${finding.rule} (${finding.severity})`)}`,
  ].join(',');
  const usedAt = finding.usedAt
    ? `\n(used at ${finding.usedAt.length} place${finding.usedAt.length === 1 ? '' : 's'}, first ${finding.usedAt[0]!.file}:${finding.usedAt[0]!.line})`
    : '';
  return `::${COMMAND[finding.severity]} ${properties}::${escapeData(`${finding.message} [${finding.pointer || '/'}]${usedAt}`)}\n`;
}

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
