/**
 * The command line as people use it (the built bin, a real process): help and
 * version on every command, a suggestion for a mistyped command or option, and
 * a shell completion script.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';
import { repoRoot } from '../generate/helpers.js';

const designFirst = path.join(repoRoot, 'bin/design-first.js');
const VERSION = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
// `client --version V` names an API version (documented), so it is the one command without -v.
const COMMANDS = ['new', 'update', 'lint', 'diff', 'templates', 'client'];

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [designFirst, ...args], { cwd: repoRoot });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('help and version on every command', () => {
  for (const command of COMMANDS) {
    test(`${command} -h and --help show its usage`, async () => {
      for (const flag of ['-h', '--help']) {
        const { code, stdout } = await cli(command, flag);
        assert.equal(code, 0, `${command} ${flag}`);
        assert.match(stdout, new RegExp(`design-first ${command}\\b`), `${command} ${flag}:\n${stdout}`);
      }
    });
  }
  for (const command of COMMANDS.filter((name) => name !== 'client')) {
    test(`${command} -v and --version print the version`, async () => {
      for (const flag of ['-v', '--version']) {
        const { code, stdout } = await cli(command, flag);
        assert.equal(code, 0, `${command} ${flag}`);
        assert.equal(stdout.trim(), VERSION);
      }
    });
  }
  test('-v and -h at the top', async () => {
    assert.equal((await cli('-v')).stdout.trim(), VERSION);
    assert.match((await cli('-h')).stdout, /design-first lint/);
  });
});

test('a mistyped command names the command that was probably meant', async () => {
  const { code, stderr } = await cli('lnit', 'examples/pets/pets-v1.yaml');
  assert.equal(code, 2);
  assert.equal(stderr.trim(), 'design-first: "lnit" is not a command. Did you mean lint? [DF_ERR_USAGE] - run design-first --help for the accepted forms');
});

test('a mistyped option names the option that was probably meant, once as typed', async () => {
  assert.match(
    (await cli('lint', '--fromat', 'json', 'x.yaml')).stderr,
    /^design-first: Unknown argument: fromat \(did you mean --format\?\) \[DF_ERR_USAGE\]/,
  );
  assert.match(
    (await cli('update', '--alow-breaking')).stderr,
    /^design-first: Unknown argument: alow-breaking \(did you mean --allow-breaking\?\) \[DF_ERR_USAGE\]/,
  );
  // Nothing close: no guess.
  assert.match((await cli('diff', 'a.yaml', 'b.yaml', '--zzzzzzzz')).stderr, /^design-first: Unknown argument: zzzzzzzz \[DF_ERR_USAGE\]/);
});

test('completion prints a completion script for bash and zsh', async () => {
  const { code, stdout } = await cli('completion');
  assert.equal(code, 0);
  assert.match(stdout, /###-begin-design-first-completions-###/);
  assert.match(stdout, /design-first --get-yargs-completions/);
});
