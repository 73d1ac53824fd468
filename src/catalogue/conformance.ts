/**
 * Conformance with the catalogue's playbook: `lint` run over each version, as
 * `design-first lint` would, and summed up for pages and exports.
 */
import type { LoadedBlueprint } from '../blueprint/load.js';
import { lintBlueprints, summarise, type Finding } from '../lint/index.js';
import type { ResolvedPlaybook } from '../playbook/types.js';
import type { Conformance, ConformanceLevel, RuleCount } from './types.js';

const SEVERITY_ORDER: Record<Finding['severity'], number> = { error: 0, warning: 1, info: 2 };

/** The version's findings as `new` and `update` lint it: the playbook's overrides for its file and its waivers applied. */
export async function lintVersion(loaded: LoadedBlueprint, playbook: ResolvedPlaybook): Promise<Finding[]> {
  return (await lintBlueprints([loaded], playbook)).findings;
}

export function conformanceOf(findings: readonly Finding[]): Conformance {
  const summary = summarise(findings);
  const byRule: RuleCount[] = Object.entries(summary.rules)
    .map(([rule, { severity, count }]) => ({ rule, severity, count }))
    .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.count - a.count || a.rule.localeCompare(b.rule));
  return { level: levelOf(summary.errors, summary.warnings), errors: summary.errors, warnings: summary.warnings, infos: summary.infos, byRule };
}

/** Totals over several versions. */
export function combine(parts: readonly Conformance[]): Conformance {
  const counts = new Map<string, RuleCount>();
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const part of parts) {
    errors += part.errors;
    warnings += part.warnings;
    infos += part.infos;
    for (const entry of part.byRule) {
      const key = `${entry.rule}\u0000${entry.severity}`;
      const known = counts.get(key);
      if (known) known.count += entry.count;
      else counts.set(key, { ...entry });
    }
  }
  const byRule = [...counts.values()].sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.count - a.count || a.rule.localeCompare(b.rule),
  );
  return { level: levelOf(errors, warnings), errors, warnings, infos, byRule };
}

function levelOf(errors: number, warnings: number): ConformanceLevel {
  return errors > 0 ? 'errors' : warnings > 0 ? 'warnings' : 'conforms';
}
