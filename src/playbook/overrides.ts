/**
 * `overrides:` in a playbook: rule settings for the blueprints whose paths
 * match globs, as Spectral's and ESLint's overrides do. Globs are relative to
 * the playbook file that writes them (made absolute when it is loaded, so a
 * parent playbook's stay its own), matched with picomatch; later entries win.
 *
 * ```yaml
 * overrides:
 *   - files: ['legacy/**']
 *     rules: { path-kebab-case: warn, property-casing: off }
 * ```
 */
import path from 'node:path';
import picomatch from 'picomatch';
import { RULE_ID_PATTERN } from './rule-id.js';
import type { ResolvedPlaybook, RuleOverride, RuleSetting } from './types.js';

export const OVERRIDES_SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['files', 'rules'],
    properties: {
      files: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
      rules: { type: 'object', propertyNames: { pattern: RULE_ID_PATTERN }, additionalProperties: { enum: ['error', 'warn', 'info', 'off'] } },
    },
  },
} as const;

/** Globs made absolute against the folder of the playbook that writes them. */
export function absoluteOverrides(overrides: ReadonlyArray<{ files: readonly string[]; rules: Record<string, RuleSetting> }>, folder: string): RuleOverride[] {
  return overrides.map(({ files, rules }) => ({
    files: files.map((glob) => toPosix(path.isAbsolute(glob) ? glob : path.join(folder, glob))),
    rules,
  }));
}

/** The playbook as it applies to one blueprint file: the rule settings of every override whose globs match it. */
export function playbookFor(playbook: ResolvedPlaybook, blueprintFile: string): ResolvedPlaybook {
  if (playbook.overrides.length === 0) return playbook;
  const file = toPosix(path.resolve(blueprintFile));
  let rules: Record<string, RuleSetting> | undefined;
  for (const override of playbook.overrides) {
    if (!picomatch(override.files as string[], { dot: true })(file)) continue;
    rules = { ...(rules ?? playbook.rules), ...override.rules };
  }
  return rules ? { ...playbook, rules } : playbook;
}

function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}
