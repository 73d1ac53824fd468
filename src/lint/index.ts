/**
 * design-first lint: the playbook's rules over a loaded blueprint
 * (docs/lint.md). The pipeline calls lintBlueprint; the CLI calls lintFile.
 */
export { activeRules, lintBlueprint, lintWithWaivers, sortFindings, INTERNAL_ERROR_RULE, SEVERITY, type LintResult } from './engine.js';
export { FindingSet, lintBlueprints, lintFile, loadFailureOf, type LoadFailure } from './lint-file.js';
export { summarise, verdict, type Summary } from './summary.js';
export { formatFindings, FORMATS, type Format, type FormatOptions, type RuleMeta } from './reporters/index.js';
export { BUILT_IN_RULE_DEFINITIONS } from './rules/index.js';
export {
  defineRule,
  type Collection,
  type Finding,
  type OperationNode,
  type Place,
  type Report,
  type RuleContext,
  type RuleDefinition,
  type SchemaNode,
  type Severity,
  type Visitor,
  type Waiver,
} from './types.js';
