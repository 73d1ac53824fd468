/** Counts of findings, for the summary line, the JSON report and exit codes. */
import type { Finding, Severity } from './types.js';

export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
  total: number;
  /** Findings a waiver covers: not in `total`, never failing a run. */
  waived: number;
  /** Blueprints that could not be loaded, so were not linted. */
  loadFailures: number;
  /** Files with at least one finding. */
  files: number;
  /** Findings per rule, with the severity they were reported at. */
  rules: Record<string, { severity: Severity; count: number }>;
}

export function summarise(findings: readonly Finding[], extra: { waived?: readonly Finding[]; loadFailures?: number } = {}): Summary {
  const summary: Summary = {
    errors: 0,
    warnings: 0,
    infos: 0,
    total: findings.length,
    waived: extra.waived?.length ?? 0,
    loadFailures: extra.loadFailures ?? 0,
    files: 0,
    rules: {},
  };
  const files = new Set<string>();
  for (const finding of findings) {
    if (finding.severity === 'error') summary.errors++;
    else if (finding.severity === 'warning') summary.warnings++;
    else summary.infos++;
    files.add(finding.file);
    const rule = (summary.rules[finding.rule] ??= { severity: finding.severity, count: 0 });
    rule.count++;
  }
  summary.files = files.size;
  return summary;
}

/** `2 errors, 1 warning` (and `, 3 waived` when any): the one-line verdict of lint and of `new`'s lint gate. */
export function verdict(summary: Summary): string {
  const waived = summary.waived > 0 ? `, ${summary.waived} waived` : '';
  return `${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}${waived}`;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
