/**
 * Expected failures inside a Yeoman generator.
 *
 * Yeoman 8 runs every priority method as a task. When a task throws, the
 * environment aborts (nothing in mem-fs is committed, so nothing is written)
 * and the host reports the error: `yo` prints `error.message` (the stack only
 * with --debug) and calls `process.exit(error.code || 1)`, while
 * yeoman-environment's `yoe` prints the whole error object.
 *
 * So an expected failure (DesignFirstError) is rethrown as a GeneratorFailure:
 * its details (lint findings) go to the generator's log first, then an Error
 * whose message is the one line, whose `code` is the numeric exit code (`yo`
 * hands `code` to process.exit, which throws on a string such as
 * "DF_ERR_LOAD_SWAGGER2"), and whose stack is that one line, so that no host
 * prints a trace. Anything else is a bug and keeps its stack.
 *
 * The terminal adapter queues log lines and drops what is still queued when
 * the run aborts, so the details are flushed before throwing.
 */
import { ERROR_CODES, isDesignFirstError, type DesignFirstError, type ErrorCode } from '../src/errors.js';

/**
 * Hints that name a command the generator's users do not run. Flags need no
 * rewriting: `--allow-lint-errors` is spelled the same in `new`, `update` and
 * the generators.
 */
const GENERATOR_HINTS: Partial<Record<ErrorCode, string>> = {
  DF_ERR_USAGE: 'run yo design-first --help for the options and arguments',
};

/** `error.toLine()`, with the hint the generator's users can act on. */
export function generatorLine(error: DesignFirstError): string {
  const line = error.toLine();
  const hint: string = ERROR_CODES[error.code].hint;
  const replacement = GENERATOR_HINTS[error.code];
  return replacement !== undefined && line.endsWith(hint) ? `${line.slice(0, -hint.length)}${replacement}` : line;
}

export class GeneratorFailure extends Error {
  /** The exit code, under the name `yo` reads. */
  declare readonly code: 1 | 2;
  /** The failure as the core reported it. */
  declare readonly designFirstError: DesignFirstError;

  constructor(error: DesignFirstError) {
    super(generatorLine(error));
    this.name = 'design-first';
    // Not enumerable: hosts that inspect the error print the line, not these fields.
    Object.defineProperty(this, 'code', { value: error.exitCode, enumerable: false });
    Object.defineProperty(this, 'designFirstError', { value: error, enumerable: false });
    this.stack = `${this.name}: ${this.message}`;
  }
}

export interface FailureOutput {
  log: (line: string) => void;
  /** Resolves when every queued log line has been written. */
  flush: () => Promise<unknown>;
}

/** Run a task body; an expected failure logs its details and becomes a GeneratorFailure. */
export async function expectedFailures<T>(output: FailureOutput, body: () => T | Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    if (!isDesignFirstError(error)) throw error;
    for (const line of error.details) output.log(line);
    await output.flush();
    throw new GeneratorFailure(error);
  }
}
