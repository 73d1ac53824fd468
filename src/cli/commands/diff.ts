/**
 * `design-first diff <old> <new> [--format text|markdown|json] [--fail-on breaking|any]`:
 * what changed between two blueprints, breaking changes first. The report goes
 * to stdout; with --fail-on, finding such changes ends with DF_ERR_DIFF_CHANGES (exit 1).
 */
import path from 'node:path';
import type { CommandModule } from 'yargs';
import { loadBlueprint } from '../../blueprint/load.js';
import { countBySeverity, DIFF_FORMATS, diffBlueprints, formatChanges, type DiffFormat } from '../../diff/index.js';
import { DesignFirstError } from '../../errors.js';
import { serviceImpact } from '../../update/upstream-service.js';
import { exitCodeBox } from '../exit-code.js';
import { processIo, runCommand, type CommandIo } from '../run-command.js';

export const FAIL_ON = ['breaking', 'any'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export interface DiffOptions {
  old: string;
  new: string;
  format?: DiffFormat;
  /** Exit 1 when breaking changes (or any change at all) are found. */
  failOn?: FailOn;
  allowRemoteRefs?: boolean;
  /** A service that calls the API <old> describes: also list its calls the breaking changes affect (docs/upstream.md). */
  service?: string;
  /** With --service: which of its upstreams <old> is (default: the one whose stored blueprint <old> is). */
  upstream?: string;
  cwd?: string;
}

/** The command as a function (tests call this without argv). */
export async function runDiff(options: DiffOptions, io: CommandIo = processIo): Promise<number> {
  return runCommand(io, async () => {
    const cwd = options.cwd ?? process.cwd();
    const loadOptions = { allowRemoteRefs: options.allowRemoteRefs ?? false };
    const oldLoaded = await loadBlueprint(path.resolve(cwd, options.old), loadOptions);
    const newLoaded = await loadBlueprint(path.resolve(cwd, options.new), loadOptions);
    const changes = diffBlueprints(oldLoaded, newLoaded);
    const report = formatChanges(changes, options.format ?? 'text');
    io.stdout(options.service === undefined ? report : await serviceImpact({ report, format: options.format ?? 'text', service: path.resolve(cwd, options.service), upstream: options.upstream, oldLoaded, newLoaded }));
    const counts = countBySeverity(changes);
    const failing = options.failOn === 'any' ? changes.length : options.failOn === 'breaking' ? counts.breaking : 0;
    if (failing > 0) {
      const what = options.failOn === 'any' ? `change${failing === 1 ? '' : 's'}` : `breaking change${failing === 1 ? '' : 's'}`;
      throw new DesignFirstError(
        'DF_ERR_DIFF_CHANGES',
        `${failing} ${what} from ${oldLoaded.root.displayName} to ${newLoaded.root.displayName} (--fail-on ${options.failOn})`,
      );
    }
    return 0;
  });
}

export const diffCommand: CommandModule<object, DiffOptions> = {
  command: 'diff <old> <new>',
  describe: 'list the changes between two blueprints, breaking changes first',
  builder: (yargs) =>
    yargs
      .positional('old', { type: 'string', demandOption: true, describe: 'the blueprint as it was (YAML or JSON)' })
      .positional('new', { type: 'string', demandOption: true, describe: 'the blueprint as it is now' })
      .option('format', {
        choices: DIFF_FORMATS,
        default: 'text' as DiffFormat,
        describe: 'text for a terminal, markdown for a pull-request comment, json for programs',
      })
      .option('fail-on', { choices: FAIL_ON, describe: 'exit 1 when breaking changes (breaking) or any changes (any) are found' })
      .option('allow-remote-refs', { type: 'boolean', default: false, describe: 'allow http(s) $refs to public hosts' })
      .option('service', { type: 'string', describe: 'a service that calls this API (an upstream of it): list its calls the breaking changes affect' })
      .option('upstream', { type: 'string', describe: 'with --service: the name of the upstream <old> describes' }) as never,
  handler: async (argv) => {
    exitCodeBox.value = await runDiff(argv);
  },
};
