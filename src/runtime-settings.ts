/**
 * The RuntimeSettings the model and templates read, from a playbook contract
 * (playbook/contract.ts) and the playbook's identity: derived once here, where
 * both the playbook and the model are visible, so that the model, the
 * templates and the service's own tests agree.
 */
import type { RuntimeSettings } from './model/service-model.js';
import { contractOf } from './playbook/contract.js';
import type { PlaybookContract, ResolvedPlaybook } from './playbook/types.js';

/** The settings templates read, for a contract. */
export function runtimeOf(
  contract: PlaybookContract,
  playbook: { name: string | null; version: string | null },
  vars: Readonly<Record<string, unknown>> = {},
): RuntimeSettings {
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
    vars: structuredClone(vars) as Record<string, unknown>,
  };
}

export function runtimeSettingsOf(playbook: ResolvedPlaybook): RuntimeSettings {
  return runtimeOf(contractOf(playbook), playbook, playbook.vars);
}
