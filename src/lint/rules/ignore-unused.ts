/** A waiver matches a finding. The engine reports this rule itself (waivers.ts), after every finding was matched. */
import { defineRule } from '../types.js';

export default defineRule({
  id: 'ignore-unused',
  description: 'every `x-lint-ignore` and playbook ignore waives at least one finding',
  fix: 'remove the waiver: what it waived was fixed, or it sits on the wrong object',
  create: () => ({}),
});
