/**
 * The yargs command line. Each command lives in its own module under
 * commands/ and exports a yargs CommandModule; this file only assembles them.
 *
 * Only the command being run is loaded: `lint` in CI should not pay for
 * loading the generator (prettier, Handlebars, AJV), which is about half of
 * its run time on a large blueprint; `--version` loads none. Top-level help,
 * or a name that is not a command, loads them all so yargs can list them or
 * suggest one.
 */
import leven from 'leven';
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
  catalogue: async () => (await import('./commands/catalogue.js')).catalogueCommand as AnyCommand,
  estate: async () => (await import('./commands/estate.js')).estateCommand as AnyCommand,
};

async function commandsFor(argv: readonly string[]): Promise<AnyCommand[]> {
  const named = argv[0];
  if (named !== undefined && Object.hasOwn(COMMANDS, named)) return [await COMMANDS[named]!()];
  // `--version` alone prints the version: no command is needed for that (loading them all took half a second).
  if (argv.length === 1 && (named === '--version' || named === '-v')) return [];
  return Promise.all(Object.values(COMMANDS).map((load) => load()));
}

export async function main(argv: string[]): Promise<number> {
  exitCodeBox.value = 0;
  let usageError: string | undefined;
  const parser = yargs(argv).scriptName('design-first').usage('$0 <command> [options]');
  const commands = await commandsFor(argv);
  for (const command of commands) parser.command(command);
  parser
    .demandCommand(1, 'name a command')
    .strict()
    .recommendCommands()
    .help()
    .alias('help', 'h')
    .version()
    .alias('version', 'v')
    // `design-first completion >> ~/.bashrc` (or ~/.zshrc): yargs' completion script for bash and zsh.
    .completion('completion', 'print a shell completion script for bash or zsh')
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
    usageError = await explained(usageError, argv, commands);
    processIo.stderr(`design-first: ${usageError} [DF_ERR_USAGE] - run design-first --help for the accepted forms`);
    return 2;
  }
  return exitCodeBox.value;
}

class UsageError extends Error {}

function camel(name: string): string {
  return name.replace(/-+([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}

/**
 * A usage error with what was probably meant: yargs suggests a command for a
 * mistyped one (`lnit`); for a mistyped option (`--fromat`), the closest
 * option of the command, found by building that command's options alone.
 */
async function explained(message: string, argv: readonly string[], commands: readonly AnyCommand[]): Promise<string> {
  if (message.startsWith('Did you mean')) {
    // A mistyped subcommand (`estate stauts`) is the word after its command.
    const typed = argv[0] !== undefined && Object.hasOwn(COMMANDS, argv[0]) && argv[1] !== undefined ? argv[1] : argv[0];
    return `${JSON.stringify(typed)} is not a command. ${message}`;
  }
  const names = /^Unknown arguments?: (.+)$/.exec(message)?.[1]?.split(', ');
  // yargs lists `alow-breaking` again as `alowBreaking`: each once, as typed.
  const typed = names?.filter((name) => !names.some((other) => other !== name && other.includes('-') && camel(other) === name));
  if (typed) message = `Unknown argument${typed.length === 1 ? '' : 's'}: ${typed.join(', ')}`;
  const unknown = typed?.[0];
  const command = commands.find((candidate) => String(candidate.command).split(' ')[0] === argv[0]);
  if (unknown === undefined || command === undefined || typeof command.builder !== 'function') return message;
  const probe = yargs([]);
  await command.builder(probe as never);
  // getOptions() is public in yargs but missing from its type declarations.
  const known = Object.keys((probe as unknown as { getOptions(): { key: Record<string, unknown> } }).getOptions().key);
  const closest = known
    .filter((name) => name.length > 1 && name !== '$0')
    .map((name) => ({ name, distance: leven(unknown.replace(/^-+/, ''), name) }))
    .sort((a, b) => a.distance - b.distance)[0];
  return closest && closest.distance <= Math.max(2, Math.floor(closest.name.length / 3)) ? `${message} (did you mean --${closest.name}?)` : message;
}
