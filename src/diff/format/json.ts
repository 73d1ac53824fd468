/** JSON for programs: a summary by severity and the changes as `diffBlueprints` returns them. */
import { countBySeverity, type Change } from '../change.js';

export function formatJson(changes: readonly Change[]): string {
  return `${JSON.stringify({ summary: countBySeverity(changes), changes }, null, 2)}\n`;
}
