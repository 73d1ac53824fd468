/**
 * The two kinds of failure at the top (changesets' habit): an expected one
 * prints its details and one line, then sets its exit code; anything else is a
 * bug, printed with its stack and a request for a report.
 */
import { isDesignFirstError } from '../errors.js';

import type { CommandIo } from '../io.js';

export type { CommandIo } from '../io.js';

export const processIo: CommandIo = {
  stdout: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  stderr: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

/** Run a command body and turn its outcome into an exit code. */
export async function runCommand(io: CommandIo, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    io.done?.();
    if (isDesignFirstError(error)) {
      for (const line of error.details) io.stderr(line);
      io.stderr(`design-first: ${error.toLine()}`);
      return error.exitCode;
    }
    io.stderr(`design-first: unexpected failure, please report it with the blueprint that caused it:\n${(error as Error)?.stack ?? String(error)}`);
    return 70;
  } finally {
    io.done?.();
  }
}
