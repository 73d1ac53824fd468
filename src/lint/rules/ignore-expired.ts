/** A waiver past its `expires` date no longer waives. The engine reports this rule itself (waivers.ts). */
import { defineRule } from '../types.js';

export default defineRule({
  id: 'ignore-expired',
  description: 'no waiver is past its `expires` date (YYYY-MM-DD); an expired one waives nothing',
  fix: 'fix the findings it waived, or renew the waiver with a new expires date and reason',
  create: () => ({}),
});
