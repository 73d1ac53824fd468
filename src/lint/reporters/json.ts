/**
 * For machines: `{ findings, waived, loadErrors, error?, failure?, summary }`.
 * Each finding is `{ rule, severity, message, file, line, column, pointer, usedAt? }`;
 * a waived one also carries its `waiver`. `loadErrors` lists the blueprints
 * that could not be loaded, and `error` is the first of them, so a tool that
 * only reads `findings` and `error` still sees that the run did not lint
 * everything.
 */
import { summarise } from '../summary.js';
import type { Finding } from '../types.js';
import type { Report } from './report.js';

export function formatJson(report: Report): string {
  const shape = ({ rule, severity, message, file, line, column, pointer, usedAt, waiver }: Finding) => ({
    rule,
    severity,
    message,
    file,
    line,
    column,
    pointer,
    ...(usedAt ? { usedAt } : {}),
    ...(waiver ? { waiver } : {}),
  });
  const loadErrors = report.loadFailures.map(({ code, message, hint, file, line, column, pointer }) => ({ code, message, hint, file, line, column, pointer }));
  const body = {
    findings: report.findings.map(shape),
    waived: report.waived.map(shape),
    loadErrors,
    ...(loadErrors.length > 0 ? { error: loadErrors[0] } : {}),
    ...(report.failure ? { failure: report.failure } : {}),
    summary: summarise(report.findings, { waived: report.waived, loadFailures: report.loadFailures.length }),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
