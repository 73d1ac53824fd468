/**
 * lintFile: load one blueprint and lint it. A file that is not OpenAPI 3
 * (Swagger 2.0, another version) becomes an `openapi-version-3` finding at the
 * version field, so CI annotates it like any other finding; every other load
 * failure is thrown (exit 2), and the CLI reports it in every format
 * (LoadFailure). lintBlueprints: several loaded blueprints as one run, as
 * `new` and `update` lint them.
 */
import { loadBlueprint, type LoadedBlueprint, type LoadOptions } from '../blueprint/load.js';
import { ERROR_CODES, isDesignFirstError, type DesignFirstError, type ErrorCode } from '../errors.js';
import { playbookFor } from '../playbook/overrides.js';
import type { ResolvedPlaybook } from '../playbook/types.js';
import { lintWithWaivers, SEVERITY, sortFindings, type LintResult } from './engine.js';
import type { Finding, RuleMeta } from './types.js';

const VERSION_RULE = 'openapi-version-3';

/** A blueprint that could not be read or parsed: nothing in it was linted. */
export interface LoadFailure {
  code: ErrorCode;
  message: string;
  hint: string;
  file: string;
  line: number;
  column: number;
  pointer: string;
}

export async function lintFile(file: string, playbook: ResolvedPlaybook, options: LoadOptions = {}): Promise<LintResult> {
  try {
    return await lintWithWaivers(await loadBlueprint(file, options), playbookFor(playbook, file));
  } catch (error) {
    const setting = playbook.rules[VERSION_RULE];
    if (!isDesignFirstError(error) || (error.code !== 'DF_ERR_LOAD_SWAGGER2' && error.code !== 'DF_ERR_LOAD_VERSION') || !setting || setting === 'off') {
      throw error;
    }
    const { file: where = file, line = 1, column = 1, pointer = '' } = error.place;
    const finding: Finding = {
      rule: VERSION_RULE,
      severity: SEVERITY[setting],
      message: `${error.message}: ${ERROR_CODES[error.code].hint}`,
      file: where,
      line,
      column,
      pointer,
    };
    return { findings: [finding], waived: [] };
  }
}

/** A load error as the report formats show it. */
export function loadFailureOf(error: DesignFirstError, file: string): LoadFailure {
  const { file: where = file, line = 1, column = 1, pointer = '' } = error.place;
  return { code: error.code, message: error.message, hint: ERROR_CODES[error.code].hint, file: where, line, column, pointer };
}

/** Lint several blueprints as one run: findings about the playbook itself (its ignore list) are reported once. */
export async function lintBlueprints(loaded: readonly LoadedBlueprint[], playbook: ResolvedPlaybook): Promise<LintResult> {
  const merged = new FindingSet();
  for (const blueprint of loaded) merged.add(await lintWithWaivers(blueprint, playbookFor(playbook, blueprint.root.file)));
  return merged.result();
}

/** Findings of several files, each kept once, sorted by file, line and column. */
export class FindingSet {
  private readonly seen = new Set<string>();
  private readonly findings: Finding[] = [];
  private readonly waived: Finding[] = [];
  private readonly otherRules = new Map<string, RuleMeta>();

  add(result: LintResult): void {
    for (const rule of result.otherRules ?? []) this.otherRules.set(rule.id, rule);
    for (const [list, into] of [
      [result.findings, this.findings],
      [result.waived, this.waived],
    ] as const) {
      for (const finding of list) {
        const key = `${finding.rule}\u0000${finding.file}\u0000${finding.pointer}\u0000${finding.message}`;
        if (this.seen.has(key)) continue;
        this.seen.add(key);
        into.push(finding);
      }
    }
  }

  result(): LintResult {
    return { findings: sortFindings(this.findings), waived: sortFindings(this.waived), otherRules: [...this.otherRules.values()] };
  }
}
