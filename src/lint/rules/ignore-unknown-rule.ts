/** A waiver names a rule that exists. The engine reports this rule itself (waivers.ts); such a waiver waives nothing. */
import { defineRule } from '../types.js';

export default defineRule({
  id: 'ignore-unknown-rule',
  description: 'every `x-lint-ignore` and playbook ignore names a built-in or custom rule',
  fix: 'correct the rule id (docs/lint.md lists them), or remove the entry',
  create: () => ({}),
});
