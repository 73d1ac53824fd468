/**
 * formatFindings: one entry point for the five output formats. Every format
 * says the same things: the findings, the waived findings (counted, and listed
 * where the format can hold them), the blueprints that could not be loaded
 * (never a clean report when one could not be read), and why the run failed
 * when it fails for another reason than errors (--max-warnings).
 */
import type { Finding } from '../types.js';
import type { FormatOptions, Report } from './report.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { ruleMetaLookup, type RuleMeta } from './rule-meta.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';

export const FORMATS = ['stylish', 'json', 'sarif', 'github', 'junit'] as const;
export type Format = (typeof FORMATS)[number];

export function formatFindings(findings: readonly Finding[], format: Format, options: FormatOptions): string {
  const report: Report = {
    findings,
    waived: options.waived ?? [],
    loadFailures: options.loadFailures ?? [],
    failure: options.failure,
    ruleMeta: ruleMetaLookup(options.rules),
    ruleIds: (options.rules ?? []).map((rule) => rule.id),
    color: options.color,
  };
  switch (format) {
    case 'stylish':
      return formatStylish(report);
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report);
    case 'github':
      return formatGithub(report);
    case 'junit':
      return formatJunit(report);
  }
}

export type { FormatOptions, Report, RuleMeta };
