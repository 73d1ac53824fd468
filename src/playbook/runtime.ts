/**
 * The part of a playbook that a generated service runs with: its contract
 * (error shape and member names, envelope names, page sizes, limits, key
 * header) and the RuntimeSettings the model and templates read, derived from
 * it once here so that the model, the templates and the service's own tests
 * agree. A version published under an earlier playbook keeps that playbook's
 * contract (recorded in the manifest); `runtimeOf` turns it back into settings.
 */
import type { RuntimeSettings } from '../model/service-model.js';
import type { VersionContract } from '../write/manifest.js';
import type { PropertyCasing, ResolvedPlaybook } from './types.js';

/** Member names of the `playbook` error shape, in a casing: `Message`/`message`, `Errors`, and the field errors' `In`, `Pointer`, `Detail`. */
export function errorMembersFor(casing: PropertyCasing): VersionContract['errorMembers'] {
  // Each name is one word, so only its first letter depends on the casing.
  const name = (word: string): string => (casing === 'pascal' ? word[0]!.toUpperCase() + word.slice(1) : word);
  return { message: name('message'), errors: name('errors'), in: name('in'), pointer: name('pointer'), detail: name('detail') };
}

/** What a version generated with this playbook answers with. */
export function contractOf(playbook: ResolvedPlaybook): VersionContract {
  return {
    errorShape: playbook.profile.errorShape,
    propertyCasing: playbook.profile.propertyCasing,
    errorMembers: errorMembersFor(playbook.profile.propertyCasing),
    envelope: { page: playbook.envelope.page, links: playbook.envelope.links, rel: playbook.envelope.rel, href: playbook.envelope.href, type: playbook.envelope.type },
    pageSize: playbook.paging.pageSize,
    unpagedMaximum: playbook.paging.unpagedMaximum,
    bodyLimitBytes: playbook.bodyLimitBytes,
    subscriptionKeyHeader: playbook.subscriptionKeyHeader,
    rateLimit: { max: playbook.rateLimit.max, windowSeconds: playbook.rateLimit.windowSeconds },
  };
}

/** The settings templates read, for a contract. */
export function runtimeOf(contract: VersionContract, playbook: { name: string | null; version: string | null }): RuntimeSettings {
  const field = contract.propertyCasing === 'pascal' ? 'Name' : 'name';
  const members = contract.errorMembers;
  const example =
    contract.errorShape === 'playbook'
      ? { [members.message]: '…', [members.errors]: [{ [members.in]: 'body', [members.pointer]: `/${field}`, [members.detail]: 'is required' }] }
      : { type: 'about:blank', title: 'Bad Request', status: 400, detail: '…', errors: [{ in: 'body', pointer: `/${field}`, detail: 'is required' }] };
  return {
    bodyLimitBytes: contract.bodyLimitBytes,
    pageSize: contract.pageSize,
    unpagedMaximum: contract.unpagedMaximum,
    subscriptionKeyHeader: contract.subscriptionKeyHeader,
    envelope: { ...contract.envelope },
    rateLimit: { ...contract.rateLimit },
    errorShape: contract.errorShape,
    propertyCasing: contract.propertyCasing,
    errorMembers: { ...members },
    errorExample: JSON.stringify(example, null, 1).replace(/\n\s*/g, ' '),
    playbook: { name: playbook.name, version: playbook.version },
  };
}

export function runtimeSettingsOf(playbook: ResolvedPlaybook): RuntimeSettings {
  return runtimeOf(contractOf(playbook), playbook);
}
