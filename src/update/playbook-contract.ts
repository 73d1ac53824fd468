/**
 * A playbook change is a change to every published version's contract: the
 * error shape, the names in errors and envelopes, page sizes and limits are
 * what clients of v1 already rely on. So each published version is compared
 * with the contract of the playbook it answers as (the manifest pins one per
 * version), change by change, like a blueprint change:
 *
 * - a version whose contract would change in a breaking way keeps its pinned
 *   playbook (its errors, envelopes and pages stay as published) unless
 *   --allow-breaking moves it; a new major version takes the new playbook;
 * - a change no version can keep apart (the subscription key header and the
 *   body limit are one setting for the whole service), or a breaking change
 *   that no version takes (no new version, nothing allowed), is refused;
 * - changes that break nobody (a larger body limit, looser rate limits) apply.
 */
import { DesignFirstError } from '../errors.js';
import type { VersionPin } from '../pipeline.js';
import type { Manifest, VersionContract } from '../write/manifest.js';

export interface ContractChange {
  /** `errorShape`, `envelope.links`, `pageSize`... */
  setting: string;
  from: string;
  to: string;
  breaking: boolean;
  /** What clients see, in a few words. */
  effect: string;
  /** One setting for the whole service: a version cannot keep its own. */
  serviceWide: boolean;
}

export interface VersionContractReview {
  key: string;
  /** The playbook the version answered as before this update. */
  pinned: { name: string | null; version: string | null };
  changes: ContractChange[];
  /** kept: the version keeps its playbook; allowed: moved with --allow-breaking; moved: a service-wide change (refused unless allowed); applied: nothing breaks. */
  outcome: 'kept' | 'moved' | 'allowed' | 'applied';
}

export interface ContractDecision {
  /** Versions that keep the playbook they were published under, for generateService. */
  pins: Record<string, VersionPin>;
  reviews: VersionContractReview[];
  /** Published versions whose contract was not recorded (a migrated manifest): the new playbook applies unchecked. */
  unknown: string[];
}

/** Every difference between two contracts, each marked breaking or not. */
export function diffContracts(before: VersionContract, after: VersionContract): ContractChange[] {
  const changes: ContractChange[] = [];
  const add = (setting: string, from: unknown, to: unknown, breaking: boolean, effect: string, serviceWide = false) => {
    if (String(from) !== String(to)) changes.push({ setting, from: String(from), to: String(to), breaking, effect, serviceWide });
  };
  add('profile.errorShape', before.errorShape, after.errorShape, true, 'every error answer changes media type and members');
  if (before.errorShape === 'playbook' && after.errorShape === 'playbook') {
    for (const member of ['message', 'errors', 'in', 'pointer', 'detail'] as const) {
      add(`error member ${member}`, before.errorMembers[member], after.errorMembers[member], true, 'error answers name this member differently');
    }
  }
  for (const key of ['page', 'links', 'rel', 'href', 'type'] as const) {
    add(`envelope.${key}`, before.envelope[key], after.envelope[key], true, 'collection answers name this member differently');
  }
  add('paging.pageSize', before.pageSize, after.pageSize, true, 'every page holds a different number of items');
  add(
    'paging.unpagedMaximum',
    before.unpagedMaximum,
    after.unpagedMaximum,
    after.unpagedMaximum < before.unpagedMaximum,
    'how many results a request without page may have',
  );
  add('rateLimit.max', before.rateLimit.max, after.rateLimit.max, after.rateLimit.max < before.rateLimit.max, 'requests a client may make per window');
  add(
    'rateLimit.windowSeconds',
    before.rateLimit.windowSeconds,
    after.rateLimit.windowSeconds,
    after.rateLimit.windowSeconds > before.rateLimit.windowSeconds,
    'the window rate limits count in',
  );
  add(
    'bodyLimitBytes',
    before.bodyLimitBytes,
    after.bodyLimitBytes,
    after.bodyLimitBytes < before.bodyLimitBytes,
    'the largest body accepted (one limit for the whole service)',
    true,
  );
  add(
    'subscriptionKeyHeader',
    before.subscriptionKeyHeader,
    after.subscriptionKeyHeader,
    true,
    'the header clients send their key in (one for the whole service)',
    true,
  );
  return changes;
}

export interface DecideInput {
  previous: Manifest;
  /** The new playbook's identity and contract. */
  next: VersionPin;
  /** Keys of the versions the update generates that the service did not have. */
  newVersions: readonly string[];
  /** Contracts of versions whose manifest entry has none, found from the playbook they were made with (undefined: not at hand). */
  recovered: ReadonlyMap<string, VersionContract>;
  allowBreaking: boolean;
}

export function decideContracts(input: DecideInput): ContractDecision {
  const decision: ContractDecision = { pins: {}, reviews: [], unknown: [] };
  for (const version of input.previous.versions) {
    const contract = version.playbook.contract ?? input.recovered.get(version.key);
    if (!contract) {
      decision.unknown.push(version.key);
      continue;
    }
    const pinned = { name: version.playbook.name, version: version.playbook.version };
    const changes = diffContracts(contract, input.next.contract);
    if (changes.length === 0) continue;
    const breaking = changes.some((change) => change.breaking);
    const apart = changes.filter((change) => change.breaking && !change.serviceWide).length > 0;
    const outcome: VersionContractReview['outcome'] = !breaking ? 'applied' : input.allowBreaking ? 'allowed' : apart ? 'kept' : 'moved';
    if (outcome === 'kept') decision.pins[version.key] = { ...version.playbook, contract };
    decision.reviews.push({ key: version.key, pinned, changes, outcome });
  }
  return decision;
}

/**
 * Refuse what cannot be kept apart (service-wide settings) and a breaking
 * change that no version would take; the details list every change by version.
 */
export function refuseContractChanges(decision: ContractDecision, input: Pick<DecideInput, 'next' | 'newVersions' | 'allowBreaking' | 'previous'>): void {
  if (input.allowBreaking) return;
  const serviceWide = decision.reviews.filter((review) => review.changes.some((change) => change.breaking && change.serviceWide));
  const kept = decision.reviews.filter((review) => review.outcome === 'kept');
  const takers = input.newVersions.length + input.previous.versions.filter((version) => !(version.key in decision.pins)).length;
  const blocked = serviceWide.length > 0 ? serviceWide : takers === 0 ? kept : [];
  if (blocked.length === 0) return;
  const name = label(input.next);
  const details = blocked.flatMap((review) => [
    `${review.key} (published under ${label(review.pinned)}): ${name} would change what it answers:`,
    ...formatContractChanges(review.changes.filter((change) => change.breaking)),
  ]);
  details.push(
    serviceWide.length > 0
      ? 'These settings are one for the whole service, so a published version cannot keep its own: pass --allow-breaking once its clients are told.'
      : `To ship them, add a new major version (design-first update <its blueprint>): it takes ${name}, and the published versions keep the playbook they were published under.`,
  );
  throw new DesignFirstError(
    'DF_ERR_UPDATE_BREAKING',
    `the playbook change breaks the contract of published version${blocked.length === 1 ? '' : 's'} ${blocked.map((review) => review.key).join(', ')}; nothing was written`,
    {},
    details,
  );
}

export function formatContractChanges(changes: readonly ContractChange[]): string[] {
  return changes.map((change) => `  ${change.breaking ? 'breaking' : 'info    '}  ${change.setting}: ${change.from} -> ${change.to} (${change.effect})`);
}

export function label(playbook: { name: string | null; version: string | null }): string {
  return playbook.name ? `${playbook.name}${playbook.version ? ` ${playbook.version}` : ''}` : 'the built-in playbook';
}
