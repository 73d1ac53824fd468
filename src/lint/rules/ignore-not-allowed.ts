/**
 * A waiver the playbook's `waivers` policy does not allow: a blueprint waiving a
 * rule listed in `forbidInBlueprint`, or a waiver without the `expires` date
 * that `requireExpiry` asks for. It waives nothing. The engine reports this rule itself (waivers.ts).
 */
import { defineRule } from '../types.js';

export default defineRule({
  id: 'ignore-not-allowed',
  description: "every waiver is one the playbook's `waivers` policy allows",
  fix: 'fix the finding, ask for the waiver in the playbook, or add the expires date the playbook requires',
  create: () => ({}),
});
