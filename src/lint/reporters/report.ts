/** What the reporters receive: the options of formatFindings, and those options resolved once (Report). */
import type { LoadFailure } from '../lint-file.js';
import type { Finding, RuleMeta } from '../types.js';

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
