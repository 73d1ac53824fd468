/**
 * formatFindings: one entry point for the five output formats. Every format
 * says the same things: the findings, the waived findings (counted, and listed
 * where the format can hold them), the blueprints that could not be loaded
 * (never a clean report when one could not be read), and why the run failed
 * when it fails for another reason than errors (--max-warnings).
 */
import type { LoadFailure } from '../lint-file.js';
import type { Finding } from '../types.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { ruleMetaLookup, type RuleMeta } from './rule-meta.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';

export const FORMATS = ['stylish', 'json', 'sarif', 'github', 'junit'] as const;
export type Format = (typeof FORMATS)[number];

export interface FormatOptions {
  color: boolean;
  /** The rules that ran (sarif lists their metadata, junit one test case each); by default those with findings. */
  rules?: readonly RuleMeta[];
  /** Findings that waivers cover (each with its `waiver`). */
  waived?: readonly Finding[];
  /** Blueprints that could not be loaded. */
  loadFailures?: readonly LoadFailure[];
  /** Why the run fails although it found no error, such as more warnings than --max-warnings. */
  failure?: string;
}

/** What every reporter receives: the options with their defaults resolved once. */
export interface Report {
  findings: readonly Finding[];
  waived: readonly Finding[];
  loadFailures: readonly LoadFailure[];
  failure: string | undefined;
  ruleMeta: (id: string) => RuleMeta;
  /** Ids of the rules that ran, in order. */
  ruleIds: readonly string[];
  color: boolean;
}

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

export type { RuleMeta };
