/**
 * What a terminal gets that a pipe or a CI log does not: colours (honouring
 * NO_COLOR and FORCE_COLOR, https://no-color.org) and a spinner naming the step
 * a long command is on. In a pipe, with CI=true or TERM=dumb, output is plain
 * lines only, so logs and tests read the same text.
 */
import { createColors } from 'picocolors';
import yoctoSpinner, { type Spinner } from 'yocto-spinner';
import type { CommandIo } from '../io.js';

type Env = Readonly<Record<string, string | undefined>>;

export function wantsColor(stream: { isTTY?: boolean }, env: Env = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

export function wantsProgress(stream: { isTTY?: boolean }, env: Env = process.env): boolean {
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== '0' && env.CI !== 'false';
  return Boolean(stream.isTTY) && !ci && env.TERM !== 'dumb';
}

/**
 * The process's streams for a command: `new` and `update` lines coloured by
 * kind on a terminal, and `progress` a spinner on stderr (cleared before any
 * line is printed, stopped by `done`).
 */
export function terminalIo(env: Env = process.env): CommandIo & { progress: (step: string) => void; done: () => void } {
  const colors = createColors(wantsColor(process.stderr, env));
  let spinner: Spinner | undefined;
  const line = (stream: NodeJS.WriteStream, text: string) => {
    spinner?.clear();
    stream.write(text.endsWith('\n') ? text : `${text}\n`);
  };
  const painted = (text: string) => {
    if (text.startsWith('note: ')) return `${colors.cyan('note:')} ${text.slice(6)}`;
    if (text.startsWith('warning: ')) return `${colors.yellow('warning:')} ${text.slice(9)}`;
    if (text.startsWith('design-first: ')) return `${colors.red('design-first:')} ${text.slice(14)}`;
    return text;
  };
  return {
    stdout: (text) => line(process.stdout, text.startsWith('next: ') ? `${colors.bold('next:')} ${text.slice(6)}` : text),
    stderr: (text) => line(process.stderr, painted(text)),
    progress: (step) => {
      if (!wantsProgress(process.stderr, env)) return;
      if (spinner) spinner.text = step;
      else spinner = yoctoSpinner({ text: step, stream: process.stderr }).start();
    },
    done: () => {
      spinner?.stop();
      spinner = undefined;
    },
  };
}
