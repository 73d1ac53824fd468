/** What reporters say about a rule: its one-line description and fix, from the built-in or given definitions. */
import { BUILT_IN_RULE_DEFINITIONS } from '../rules/index.js';
import type { RuleDefinition } from '../types.js';
import { INTERNAL_ERROR_RULE } from '../engine.js';

export type RuleMeta = Pick<RuleDefinition, 'id' | 'description' | 'fix'>;

const INTERNAL: RuleMeta = {
  id: INTERNAL_ERROR_RULE,
  description: 'a rule failed on this part of the document',
  fix: 'report it with the blueprint that caused it; the other rules still ran',
};

export function ruleMetaLookup(extra: readonly RuleMeta[] = []): (id: string) => RuleMeta {
  const byId = new Map<string, RuleMeta>([[INTERNAL.id, INTERNAL]]);
  for (const rule of [...BUILT_IN_RULE_DEFINITIONS, ...extra]) byId.set(rule.id, rule);
  return (id) => byId.get(id) ?? { id, description: id, fix: 'see the rule documentation' };
}
