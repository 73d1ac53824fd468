/**
 * The yargs command line. Each command lives in its own module under
 * commands/ and exports a yargs CommandModule; this file only assembles them.
 *
 * Only the command being run is loaded: `lint` in CI should not pay for
 * loading the generator (prettier, Handlebars, AJV), which is about half of
 * its run time on a large blueprint. Top-level help, or a name that is not a
 * command, loads them all so yargs can list them or suggest one.
 */
import yargs, { type CommandModule } from 'yargs';
import { exitCodeBox } from './exit-code.js';
import { processIo } from './run-command.js';

type AnyCommand = CommandModule<object, never>;

/** In the order `--help` lists them. */
const COMMANDS: Record<string, () => Promise<AnyCommand>> = {
  new: async () => (await import('./commands/new.js')).newCommand as AnyCommand,
  update: async () => (await import('./commands/update.js')).updateCommand as AnyCommand,
  lint: async () => (await import('./commands/lint.js')).lintCommand as AnyCommand,
  diff: async () => (await import('./commands/diff.js')).diffCommand as AnyCommand,
  templates: async () => (await import('./commands/templates.js')).templatesCommand as AnyCommand,
  client: async () => (await import('./commands/client.js')).clientCommand as AnyCommand,
};

async function commandsFor(argv: readonly string[]): Promise<AnyCommand[]> {
  const named = argv[0];
  if (named !== undefined && Object.hasOwn(COMMANDS, named)) return [await COMMANDS[named]!()];
  return Promise.all(Object.values(COMMANDS).map((load) => load()));
}

export async function main(argv: string[]): Promise<number> {
  exitCodeBox.value = 0;
  let usageError: string | undefined;
  const parser = yargs(argv).scriptName('design-first').usage('$0 <command> [options]');
  for (const command of await commandsFor(argv)) parser.command(command);
  parser
    .demandCommand(1, 'name a command')
    .strict()
    .help()
    .version()
    .wrap(Math.min(110, process.stdout.columns || 110))
    .fail((message, error) => {
      // Ours, coming back through yargs: let it through. A command's `check` arrives as its message (or a YError):
      // a usage error, not a bug.
      if (error instanceof UsageError) throw error;
      if (error instanceof Error && error.name !== 'YError') throw error;
      // Throwing stops yargs from running the command after a usage error.
      usageError = message ?? (error instanceof Error ? error.message : 'invalid arguments');
      throw new UsageError(usageError);
    });
  try {
    await parser.parseAsync();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
  }
  if (usageError !== undefined) {
    processIo.stderr(`design-first: ${usageError} [DF_ERR_USAGE] - run design-first --help for the accepted forms`);
    return 2;
  }
  return exitCodeBox.value;
}

class UsageError extends Error {}
