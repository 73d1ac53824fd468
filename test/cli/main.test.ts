/**
 * The command line as a user types it: the built bin, a real process. main.ts
 * loads only the command being run, so these check that help still lists every
 * command, that each command's own help and a mistyped name still work.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { repoRoot } from '../generate/helpers.js';

const designFirst = path.join(repoRoot, 'bin/design-first.js');

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [designFirst, ...args], { cwd: repoRoot });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

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
