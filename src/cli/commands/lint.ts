/**
 * `design-first lint <blueprint...> [--playbook FILE] [--format F] [--max-warnings N]`:
 * the architects' gate. Exit 0 when there are no errors (and warnings within
 * --max-warnings), 1 when there are, 2 when a blueprint could not be loaded or
 * the playbook is invalid. Findings go to stdout in the chosen format, and so
 * does a blueprint that could not be loaded (every format reports it); the
 * one-line verdict goes to stderr.
 */
import path from 'node:path';
import type { CommandModule } from 'yargs';
import { DesignFirstError, isDesignFirstError } from '../../errors.js';
import {
  activeRules,
  FindingSet,
  formatFindings,
  FORMATS,
  lintFile,
  loadFailureOf,
  SEVERITY,
  summarise,
  verdict,
  type Format,
  type LoadFailure,
  type RuleMeta,
} from '../../lint/index.js';
import { plural } from '../../lint/summary.js';
import { loadPlaybook } from '../../playbook/index.js';
import { locatePlaybook } from '../../playbook/locate.js';
import { exitCodeBox } from '../exit-code.js';
import { processIo, runCommand, type CommandIo } from '../run-command.js';

export interface LintOptions {
  blueprints: readonly string[];
  playbook?: string;
  format: Format;
  /** Spectral rulesets (files, or `spectral:oas`) to run beside the playbook's rules. */
  rulesets?: readonly string[];
  /** Fail when there are more warnings than this; undefined: warnings never fail. */
  maxWarnings?: number;
  allowRemoteRefs: boolean;
  color: boolean;
  /** Blueprints and the playbook are resolved against it. */
  cwd: string;
}

/** The command as a function: tests call it without argv. Returns the exit code. */
export async function runLint(options: LintOptions, io: CommandIo): Promise<number> {
  return runCommand(io, async () => {
    if (options.maxWarnings !== undefined && !(Number.isInteger(options.maxWarnings) && options.maxWarnings >= 0)) {
      throw new DesignFirstError('DF_ERR_USAGE', `--max-warnings takes a whole number, 0 or more (got ${options.maxWarnings})`);
    }
    const resolve = (file: string): string => path.resolve(options.cwd, file);
    // A file, or a playbook package installed where lint runs (a service's CI lints with the one it records).
    const loadedPlaybook = await loadPlaybook(options.playbook === undefined ? undefined : await locatePlaybook(options.playbook, options.cwd));
    const rulesets = (options.rulesets ?? []).map((ruleset) => (ruleset.startsWith('spectral:') ? ruleset : resolve(ruleset)));
    const playbook = rulesets.length > 0 ? { ...loadedPlaybook, spectralRulesets: [...loadedPlaybook.spectralRulesets, ...rulesets] } : loadedPlaybook;
    const merged = new FindingSet();
    const loadFailures: LoadFailure[] = [];
    const failures: DesignFirstError[] = [];
    for (const blueprint of options.blueprints) {
      try {
        merged.add(await lintFile(resolve(blueprint), playbook, { allowRemoteRefs: options.allowRemoteRefs }));
      } catch (error) {
        if (!isDesignFirstError(error) || error.exitCode !== 2 || error.code === 'DF_ERR_PLAYBOOK_INVALID') throw error;
        failures.push(error);
        loadFailures.push(loadFailureOf(error, blueprint));
      }
    }
    const { findings, waived, otherRules = [] } = merged.result();
    const rules: RuleMeta[] = (await activeRules(playbook)).map(({ id, description, fix }) => {
      const setting = playbook.rules[id];
      return setting && setting !== 'off' ? { id, description, fix, severity: SEVERITY[setting] } : { id, description, fix };
    });
    rules.push(...otherRules);
    const summary = summarise(findings, { waived, loadFailures: loadFailures.length });
    const tooManyWarnings =
      summary.errors === 0 && options.maxWarnings !== undefined && summary.warnings > options.maxWarnings
        ? `${plural(summary.warnings, 'warning')}, more than --max-warnings ${options.maxWarnings}`
        : undefined;
    io.stdout(
      formatFindings(findings, options.format, { color: options.color, rules, waived, loadFailures, ...(tooManyWarnings ? { failure: tooManyWarnings } : {}) }),
    );

    for (const failure of failures) io.stderr(`design-first: ${failure.toLine()}`);
    if (loadFailures.length > 0) return 2;
    if (summary.errors > 0) throw new DesignFirstError('DF_ERR_LINT_ERRORS', verdict(summary));
    if (tooManyWarnings) throw new DesignFirstError('DF_ERR_LINT_MAX_WARNINGS', tooManyWarnings);
    return 0;
  });
}

interface LintArgs {
  blueprint: string[];
  playbook?: string;
  ruleset?: string[];
  format: Format;
  'max-warnings'?: number;
  'allow-remote-refs': boolean;
  color?: boolean;
}

export const lintCommand: CommandModule<object, LintArgs> = {
  command: 'lint <blueprint...>',
  describe: 'check blueprints against the playbook',
  builder: (yargs) =>
    yargs
      .positional('blueprint', { type: 'string', array: true, demandOption: true, describe: 'OpenAPI 3 blueprints (YAML or JSON)' })
      .option('playbook', { type: 'string', describe: 'playbook file (YAML), or an installed playbook package; the built-in default when left out' })
      .option('ruleset', {
        type: 'string',
        array: true,
        describe: 'a Spectral ruleset (.spectral.yaml, or spectral:oas) to run beside the playbook; repeatable',
      })
      .option('format', { choices: FORMATS, default: 'stylish' as Format, describe: 'output format' })
      .option('max-warnings', { type: 'number', requiresArg: true, describe: 'fail when there are more warnings than this' })
      .option('allow-remote-refs', { type: 'boolean', default: false, describe: 'follow $refs to http(s) documents' })
      .option('color', { type: 'boolean', describe: 'colour the stylish output (default: when stdout is a terminal)' })
      // A message, not a throw: main.ts treats a thrown error as a bug and prints its stack.
      .check((argv) => {
        const max = argv['max-warnings'];
        return max === undefined || (Number.isInteger(max) && max >= 0) || `--max-warnings takes a whole number, 0 or more (got ${String(max)})`;
      }),
  handler: async (argv) => {
    exitCodeBox.value = await runLint(
      {
        blueprints: argv.blueprint,
        playbook: argv.playbook,
        rulesets: argv.ruleset ?? [],
        format: argv.format,
        maxWarnings: argv['max-warnings'],
        allowRemoteRefs: argv['allow-remote-refs'],
        color: argv.color ?? (Boolean(process.stdout.isTTY) && !process.env.NO_COLOR),
        cwd: process.cwd(),
      },
      processIo,
    );
  },
};
