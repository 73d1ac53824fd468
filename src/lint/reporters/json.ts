/** For machines: `{ findings: [{ rule, severity, message, file, line, column, pointer, usedAt? }], summary }`. */
import { summarise } from '../summary.js';
import type { Finding } from '../types.js';

export function formatJson(findings: readonly Finding[]): string {
  const list = findings.map(({ rule, severity, message, file, line, column, pointer, usedAt }) =>
    usedAt ? { rule, severity, message, file, line, column, pointer, usedAt } : { rule, severity, message, file, line, column, pointer },
  );
  return `${JSON.stringify({ findings: list, summary: summarise(findings) }, null, 2)}\n`;
}
