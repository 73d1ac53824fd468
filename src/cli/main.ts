/**
 * The yargs command line. Each command lives in its own module under
 * commands/ and exports a yargs CommandModule; this file only assembles them.
 */
import yargs from 'yargs';
import { clientCommand } from './commands/client.js';
import { diffCommand } from './commands/diff.js';
import { lintCommand } from './commands/lint.js';
import { newCommand } from './commands/new.js';
import { templatesCommand } from './commands/templates.js';
import { updateCommand } from './commands/update.js';
import { exitCodeBox } from './exit-code.js';
import { processIo } from './run-command.js';

export async function main(argv: string[]): Promise<number> {
  exitCodeBox.value = 0;
  let usageError: string | undefined;
  const parser = yargs(argv)
    .scriptName('design-first')
    .usage('$0 <command> [options]')
    .command(newCommand)
    .command(updateCommand)
    .command(lintCommand)
    .command(diffCommand)
    .command(templatesCommand)
    .command(clientCommand)
    .demandCommand(1, 'name a command')
    .strict()
    .help()
    .version()
    .wrap(Math.min(110, process.stdout.columns || 110))
    .fail((message, error) => {
      if (error) throw error;
      // Throwing stops yargs from running the command after a usage error.
      usageError = message;
      throw new UsageError(message);
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
