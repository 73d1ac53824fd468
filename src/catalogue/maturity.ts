/**
 * A maturity level per API, after the maturity model of the government's
 * "data and API estate" reference architecture (docs/catalogue.md quotes it):
 *
 * - level 1: described with OpenAPI 3;
 * - level 2: documented (description, owner, every operation summarised) and
 *   protected with OAuth 2.0 or OpenID Connect;
 * - level 3: open to users outside the organisation, published to a catalogue
 *   (a public address for catalogue.csv), and documentation automated and
 *   self-updating (a generated service serving docs from its blueprint, in step).
 *
 * An API is at the highest level whose criteria, and those of every level
 * below, are all met. Each criterion says why it is or is not met.
 */
import type { AuthMethod, CatalogueVersion, Maturity, MaturityCriterion, Owner, ServiceDrift } from './types.js';

export interface MaturityInputs {
  newest: CatalogueVersion;
  description: string;
  owner: Owner | null;
  audience: 'internal' | 'external' | 'unstated';
  authentication: readonly AuthMethod[];
  /** Null for a plain blueprint; a service's drift otherwise. */
  drift: ServiceDrift | null;
  baseUrl: string | null;
}

export function maturityOf(inputs: MaturityInputs): Maturity {
  const criteria: MaturityCriterion[] = [
    {
      id: 'openapi-3',
      level: 1,
      met: true,
      reason: `described with OpenAPI ${inputs.newest.openapi}`,
    },
    documented(inputs),
    oauth(inputs.authentication),
    externalAccess(inputs),
    published(inputs),
    generatedDocs(inputs.drift),
  ];
  let level: Maturity['level'] = 0;
  for (const candidate of [1, 2, 3] as const) {
    if (!criteria.filter((criterion) => criterion.level <= candidate).every((criterion) => criterion.met)) break;
    level = candidate;
  }
  return { level, criteria };
}

function documented(inputs: MaturityInputs): MaturityCriterion {
  const missing: string[] = [];
  if (!inputs.description) missing.push('a description (info.description)');
  if (!inputs.owner) missing.push('an owner (info.contact)');
  const bare = inputs.newest.operations.filter((operation) => !operation.summary).length;
  if (bare > 0) missing.push(`a summary for ${bare} operation${bare === 1 ? '' : 's'}`);
  return {
    id: 'documented',
    level: 2,
    met: missing.length === 0,
    reason: missing.length === 0 ? 'has a description, an owner and a summary for every operation' : `lacks ${missing.join(', ')}`,
  };
}

function oauth(authentication: readonly AuthMethod[]): MaturityCriterion {
  const found = authentication.find((method) => method.kind === 'oauth2-client-credentials' || method.kind === 'oauth2' || method.kind === 'openid-connect');
  return {
    id: 'oauth',
    level: 2,
    met: found !== undefined,
    reason: found
      ? `protected with ${found.label}`
      : authentication.length === 0
        ? 'no operation requires authentication'
        : `uses ${authentication.map((method) => method.label).join(', ')}, not OAuth 2.0 or OpenID Connect`,
  };
}

function externalAccess(inputs: MaturityInputs): MaturityCriterion {
  if (inputs.audience !== 'external') {
    return {
      id: 'external-access',
      level: 3,
      met: false,
      reason:
        inputs.audience === 'internal'
          ? 'marked for users inside the organisation (x-audience: internal)'
          : 'not marked as open to outside users (x-audience: external)',
    };
  }
  const authenticated = inputs.authentication.length > 0;
  return {
    id: 'external-access',
    level: 3,
    met: authenticated,
    reason: authenticated ? 'open to users outside the organisation, with authentication' : 'marked external, but no operation requires authentication',
  };
}

function published(inputs: MaturityInputs): MaturityCriterion {
  const missing: string[] = [];
  if (!inputs.baseUrl) missing.push('a public address (the catalogue was built without --base-url)');
  if (!inputs.owner) missing.push('a maintainer (info.contact)');
  if (!inputs.description) missing.push('a description');
  return {
    id: 'published',
    level: 3,
    met: missing.length === 0,
    reason:
      missing.length === 0
        ? 'listed in catalogue.csv for the government API catalogue, with its documentation address'
        : `catalogue.csv cannot publish it: it lacks ${missing.join(', ')}`,
  };
}

function generatedDocs(drift: ServiceDrift | null): MaturityCriterion {
  if (drift === null) {
    return { id: 'generated-docs', level: 3, met: false, reason: 'a blueprint without a generated service: no service serves documentation from it' };
  }
  return {
    id: 'generated-docs',
    level: 3,
    met: drift.inStep,
    reason: drift.inStep
      ? 'its service serves documentation generated from the blueprint, and is in step with its playbook and templates'
      : `its service serves documentation generated from the blueprint, but has drifted: ${drift.reasons.join('; ')}`,
  };
}
