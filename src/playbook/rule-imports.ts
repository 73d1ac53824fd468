/**
 * `import { defineRule } from 'generator-design-first'` in a custom rule file
 * that sits in a playbook's folder, outside any project that installed
 * design-first: Node would look for the package in that folder's
 * node_modules and fail. A module resolve hook (node:module `register`)
 * answers that one name, and only that name, with the design-first that is
 * running, so a rule always gets the engine it runs in (what a peer
 * dependency says, without asking every playbook to install one).
 */
import { register } from 'node:module';

const PACKAGE = 'generator-design-first';
let registered = false;

/** The hook, run by Node in its loader thread; `initialize` receives the package entry's URL. */
const HOOK = `
let entry;
export function initialize(data) { entry = data.entry; }
export async function resolve(specifier, context, next) {
  if (specifier === ${JSON.stringify(PACKAGE)}) return { url: entry, shortCircuit: true };
  return next(specifier, context);
}
`;

export function useDesignFirstForRuleImports(): void {
  if (registered) return;
  registered = true;
  // The package entry beside this module: dist/src/index.js when compiled, src/index.ts when run from sources.
  const entry = new URL(import.meta.url.endsWith('.ts') ? '../index.ts' : '../index.js', import.meta.url).href;
  register(`data:text/javascript,${encodeURIComponent(HOOK)}`, { data: { entry } });
}
