/**
 * The estate layer (docs/estate.md): many services at once, built on what
 * each service already has. It reads manifests and runs lint, diff and update;
 * it never does their work itself.
 */
import path from 'node:path';
import { DesignFirstError } from '../errors.js';
import { loadEstatePolicy, type EstatePolicy } from '../playbook/estate-policy.js';
import { checkDrift } from './check.js';
import { serviceStatus, type Checker, type ServiceStatus } from './status.js';
import { choosePlaybook } from './targets.js';
import { updateService, type EstateUpdateOptions, type ServiceUpdate } from './update.js';

export { formatStatus, formatUpdates, STATUS_FORMATS, type StatusFormat } from './report.js';
export type { ServiceStatus } from './status.js';
export type { ServiceUpdate } from './update.js';

export interface EstateStatusOptions {
  /** Service folders (absolute). */
  services: readonly string[];
  /** The playbook to measure against: a file relative to `cwd` or a package installed there; default: each service's own, and the built-in policy. */
  playbook?: string;
  cwd: string;
  check?: Checker;
  progress?: (step: string) => void;
}

export interface EstateStatus {
  rows: ServiceStatus[];
  policy: EstatePolicy;
  kept: boolean;
}

export async function estateStatus(options: EstateStatusOptions): Promise<EstateStatus> {
  refuseNoServices(options.services);
  const playbook = options.playbook === undefined ? undefined : await choosePlaybook(options.playbook, options.cwd);
  const policy = await loadEstatePolicy(playbook?.playbook.file ?? null);
  const rows: ServiceStatus[] = [];
  for (const [index, dir] of options.services.entries()) {
    options.progress?.(`checking ${path.basename(dir)} (${index + 1} of ${options.services.length})`);
    rows.push(await serviceStatus(dir, { ...(playbook ? { playbook } : {}), policy, check: options.check ?? checkDrift }));
  }
  return { rows, policy, kept: rows.every((row) => row.breaches.length === 0) };
}

export async function estateUpdate(
  services: readonly string[],
  options: EstateUpdateOptions & { progress?: (step: string) => void },
): Promise<ServiceUpdate[]> {
  refuseNoServices(services);
  const rows: ServiceUpdate[] = [];
  for (const [index, dir] of services.entries()) {
    options.progress?.(`updating ${path.basename(dir)} (${index + 1} of ${services.length})`);
    rows.push(await updateService(dir, options));
  }
  return rows;
}

function refuseNoServices(services: readonly string[]): void {
  if (services.length === 0) throw new DesignFirstError('DF_ERR_USAGE', 'name at least one service folder');
}
