/**
 * `design-first update [--dir DIR] [<blueprint...>]`: regenerate an existing
 * service from its (changed) blueprints, playbook and templates, keeping the
 * team's code; then type-check it and say what no longer compiles, by operation.
 * docs/update.md describes every case.
 */
import path from 'node:path';
import type { CommandModule } from 'yargs';
import { DesignFirstError } from '../../errors.js';
import { locatePlaybook } from '../../playbook/locate.js';
import { runCheck } from './update-check.js';
import { applyUpdate, formatTypeProblems, orphansOf, prepareUpdate, typeCheckService } from '../../update/index.js';
import { parseUpstreamFlags } from '../../model/upstreams/flags.js';
import { describeUpdate, versionsSummary } from '../../update/report.js';
import { diffOfChanges } from '../../update/diff-view.js';
import { readManifest } from '../../update/manifest-file.js';
import { describeImpact } from '../../update/upstream-impact.js';
import { exitCodeBox } from '../exit-code.js';
import { processIo, runCommand, type CommandIo } from '../run-command.js';
import { terminalIo } from '../terminal.js';

export interface UpdateCommandOptions {
  /** The service folder (default: the working folder). */
  dir?: string;
  blueprints?: string[];
  playbook?: string;
  templates?: string;
  /** Overwrite conflicting files, saving the team's version as `*.orig`. */
  force?: boolean;
  allowBreaking?: boolean;
  allowLintErrors?: boolean;
  lint?: boolean;
  /** Type-check the service afterwards (default true). */
  typecheck?: boolean;
  /** Say what would happen, with the diff of every file; write nothing. */
  dryRun?: boolean;
  /** Is the service in step with its recorded blueprints, playbook and templates? Exit 1 when not; writes nothing (update-check.ts). */
  check?: boolean;
  /** Show the full diff of generated files too (by default each is one line with its counts). */
  diffGenerated?: boolean;
  allowRemoteRefs?: boolean;
  /** `NAME=BLUEPRINT`: a new blueprint for an upstream the service calls, or a new upstream (docs/upstream.md). */
  upstream?: string[];
  cwd?: string;
}

/** The command as a function (tests call this without argv). */
export async function runUpdate(options: UpdateCommandOptions, io: CommandIo = processIo): Promise<number> {
  return runCommand(io, async () => {
    const cwd = options.cwd ?? process.cwd();
    const dir = path.resolve(cwd, options.dir ?? '.');
    if (options.check) return runCheck(options, dir, cwd, io);
    // A dry run shows the whole plan even when lint would stop the update, then says so (exit 1).
    const lintAfterPlan = (options.dryRun ?? false) && !(options.allowLintErrors ?? false) && options.lint !== false;
    const previousFindings = lintAfterPlan ? await recordedFindings(dir) : [];
    const prepared = await prepareUpdate({
      dir,
      blueprints: (options.blueprints ?? []).map((file) => path.resolve(cwd, file)),
      ...(options.playbook ? { playbook: await locatePlaybook(options.playbook, cwd, dir) } : {}),
      ...(options.templates ? { templates: path.resolve(cwd, options.templates) } : {}),
      lint: options.lint ?? true,
      allowLintErrors: (options.allowLintErrors ?? false) || lintAfterPlan,
      allowBreaking: options.allowBreaking ?? false,
      allowRemoteRefs: options.allowRemoteRefs ?? false,
      upstreams: parseUpstreamFlags(options.upstream ?? [], cwd),
      report: io.stderr,
      ...(io.progress ? { progress: io.progress } : {}),
    });
    io.done?.();
    for (const impact of prepared.upstreams) for (const line of describeImpact(impact)) io.stdout(line);
    const force = options.force ?? false;
    if (options.dryRun) {
      for (const line of describeUpdate(prepared, { planned: true })) io.stdout(line);
      for (const line of diffOfChanges(prepared.files, prepared.disk, { generated: options.diffGenerated ?? false })) io.stdout(line);
      const findings = prepared.generated.manifest.overriddenFindings.filter((finding) => !previousFindings.includes(finding));
      if (lintAfterPlan && findings.length > 0) {
        throw new DesignFirstError(
          'DF_ERR_UPDATE_LINT_FAILED',
          `dry run: ${findings.length} playbook error(s) would stop the update; nothing was written`,
          {},
          findings,
        );
      }
      const conflicts = prepared.files.filter((file) => file.action === 'conflict').length;
      if (conflicts > 0 && !force) {
        throw new DesignFirstError('DF_ERR_UPDATE_CONFLICT', `dry run: ${conflicts} file(s) changed by you would be overwritten; nothing was written`);
      }
      io.stdout(`design-first: dry run of the update of ${dir}: nothing was written`);
      return 0;
    }

    io.progress?.(`writing ${prepared.files.filter((file) => !['keep', 'unchanged'].includes(file.action)).length} files`);
    const applied = await applyUpdate(prepared, { force });
    io.done?.();
    for (const line of describeUpdate(prepared, { backups: applied.backups })) io.stdout(line);
    for (const line of diffOfChanges(prepared.files, prepared.disk, { generated: options.diffGenerated ?? false })) io.stdout(line);
    const summary = versionsSummary(prepared);
    io.stdout(
      applied.written.length + applied.deleted.length === 0
        ? `design-first: ${dir} is up to date: ${summary}`
        : `design-first: updated ${dir}: ${summary}; ${applied.written.length} file(s) written, ${applied.deleted.length} deleted`,
    );

    if (options.typecheck === false) return 0;
    io.progress?.('type-checking the service');
    const checked = await typeCheckService({ dir, model: prepared.generated.model, orphans: orphansOf(prepared) });
    io.done?.();
    if (checked.status === 'skipped') {
      io.stderr(`warning: the service was not type-checked: ${checked.reason}`);
      return 0;
    }
    if (checked.status === 'passed') {
      io.stdout('type-check: the service compiles');
      return 0;
    }
    const subjects = [...new Set(checked.problems.map((problem) => problem.subject))];
    throw new DesignFirstError(
      'DF_ERR_UPDATE_TYPECHECK',
      `${checked.problems.length} compile error(s) after the update, in: ${subjects.join('; ')}`,
      {},
      formatTypeProblems(checked.problems),
    );
  });
}

/** Lint findings the service already records as overridden (generated with --force): a dry run reports only new ones. */
async function recordedFindings(dir: string): Promise<string[]> {
  return readManifest(dir).then(
    (manifest) => manifest.overriddenFindings,
    () => [],
  );
}

export const updateCommand: CommandModule<object, UpdateCommandOptions & { blueprint?: string[] }> = {
  command: 'update [blueprint..]',
  describe: "regenerate an existing service from its (changed) blueprints, keeping the team's code",
  builder: (yargs) =>
    yargs
      .positional('blueprint', {
        type: 'string',
        array: true,
        describe: "blueprints to use: each replaces the version with its major version, or adds a version (default: the service's own blueprints/)",
      })
      .option('dir', { type: 'string', default: '.', describe: 'the service folder (made by design-first new)' })
      .option('playbook', {
        type: 'string',
        describe: 'playbook file, or a playbook package installed in the service (default: the one the service was generated with)',
      })
      .option('templates', { type: 'string', describe: "templates folder (default: the one the service was generated with, or the playbook's)" })
      .option('force', {
        type: 'boolean',
        default: false,
        describe: 'overwrite files you changed that the update also changes, saving yours beside them as *.orig',
      })
      .option('allow-breaking', { type: 'boolean', default: false, describe: 'apply breaking changes inside a published version (they are still listed)' })
      .option('allow-lint-errors', { type: 'boolean', default: false, describe: 'update despite lint errors, recording them in the manifest and README' })
      .option('lint', { type: 'boolean', default: true, describe: 'lint first (--no-lint skips it)' })
      .option('typecheck', { type: 'boolean', default: true, describe: 'type-check the service afterwards (--no-typecheck skips it)' })
      .option('dry-run', {
        type: 'boolean',
        default: false,
        describe: 'say what the update would do, with the diff of every file it changes, and write nothing',
      })
      .option('check', {
        type: 'boolean',
        default: false,
        describe: 'exit 1 when the service is not in step with its recorded blueprints, playbook and templates (the CI drift gate); writes nothing',
      })
      .option('diff-generated', {
        type: 'boolean',
        default: false,
        describe: 'show the full diff of generated files too (each is one line with its counts otherwise)',
      })
      .option('allow-remote-refs', { type: 'boolean', default: false, describe: 'allow http(s) $refs to public hosts' })
      .option('upstream', {
        type: 'string',
        array: true,
        describe: 'NAME=BLUEPRINT: a new blueprint for an API the service calls, or a new one (repeatable)',
      }) as never,
  handler: async (argv) => {
    exitCodeBox.value = await runUpdate({ ...argv, blueprints: argv.blueprint ?? [] }, terminalIo());
  },
};
