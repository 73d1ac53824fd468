/** What reporters say about a rule: its one-line description and fix, from the built-in or given definitions, and its level in the playbook. */
import { BUILT_IN_RULE_DEFINITIONS } from '../rules/index.js';
import type { RuleMeta } from '../types.js';
import { INTERNAL_ERROR_RULE } from '../engine.js';

export type { RuleMeta };

const INTERNAL: RuleMeta = {
  id: INTERNAL_ERROR_RULE,
  description: 'a rule failed on this part of the document',
  fix: 'report it with the blueprint that caused it; the other rules still ran',
  severity: 'error',
};

export function ruleMetaLookup(extra: readonly RuleMeta[] = []): (id: string) => RuleMeta {
  const byId = new Map<string, RuleMeta>([[INTERNAL.id, INTERNAL]]);
  for (const rule of [...BUILT_IN_RULE_DEFINITIONS, ...extra]) byId.set(rule.id, { ...byId.get(rule.id), ...pick(rule) });
  return (id) => byId.get(id) ?? { id, description: id, fix: 'see the rule documentation' };
}

function pick(rule: RuleMeta): RuleMeta {
  const meta: RuleMeta = { id: rule.id, description: rule.description, fix: rule.fix };
  if (rule.severity) meta.severity = rule.severity;
  if (rule.helpUri) meta.helpUri = rule.helpUri;
  return meta;
}
