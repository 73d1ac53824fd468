/** Counts of findings, for the summary line, the JSON report and exit codes. */
import type { Finding, Severity } from './types.js';

export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
  total: number;
  /** Files with at least one finding. */
  files: number;
  /** Findings per rule, with the severity they were reported at. */
  rules: Record<string, { severity: Severity; count: number }>;
}

export function summarise(findings: readonly Finding[]): Summary {
  const summary: Summary = { errors: 0, warnings: 0, infos: 0, total: findings.length, files: 0, rules: {} };
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

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
