/**
 * The estate policy: what `design-first estate status` holds every service to
 * (docs/estate.md). It lives in the playbook, under `estate.policy`, because
 * the playbook's authors decide how far a team may lag; it does not change
 * what a service is generated from, so it is no part of the playbook's hash.
 *
 * loadPlaybook checks the section against ESTATE_SCHEMA with the rest of the
 * file (located errors); loadEstatePolicy reads it with the defaults applied.
 */
import { readRootSource } from '../blueprint/fetch-source.js';

const limit = { anyOf: [{ type: 'integer', minimum: 0 }, { type: 'null' }] };

export const ESTATE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    policy: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxLintErrors: limit,
        maxLintWarnings: limit,
        maxTemplateVersionsBehind: limit,
        maxPlaybookVersionsBehind: limit,
        allowGeneratedDrift: { type: 'boolean' },
        allowUnappliedBlueprintEdits: { type: 'boolean' },
        allowBreakingChanges: { type: 'boolean' },
      },
    },
  },
};

export interface EstatePolicy {
  /** Most lint errors a service may have under the current playbook; null: any number. */
  maxLintErrors: number | null;
  maxLintWarnings: number | null;
  /** Releases of the template set a service may be behind (major or minor; patch releases do not count); null: any. */
  maxTemplateVersionsBehind: number | null;
  /** Releases of the playbook a service may be behind, counted the same way; a changed playbook file counts as one. */
  maxPlaybookVersionsBehind: number | null;
  /** May generated and platform files differ from what the recorded inputs produce (update --check)? */
  allowGeneratedDrift: boolean;
  /** May a stored blueprint be edited without update having been run? */
  allowUnappliedBlueprintEdits: boolean;
  /** May a published version's blueprint hold breaking changes against what was published? */
  allowBreakingChanges: boolean;
}

export const DEFAULT_ESTATE_POLICY: Readonly<EstatePolicy> = Object.freeze({
  maxLintErrors: 0,
  maxLintWarnings: null,
  maxTemplateVersionsBehind: 1,
  maxPlaybookVersionsBehind: 0,
  allowGeneratedDrift: false,
  allowUnappliedBlueprintEdits: true,
  allowBreakingChanges: false,
});

/** The policy of a playbook file (already checked by loadPlaybook); the defaults for the built-in playbook. */
export async function loadEstatePolicy(file: string | null): Promise<EstatePolicy> {
  if (file === null) return { ...DEFAULT_ESTATE_POLICY };
  const data = (await readRootSource(file)).data as { estate?: { policy?: Partial<EstatePolicy> } } | null;
  return { ...DEFAULT_ESTATE_POLICY, ...data?.estate?.policy };
}
