/**
 * The command line as a user types it: the packed and installed package
 * (installed-cli.ts), a real process. main.ts loads only the command being
 * run, so these check that help still lists every command, that each
 * command's own help and a mistyped name still work.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { designFirst } from './installed-cli.js';

const cli = (...args: string[]) => designFirst(args);

test('--help lists every command', async () => {
  const { code, stdout } = await cli('--help');
  assert.equal(code, 0);
  for (const command of ['new', 'update', 'lint', 'diff', 'templates', 'client']) {
    assert.match(stdout, new RegExp(`design-first ${command}\\b`), `${command} missing from:\n${stdout}`);
  }
});

test("a command's own --help shows its options", async () => {
  const { code, stdout } = await cli('lint', '--help');
  assert.equal(code, 0);
  assert.match(stdout, /--max-warnings/);
  assert.doesNotMatch(stdout, /design-first new/);
});

test('a mistyped command exits 2 with one usage line', async () => {
  const { code, stdout, stderr } = await cli('lnt', 'examples/pets/pets-v1.yaml');
  assert.equal(code, 2);
  assert.equal(stdout, '');
  assert.equal(stderr.trim().split('\n').length, 1, stderr);
  assert.match(stderr, /^design-first: .*\[DF_ERR_USAGE\]/);
});

test('no command at all exits 2', async () => {
  const { code, stderr } = await cli();
  assert.equal(code, 2);
  assert.match(stderr, /name a command \[DF_ERR_USAGE\]/);
});
