/**
 * Expected failures inside a Yeoman generator.
 *
 * Yeoman 8 runs every priority method as a task. When a task throws,
 * yeoman-generator logs "An error occured while running design-first:app#…",
 * the environment aborts (nothing in mem-fs is committed, so nothing is
 * written), and the host reports the error: `yo` prints `error.message` (the
 * stack only with --debug) and calls `process.exit(error.code || 1)`, while
 * yeoman-environment's `yoe` prints the whole error object.
 *
 * So an expected failure (DesignFirstError) is rethrown as a GeneratorFailure:
 * its details (lint findings) go to the generator's log first, then an Error
 * whose message is `error.toLine()`, whose `code` is the numeric exit code
 * (`yo` hands `code` to process.exit, which throws on a string such as
 * "DF_ERR_LOAD_SWAGGER2"), and whose stack is that one line, so that no host
 * prints a trace. Anything else is a bug and keeps its stack.
 */
import { isDesignFirstError, type DesignFirstError } from '../src/errors.js';

export class GeneratorFailure extends Error {
  /** The exit code, under the name `yo` reads. */
  declare readonly code: 1 | 2;
  /** The failure as the core reported it. */
  declare readonly designFirstError: DesignFirstError;

  constructor(error: DesignFirstError) {
    super(error.toLine());
    this.name = 'design-first';
    // Not enumerable: hosts that inspect the error print the line, not these fields.
    Object.defineProperty(this, 'code', { value: error.exitCode, enumerable: false });
    Object.defineProperty(this, 'designFirstError', { value: error, enumerable: false });
    this.stack = `${this.name}: ${this.message}`;
  }
}

/** Run a task body; an expected failure logs its details and becomes a GeneratorFailure. */
export async function expectedFailures<T>(log: (line: string) => void, body: () => T | Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    if (!isDesignFirstError(error)) throw error;
    for (const line of error.details) log(line);
    throw new GeneratorFailure(error);
  }
}
