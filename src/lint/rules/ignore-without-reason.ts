/**
 * A silenced finding says why. The engine reports this rule itself, for each
 * `x-lint-ignore` entry and playbook `ignore` entry that has no `reason`.
 */
import { defineRule } from '../types.js';

export default defineRule({
  id: 'ignore-without-reason',
  description: 'every `x-lint-ignore` and playbook ignore gives a reason',
  fix: 'write the entry as { rule: <id>, reason: <why the finding is accepted> }',
  create: () => ({}),
});
