/**
 * Custom rule modules named by a playbook's `customRules`. A module exports
 * one rule or an array of rules, as its default export or as `rules`; each rule
 * has an `id`, a one-line `description`, a one-line `fix`, optionally an
 * `options` JSON Schema, and a `create` function that returns visitors, which
 * may be async (docs/lint.md, "Writing a rule").
 *
 * Rule files may be JavaScript or TypeScript (`.ts`, `.mts`, `.cts`, loaded
 * through tsx's API), and may `import { defineRule } from
 * 'generator-design-first'` wherever they sit: that name resolves to the
 * design-first that is running them (rule-imports.ts), as a peer dependency
 * would. When a rule file cannot be imported, the reason names the import
 * that failed and the file that asked for it.
 *
 * The playbook loader reads the ids (so it can resolve every rule's setting);
 * the lint engine runs the visitors. Node's module cache makes the second
 * import free.
 */
import { stat } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { useDesignFirstForRuleImports } from './rule-imports.js';
import { RULE_ID_PATTERN } from './schema.js';

/** The structural part of a rule that a playbook can check without the lint engine. */
export interface CustomRuleEntry {
  id: string;
  description: string;
  fix: string;
  /** A JSON Schema for the options the playbook may give the rule (`rules: { id: { severity, options } }`); none: it takes none. */
  options?: object;
  create: (...args: never[]) => unknown;
}

const idPattern = new RegExp(RULE_ID_PATTERN);
const TYPESCRIPT = /\.[cm]?ts$/;

/** Import a custom rule module; returns its rules or a one-line reason why the module is unusable. */
export async function importCustomRules(file: string): Promise<CustomRuleEntry[] | string> {
  if (
    !(await stat(file).then(
      (info) => info.isFile(),
      () => false,
    ))
  )
    return `cannot import ${file}: no such file`;
  let module: Record<string, unknown>;
  try {
    useDesignFirstForRuleImports();
    const url = pathToFileURL(file).href;
    module = (TYPESCRIPT.test(file) ? await (await import('tsx/esm/api')).tsImport(url, import.meta.url) : await import(url)) as Record<string, unknown>;
  } catch (error) {
    const commonJs =
      TYPESCRIPT.test(file) && !file.endsWith('.mts') && /\brequire\b|Cannot find module|ERR_REQUIRE_ESM/.test(String((error as Error)?.message ?? error));
    const hint = commonJs ? ' (a TypeScript rule is an ES module: name it .mts, or put "type": "module" in the package.json of its folder)' : '';
    return `cannot import ${file}: ${importFailure(error)}${hint}`;
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

/** Why an import failed, in one line that names the missing module or the syntax error and where. */
function importFailure(error: unknown): string {
  const failure = error as NodeJS.ErrnoException & { url?: string };
  const message = String(failure?.message ?? error).split('\n')[0]!;
  if (failure?.code === 'ERR_MODULE_NOT_FOUND' || failure?.code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') return `an import it makes failed: ${message}`;
  return message;
}

function ruleProblem(entry: unknown): string | undefined {
  if (entry === null || typeof entry !== 'object') return 'is not an object';
  const rule = entry as Record<string, unknown>;
  if (typeof rule.id !== 'string' || !idPattern.test(rule.id)) return 'needs an `id` in kebab-case';
  if (typeof rule.description !== 'string' || rule.description.trim() === '') return `"${rule.id}" needs a one-line \`description\``;
  if (typeof rule.fix !== 'string' || rule.fix.trim() === '') return `"${rule.id}" needs a one-line \`fix\``;
  if (rule.options !== undefined && (rule.options === null || typeof rule.options !== 'object'))
    return `"${rule.id}" has \`options\` that are not a JSON Schema object`;
  if (typeof rule.create !== 'function') return `"${rule.id}" needs a \`create(context)\` function returning visitors`;
  return undefined;
}
