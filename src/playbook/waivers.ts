/**
 * The playbook's waiver policy (docs/lint.md, "Waivers"): which rules a
 * blueprint may not waive itself, and whether every waiver must give a reason
 * and an expiry date. Kept apart from load.ts: the schema fragment and the
 * resolution of this one field live here.
 */
import { RULE_ID_PATTERN } from './rule-id.js';
import type { WaiverPolicy } from './types.js';

/** `expires: 2026-12-31`: the last day a waiver counts. */
export const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';

export const WAIVERS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    forbidInBlueprint: { type: 'array', items: { type: 'string', pattern: RULE_ID_PATTERN } },
    requireReason: { type: 'boolean' },
    requireExpiry: { type: 'boolean' },
  },
} as const;

export const DEFAULT_WAIVER_POLICY: WaiverPolicy = { forbidInBlueprint: [], requireReason: false, requireExpiry: false };

export function resolveWaiverPolicy(raw: Partial<WaiverPolicy> | undefined): WaiverPolicy {
  return { ...DEFAULT_WAIVER_POLICY, ...raw };
}
