/**
 * `design-first estate status|update <service-folder...> [--playbook P]`
 * (docs/estate.md).
 *
 * status: one row per service; exit 1 when a service breaks the estate
 * policy (a playbook setting), so a scheduled CI job can run it.
 * update: `update` in every service, one after another; exit 1 when some
 * were refused, failed or no longer compile (the others are updated).
 */
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { DesignFirstError } from '../../errors.js';
import { estateStatus, estateUpdate, formatStatus, formatUpdates, STATUS_FORMATS, type StatusFormat } from '../../estate/index.js';
import { exitCodeBox } from '../exit-code.js';
import { processIo, runCommand, type CommandIo } from '../run-command.js';
import { terminalIo } from '../terminal.js';

export interface EstateStatusCommandOptions {
  services: string[];
  playbook?: string;
  format?: StatusFormat;
  cwd?: string;
}

export async function runEstateStatus(options: EstateStatusCommandOptions, io: CommandIo = processIo): Promise<number> {
  return runCommand(io, async () => {
    const cwd = options.cwd ?? process.cwd();
    const status = await estateStatus({
      services: options.services.map((dir) => path.resolve(cwd, dir)),
      ...(options.playbook ? { playbook: options.playbook } : {}),
      cwd,
      ...(io.progress ? { progress: io.progress } : {}),
    });
    io.done?.();
    io.stdout(formatStatus(status.rows, options.format ?? 'table'));
    if (!status.kept) {
      const names = status.rows.filter((row) => row.breaches.length > 0).map((row) => row.name);
      throw new DesignFirstError('DF_ERR_ESTATE_POLICY', `${names.length} of ${status.rows.length} services break the estate policy: ${names.join(', ')}`);
    }
    return 0;
  });
}

export interface EstateUpdateCommandOptions {
  services: string[];
  playbook?: string;
  dryRun?: boolean;
  typecheck?: boolean;
  allowBreaking?: boolean;
  cwd?: string;
}

export async function runEstateUpdate(options: EstateUpdateCommandOptions, io: CommandIo = processIo): Promise<number> {
  return runCommand(io, async () => {
    const cwd = options.cwd ?? process.cwd();
    const rows = await estateUpdate(
      options.services.map((dir) => path.resolve(cwd, dir)),
      {
        ...(options.playbook ? { playbook: options.playbook } : {}),
        cwd,
        dryRun: options.dryRun ?? false,
        typecheck: options.typecheck ?? true,
        allowBreaking: options.allowBreaking ?? false,
        ...(io.progress ? { progress: io.progress } : {}),
      },
    );
    io.done?.();
    io.stdout(formatUpdates(rows, options.dryRun ?? false));
    const failed = rows.filter((row) => row.result === 'refused' || row.result === 'failed' || row.result === 'does not compile');
    if (failed.length > 0) {
      throw new DesignFirstError(
        'DF_ERR_ESTATE_UPDATE',
        `${failed.length} of ${rows.length} services were not brought up to date: ${failed.map((row) => `${row.name} (${row.result})`).join(', ')}`,
      );
    }
    return 0;
  });
}

interface EstateArgs {
  service: string[];
  playbook?: string;
  format?: StatusFormat;
  'dry-run'?: boolean;
  typecheck?: boolean;
  'allow-breaking'?: boolean;
}

const services = (yargs: Argv) =>
  yargs.positional('service', { type: 'string', array: true, demandOption: true, describe: 'service folders (made by design-first new)' }).option('playbook', {
    type: 'string',
    describe:
      "playbook file or package to measure against or roll out: status resolves a package from here, update from each service (default: each service's own)",
  });

export const estateCommand: CommandModule<object, EstateArgs> = {
  command: 'estate <command>',
  describe: 'many services at once: their conformance and drift (status), or a playbook rolled out to all (update)',
  builder: (yargs) =>
    yargs
      .command({
        command: 'status <service..>',
        describe: 'one row per service; exit 1 when one breaks the estate policy',
        builder: (inner: Argv) =>
          services(inner).option('format', {
            choices: STATUS_FORMATS,
            default: 'table' as StatusFormat,
            describe: 'table for a terminal, json for programs, markdown for an issue or pull request',
          }),
        handler: async (argv: EstateArgs) => {
          exitCodeBox.value = await runEstateStatus(
            { services: argv.service, ...(argv.playbook ? { playbook: argv.playbook } : {}), ...(argv.format ? { format: argv.format } : {}) },
            terminalIo(),
          );
        },
      } as CommandModule<object, EstateArgs>)
      .command({
        command: 'update <service..>',
        describe: 'update every service (team code kept, conflicts listed); one failing leaves the others done',
        builder: (inner: Argv) =>
          services(inner)
            .option('dry-run', { type: 'boolean', default: false, describe: 'say what each update would do, and write nothing' })
            .option('typecheck', { type: 'boolean', default: true, describe: 'type-check each service afterwards (--no-typecheck skips it)' })
            .option('allow-breaking', {
              type: 'boolean',
              default: false,
              describe: "apply a playbook change that breaks published versions' clients (their error shape...), once they are told",
            }),
        handler: async (argv: EstateArgs) => {
          exitCodeBox.value = await runEstateUpdate(
            {
              services: argv.service,
              ...(argv.playbook ? { playbook: argv.playbook } : {}),
              dryRun: argv['dry-run'] ?? false,
              typecheck: argv.typecheck ?? true,
              allowBreaking: argv['allow-breaking'] ?? false,
            },
            terminalIo(),
          );
        },
      } as CommandModule<object, EstateArgs>)
      .demandCommand(1, 'name status or update') as never,
  handler: () => {},
};
