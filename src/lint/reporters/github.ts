/**
 * GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message`.
 * Escaping as GitHub's toolkit does: data escapes `%`, CR and LF; property
 * values also escape `:` and `,`.
 */
import type { Finding } from '../types.js';

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

export function formatGithub(findings: readonly Finding[]): string {
  return findings
    .map((finding) => {
      const properties = [
        `file=${escapeProperty(finding.file)}`,
        `line=${finding.line}`,
        `col=${finding.column}`,
        `title=${escapeProperty(`${finding.rule} (${finding.severity})`)}`,
      ].join(',');
      const usedAt = finding.usedAt ? `\n(used at ${finding.usedAt.length} place${finding.usedAt.length === 1 ? '' : 's'}, first ${finding.usedAt[0]!.file}:${finding.usedAt[0]!.line})` : '';
      return `::${COMMAND[finding.severity]} ${properties}::${escapeData(`${finding.message} [${finding.pointer || '/'}]${usedAt}`)}\n`;
    })
    .join('');
}

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
