/**
 * `estate update`: roll a playbook or template set out across services, each
 * with `update` itself (atomic, the team's code kept, conflicts listed and
 * nothing written for that service, breaking changes in published versions
 * refused), then type-checked. One service failing leaves the others done.
 */
import { serviceName } from '../catalogue/sources.js';
import { isDesignFirstError } from '../errors.js';
import { locatePlaybook } from '../playbook/index.js';
import { applyUpdate, formatTypeProblems, orphansOf, prepareUpdate, typeCheckService } from '../update/index.js';

const BOOKKEEPING = '.design-first/';

export interface ServiceUpdate {
  dir: string;
  name: string;
  result: 'updated' | 'up to date' | 'would update' | 'refused' | 'failed' | 'does not compile';
  written: string[];
  /** `path: reason` of each conflicting file (nothing was written for the service). */
  conflicts: string[];
  /** What no longer compiles, by operation; null when not type-checked. */
  compileErrors: string[] | null;
  /** One line: why it was refused, or what happened. */
  detail: string;
}

export interface EstateUpdateOptions {
  /** The playbook to roll out: a file relative to `cwd`, or a package, resolved from each service as `update --playbook` does; default: each service's own. */
  playbook?: string;
  cwd: string;
  dryRun?: boolean;
  typecheck?: boolean;
  /** Apply breaking changes to published versions (a playbook changing their error shape...): update refuses them otherwise. */
  allowBreaking?: boolean;
  report?: (line: string) => void;
}

export async function updateService(dir: string, options: EstateUpdateOptions): Promise<ServiceUpdate> {
  const name = await serviceName(dir);
  const row: ServiceUpdate = { dir, name, result: 'up to date', written: [], conflicts: [], compileErrors: null, detail: '' };
  try {
    const playbook = options.playbook === undefined ? undefined : await locatePlaybook(options.playbook, options.cwd, dir);
    const prepared = await prepareUpdate({
      dir,
      ...(playbook ? { playbook } : {}),
      allowBreaking: options.allowBreaking ?? false,
      ...(options.report ? { report: options.report } : {}),
    });
    const conflicts = prepared.files.filter((file) => file.action === 'conflict');
    row.conflicts = conflicts.map((file) => `${file.path}: ${file.reason ?? 'changed by the team and by the update'}`);
    const changing = prepared.files.filter(
      (file) =>
        !file.path.startsWith(BOOKKEEPING) && (file.action === 'create' || file.action === 'update' || file.action === 'delete' || file.action === 'conflict'),
    );
    if (options.dryRun) {
      row.result = conflicts.length > 0 ? 'refused' : changing.length > 0 ? 'would update' : 'up to date';
      row.written = changing.filter((file) => file.action !== 'conflict').map((file) => file.path);
      row.detail = conflicts.length > 0 ? `${conflicts.length} conflict(s): the update would write nothing` : `${changing.length} file(s) would change`;
      return row;
    }
    const applied = await applyUpdate(prepared, { force: false });
    // The service's own files: update's bookkeeping (the manifest, blueprints as last generated) is not news to a team.
    row.written = applied.written.filter((file) => !file.startsWith(BOOKKEEPING));
    const deleted = applied.deleted.filter((file) => !file.startsWith(BOOKKEEPING));
    row.result = row.written.length + deleted.length === 0 ? 'up to date' : 'updated';
    row.detail = `${row.written.length} written, ${deleted.length} deleted`;
    if (options.typecheck === false) return row;
    const checked = await typeCheckService({ dir, model: prepared.generated.model, orphans: orphansOf(prepared) });
    if (checked.status === 'skipped') {
      row.detail += `; not type-checked: ${checked.reason}`;
      return row;
    }
    row.compileErrors = checked.status === 'passed' ? [] : formatTypeProblems(checked.problems);
    if (checked.status === 'failed') {
      row.result = 'does not compile';
      row.detail += `; ${checked.problems.length} compile error(s) in ${[...new Set(checked.problems.map((problem) => problem.subject))].join('; ')}`;
    }
    return row;
  } catch (error) {
    if (!isDesignFirstError(error)) throw error;
    row.result = error.exitCode === 1 ? 'refused' : 'failed';
    row.detail = error.toLine();
    if (error.code === 'DF_ERR_UPDATE_CONFLICT') row.conflicts = error.details.map((line) => line.replace(/^conflict\s+/, ''));
    return row;
  }
}
