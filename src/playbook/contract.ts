/**
 * What a version generated with a playbook answers with that the playbook
 * decides: its contract (error shape and member names, envelope names, page
 * sizes, limits, key header). A version published under an earlier playbook
 * keeps that playbook's contract, recorded in the manifest (write/manifest.ts
 * holds the same shape as VersionContract; test/seams/playbook-contract.test.ts
 * keeps the two together).
 */
import { DEFAULT_SETTINGS } from './defaults.js';
import type { PlaybookContract, PropertyCasing, ResolvedPlaybook } from './types.js';

/** Member names of the `playbook` error shape, in a casing: `Message`/`message`, `Errors`, and the field errors' `In`, `Pointer`, `Detail`. */
export function errorMembersFor(casing: PropertyCasing): PlaybookContract['errorMembers'] {
  // Each name is one word, so only its first letter depends on the casing.
  const name = (word: string): string => (casing === 'pascal' ? word[0]!.toUpperCase() + word.slice(1) : word);
  return { message: name('message'), errors: name('errors'), in: name('in'), pointer: name('pointer'), detail: name('detail') };
}

/** What a version generated with this playbook answers with. */
export function contractOf(playbook: ResolvedPlaybook): PlaybookContract {
  return {
    errorShape: playbook.profile.errorShape,
    propertyCasing: playbook.profile.propertyCasing,
    errorMembers: errorMembersFor(playbook.profile.propertyCasing),
    envelope: {
      page: playbook.envelope.page,
      links: playbook.envelope.links,
      rel: playbook.envelope.rel,
      href: playbook.envelope.href,
      type: playbook.envelope.type,
    },
    pageSize: playbook.paging.pageSize,
    unpagedMaximum: playbook.paging.unpagedMaximum,
    bodyLimitBytes: playbook.bodyLimitBytes,
    subscriptionKeyHeader: playbook.subscriptionKeyHeader,
    rateLimit: { max: playbook.rateLimit.max, windowSeconds: playbook.rateLimit.windowSeconds },
  };
}

/**
 * A playbook that gives `contract`, for rendering only (its rules are the
 * defaults): what update regenerates the files it wrote before from, when
 * the playbook file of that time is no longer at hand but the manifest
 * recorded what it decided.
 */
export function playbookGiving(
  contract: PlaybookContract,
  identity: { name: string | null; version: string | null; hash: string },
  templates: string | null,
  vars: Readonly<Record<string, unknown>> = {},
): ResolvedPlaybook {
  return Object.freeze({
    ...DEFAULT_SETTINGS,
    file: null,
    package: null,
    name: identity.name,
    version: identity.version,
    hash: identity.hash,
    profile: { ...DEFAULT_SETTINGS.profile, errorShape: contract.errorShape, propertyCasing: contract.propertyCasing },
    envelope: { ...DEFAULT_SETTINGS.envelope, ...contract.envelope },
    paging: { pageSize: contract.pageSize, unpagedMaximum: contract.unpagedMaximum },
    bodyLimitBytes: contract.bodyLimitBytes,
    subscriptionKeyHeader: contract.subscriptionKeyHeader,
    rateLimit: { ...contract.rateLimit },
    templates,
    vars,
  });
}
