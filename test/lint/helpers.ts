/** Test helpers: lint a YAML text with one rule switched on, through the public API. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadBlueprint } from '../../src/blueprint/load.js';
import { lintBlueprint, type Finding } from '../../src/lint/index.js';
import { loadPlaybook, type ResolvedPlaybook, type RuleSetting } from '../../src/playbook/index.js';

let folder: string | undefined;
let counter = 0;

export async function writeTemp(name: string, text: string): Promise<string> {
  folder ??= await mkdtemp(path.join(tmpdir(), 'df-lint-'));
  const file = path.join(folder, `${++counter}-${name}`);
  await writeFile(file, text);
  return file;
}

/** The built-in playbook with every rule off except `rule` (at its default setting unless given), plus overrides. */
export async function playbookWithOnly(rule: string, overrides: Partial<ResolvedPlaybook> = {}, setting?: RuleSetting): Promise<ResolvedPlaybook> {
  const base = await loadPlaybook();
  const rules: Record<string, RuleSetting> = Object.fromEntries(Object.keys(base.rules).map((id) => [id, 'off']));
  rules[rule] = setting ?? (rule === 'examples-valid' ? 'warn' : base.rules[rule]!);
  return { ...base, ...overrides, rules: { ...rules, ...overrides.rules, [rule]: rules[rule]! } };
}

/** Lint YAML text with only `rule` on; returns its findings. */
export async function lintWith(rule: string, yaml: string, overrides: Partial<ResolvedPlaybook> = {}): Promise<Finding[]> {
  const file = await writeTemp('blueprint.yaml', yaml);
  return lintBlueprint(await loadBlueprint(file), await playbookWithOnly(rule, overrides));
}

/** `[rule, severity, line]` of each finding, for compact assertions. */
export function summary(findings: readonly Finding[]): Array<[string, string, number]> {
  return findings.map((finding) => [finding.rule, finding.severity, finding.line]);
}
