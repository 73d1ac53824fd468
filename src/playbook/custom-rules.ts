/**
 * Custom rule modules named by a playbook's `customRules`. A module exports
 * one rule or an array of rules, as its default export or as `rules`; each rule
 * has an `id`, a one-line `description`, a one-line `fix` and a `create`
 * function that returns visitors (docs/lint.md, "Writing a rule").
 *
 * The playbook loader reads the ids (so it can resolve every rule's setting);
 * the lint engine runs the visitors. Node's module cache makes the second
 * import free.
 */
import { pathToFileURL } from 'node:url';
import { RULE_ID_PATTERN } from './schema.js';

/** The structural part of a rule that a playbook can check without the lint engine. */
export interface CustomRuleEntry {
  id: string;
  description: string;
  fix: string;
  create: (...args: never[]) => unknown;
}

const idPattern = new RegExp(RULE_ID_PATTERN);

/** Import a custom rule module; returns its rules or a one-line reason why the module is unusable. */
export async function importCustomRules(file: string): Promise<CustomRuleEntry[] | string> {
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException)?.code === 'ERR_MODULE_NOT_FOUND' ? 'no such module' : String((error as Error)?.message ?? error);
    return `cannot import ${file}: ${reason.split('\n')[0]}`;
  }
  const exported = module.default ?? module.rules;
  const entries = Array.isArray(exported) ? exported : exported === undefined ? [] : [exported];
  if (entries.length === 0) return `${file} exports no rule (export default a rule or an array of rules)`;
  for (const [index, entry] of entries.entries()) {
    const problem = ruleProblem(entry);
    if (problem) return `${file}: rule ${index + 1} ${problem}`;
  }
  return entries as CustomRuleEntry[];
}

function ruleProblem(entry: unknown): string | undefined {
  if (entry === null || typeof entry !== 'object') return 'is not an object';
  const rule = entry as Record<string, unknown>;
  if (typeof rule.id !== 'string' || !idPattern.test(rule.id)) return 'needs an `id` in kebab-case';
  if (typeof rule.description !== 'string' || rule.description.trim() === '') return `"${rule.id}" needs a one-line \`description\``;
  if (typeof rule.fix !== 'string' || rule.fix.trim() === '') return `"${rule.id}" needs a one-line \`fix\``;
  if (typeof rule.create !== 'function') return `"${rule.id}" needs a \`create(context)\` function returning visitors`;
  return undefined;
}
