/**
 * `design-first update --check [--dir DIR]`: the drift gate of a service's CI.
 * Prints what is out of step (src/update/check.ts decides), exits 0 in step,
 * 1 with DF_ERR_UPDATE_DRIFT otherwise; writes nothing. docs/update.md.
 */
import path from 'node:path';
import { DesignFirstError, oneLine } from '../../errors.js';
import { locatePlaybook } from '../../playbook/locate.js';
import { checkService, describeCheck } from '../../update/check.js';
import { versionsSummary } from '../../update/report.js';
import type { CommandIo } from '../run-command.js';

/** The options of `update` the check reads: the ones it accepts, and the ones it refuses. */
export interface CheckCommandOptions {
  blueprints?: string[];
  playbook?: string;
  templates?: string;
  force?: boolean;
  allowBreaking?: boolean;
  allowLintErrors?: boolean;
  lint?: boolean;
  dryRun?: boolean;
  allowRemoteRefs?: boolean;
  upstream?: string[];
}

export async function runCheck(options: CheckCommandOptions, dir: string, cwd: string, io: CommandIo): Promise<number> {
  const refused = [
    (options.blueprints ?? []).length > 0 ? 'blueprints' : '',
    options.force ? '--force' : '',
    options.allowBreaking ? '--allow-breaking' : '',
    options.allowLintErrors ? '--allow-lint-errors' : '',
    options.lint === false ? '--no-lint' : '',
    options.dryRun ? '--dry-run' : '',
    (options.upstream ?? []).length > 0 ? '--upstream' : '',
  ].filter(Boolean);
  if (refused.length > 0) {
    throw new DesignFirstError('DF_ERR_USAGE', `update --check compares the service with what its manifest records; it takes no ${refused.join(', ')}`);
  }
  const result = await checkService({
    dir,
    ...(options.playbook ? { playbook: await locatePlaybook(options.playbook, cwd, dir) } : {}),
    ...(options.templates ? { templates: path.resolve(cwd, options.templates) } : {}),
    allowRemoteRefs: options.allowRemoteRefs ?? false,
    // Notes were shown when the service was generated; the check says only what is out of step.
    report: (line) => {
      if (!line.startsWith('note:')) io.stderr(line);
    },
  });
  for (const line of describeCheck(result)) io.stdout(line);
  const summary = versionsSummary(result.prepared);
  if (result.inStep) {
    io.stdout(`design-first: ${dir} is in step with its blueprints, playbook and templates: ${summary}`);
    return 0;
  }
  const parts = [
    result.files.length > 0 ? `${result.files.length} file(s) design-first owns differ from what update writes` : '',
    result.blueprints.length > 0 ? `${result.blueprints.length} blueprint(s) edited since the last update` : '',
    result.breaking.length > 0 ? `breaking changes inside published version(s) ${result.breaking.map((entry) => entry.key).join(', ')}` : '',
    result.unchecked.length > 0 ? `${result.unchecked.length} blueprint(s) whose changes cannot be checked` : '',
    result.playbook.behind
      ? `the playbook resolved now (${oneLine(result.playbook.available ?? '')}) is not the one recorded (${oneLine(result.playbook.recorded)})`
      : '',
  ].filter(Boolean);
  throw new DesignFirstError(
    'DF_ERR_UPDATE_DRIFT',
    `${dir} is not in step with its blueprints, playbook and templates: ${parts.join('; ')}; nothing was written`,
  );
}
