/** formatFindings: one entry point for the five output formats. */
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
}

export function formatFindings(findings: readonly Finding[], format: Format, options: FormatOptions): string {
  const ruleMeta = ruleMetaLookup(options.rules);
  const ruleIds = (options.rules ?? []).map((rule) => rule.id);
  switch (format) {
    case 'stylish':
      return formatStylish(findings, options.color);
    case 'json':
      return formatJson(findings);
    case 'sarif':
      return formatSarif(findings, ruleMeta, ruleIds);
    case 'github':
      return formatGithub(findings);
    case 'junit':
      return formatJunit(findings, ruleMeta, ruleIds);
  }
}

export type { RuleMeta };
