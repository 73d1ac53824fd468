/**
 * design-first as a library: the pipeline's stages, for scripts and for
 * playbook authors writing custom lint rules (docs/lint.md).
 */
export { loadBlueprint, type LoadedBlueprint, type LoadOptions } from './blueprint/load.js';
export { DesignFirstError, ERROR_CODES, type ErrorCode } from './errors.js';
export { generateService, type GenerateOptions, type GeneratedService } from './pipeline.js';
export { loadPlaybook } from './playbook/index.js';
export type { ResolvedPlaybook } from './playbook/types.js';
export { defineRule, formatFindings, lintBlueprint, summarise, type Finding, type RuleDefinition, type RuleContext } from './lint/index.js';
export { diffBlueprints, formatChanges } from './diff/index.js';
