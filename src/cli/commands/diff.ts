/**
 * `design-first diff <old> <new> [--format text|markdown|json] [--fail-on breaking|any]
 * [--playbook FILE] [--link-base URL] [--old-link-base URL]`: what changed between
 * two blueprints, breaking changes first. The report goes to stdout; with
 * --fail-on, finding such changes ends with DF_ERR_DIFF_CHANGES (exit 1).
 */
import path from 'node:path';
import type { CommandModule } from 'yargs';
import { loadBlueprint } from '../../blueprint/load.js';
import { repositoryPaths } from '../../diff/format/repository.js';
import { countBySeverity, DIFF_FORMATS, diffBlueprints, formatChanges, type DiffFormat, type FormatOptions } from '../../diff/index.js';
import { DesignFirstError } from '../../errors.js';
import { loadPlaybook } from '../../playbook/index.js';
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
  /** The playbook whose `deprecationNoticeDays` sunsets are judged against; default: the built-in one. */
  playbook?: string;
  /** Markdown: link places in the new blueprint to this blob URL (`https://github.com/o/r/blob/<head sha>`). */
  linkBase?: string;
  /** Markdown: link places in the old blueprint to this blob URL (the base revision's). */
  oldLinkBase?: string;
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
    const linkBase = { old: blobUrl('--old-link-base', options.oldLinkBase), new: blobUrl('--link-base', options.linkBase) };
    const loadOptions = { allowRemoteRefs: options.allowRemoteRefs ?? false };
    const playbook = await loadPlaybook(options.playbook === undefined ? undefined : path.resolve(cwd, options.playbook));
    const oldLoaded = await loadBlueprint(path.resolve(cwd, options.old), loadOptions);
    const newLoaded = await loadBlueprint(path.resolve(cwd, options.new), loadOptions);
    const changes = diffBlueprints(oldLoaded, newLoaded, { minimumNoticeDays: playbook.deprecationNoticeDays });
    const format = options.format ?? 'text';
    const formatOptions: FormatOptions =
      format === 'markdown' ? { paths: { old: await repositoryPaths(oldLoaded), new: await repositoryPaths(newLoaded) }, linkBase } : {};
    const report = formatChanges(changes, format, formatOptions);
    io.stdout(
      options.service === undefined
        ? report
        : await serviceImpact({ report, format, service: path.resolve(cwd, options.service), upstream: options.upstream, oldLoaded, newLoaded }),
    );
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

/** A blob URL given on the command line: http(s) only, or a one-line usage error. */
function blobUrl(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new DesignFirstError(
      'DF_ERR_USAGE',
      `${flag} must be an http(s) URL, such as https://github.com/owner/repo/blob/<commit>; got ${JSON.stringify(value)}`,
    );
  }
  return value;
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
      .option('playbook', { type: 'string', describe: 'the playbook whose deprecationNoticeDays sunset dates are judged against' })
      .option('link-base', { type: 'string', describe: 'markdown: link places in <new> to this blob URL (https://github.com/o/r/blob/<sha>)' })
      .option('old-link-base', { type: 'string', describe: 'markdown: link places in <old> to this blob URL' })
      .option('allow-remote-refs', { type: 'boolean', default: false, describe: 'allow http(s) $refs to public hosts' })
      .option('service', { type: 'string', describe: 'a service that calls this API (an upstream of it): list its calls the breaking changes affect' })
      .option('upstream', { type: 'string', describe: 'with --service: the name of the upstream <old> describes' }) as never,
  handler: async (argv) => {
    exitCodeBox.value = await runDiff(argv);
  },
};
