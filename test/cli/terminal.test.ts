/**
 * `new` and `update` on a terminal show which step they are on and colour their lines; in a
 * pipe, with CI=true or NO_COLOR, it prints plain lines only. The terminal is
 * a real pseudo-terminal (util-linux `script`).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';
import { wantsColor, wantsProgress } from '../../src/cli/terminal.js';
import { repoRoot } from '../generate/helpers.js';

const ESC = '\u001b[';
const designFirst = path.join(repoRoot, 'bin/design-first.js');

async function generate(onTerminal: boolean, env: Record<string, string> = {}): Promise<string> {
  const out = path.join(await mkdtemp(path.join(os.tmpdir(), 'df-terminal-')), 'service');
  const command = [process.execPath, designFirst, 'new', 'examples/pets/pets-v1.yaml', '--out', out, '--no-lint'];
  const { CI: _ci, NO_COLOR: _noColor, FORCE_COLOR: _force, NODE_TEST_CONTEXT: _nested, ...inherited } = process.env;
  const options = { cwd: repoRoot, env: { ...inherited, TERM: 'xterm', ...env } };
  const quoted = command.map((part) => `'${part.replace(/'/g, `'\\''`)}'`).join(' ');
  const { stdout, stderr } = onTerminal
    ? await promisify(execFile)('script', ['-qec', quoted, '/dev/null'], options)
    : await promisify(execFile)(command[0]!, command.slice(1), options);
  return stdout + stderr;
}

describe('new on a terminal and in a pipe', () => {
  test('on a terminal: a spinner names each step, and the next step is in bold', async () => {
    const output = await generate(true);
    assert.match(output, /loading the playbook/);
    assert.match(output, /modelling operations, schemas and mock answers/);
    assert.match(output, /writing \d+ files/);
    assert.ok(output.includes(`${ESC}1mnext:`), output);
  });

  test('in a pipe: plain lines, no spinner, no escape codes', async () => {
    const output = await generate(false);
    assert.ok(!output.includes(ESC), output);
    assert.doesNotMatch(output, /modelling operations/);
    assert.match(output, /^design-first: wrote \d+ files/m);
  });

  test('with CI=true on a terminal: no spinner', async () => {
    const output = await generate(true, { CI: 'true' });
    assert.doesNotMatch(output, /modelling operations/);
  });

  test('with NO_COLOR on a terminal: no colours', async () => {
    const output = await generate(true, { NO_COLOR: '1', CI: 'true' });
    assert.ok(!output.includes(`${ESC}1m`), output);
  });
});

describe('wantsColor and wantsProgress', () => {
  const tty = { isTTY: true };
  const pipe = { isTTY: false };
  test('colour on a terminal unless NO_COLOR; FORCE_COLOR forces it either way', () => {
    assert.equal(wantsColor(tty, {}), true);
    assert.equal(wantsColor(pipe, {}), false);
    assert.equal(wantsColor(tty, { NO_COLOR: '1' }), false);
    assert.equal(wantsColor(tty, { NO_COLOR: '' }), true);
    assert.equal(wantsColor(pipe, { FORCE_COLOR: '1' }), true);
    assert.equal(wantsColor(tty, { FORCE_COLOR: '0' }), false);
    assert.equal(wantsColor(tty, { TERM: 'dumb' }), false);
  });
  test('progress on a terminal outside CI only', () => {
    assert.equal(wantsProgress(tty, {}), true);
    assert.equal(wantsProgress(pipe, {}), false);
    assert.equal(wantsProgress(tty, { CI: 'true' }), false);
    assert.equal(wantsProgress(tty, { CI: 'false' }), true);
  });
});

describe('update on a terminal', () => {
  test('a spinner names its steps, from reading the service to type-checking it; in a pipe, none', async () => {
    const service = path.join(await mkdtemp(path.join(os.tmpdir(), 'df-terminal-update-')), 'service');
    const made = await promisify(execFile)(process.execPath, [designFirst, 'new', 'examples/pets/pets-v1.yaml', '--out', service, '--no-lint'], {
      cwd: repoRoot,
    });
    assert.match(made.stdout, /wrote \d+ files/);
    const { CI: _ci, NO_COLOR: _noColor, FORCE_COLOR: _force, NODE_TEST_CONTEXT: _nested, ...inherited } = process.env;
    const update = [process.execPath, designFirst, 'update', 'examples/pets/pets-v2.yaml', '--dir', service, '--no-lint'];
    const quoted = update.map((part) => `'${part.replace(/'/g, `'\\''`)}'`).join(' ');
    const options = { cwd: repoRoot, env: { ...inherited, TERM: 'xterm' } };
    const onTerminal = await promisify(execFile)('script', ['-qec', quoted, '/dev/null'], options);
    const output = onTerminal.stdout + onTerminal.stderr;
    for (const step of [
      'reading the service and its manifest',
      'checking published versions for breaking changes',
      'modelling operations',
      'comparing \\d+ files with the service',
      'writing \\d+ files',
      'type-checking the service',
    ]) {
      assert.match(output, new RegExp(step), output);
    }
    assert.match(output, /updated .*v1, v2|updated /);

    const inPipe = await promisify(execFile)(update[0]!, [...update.slice(1)], options);
    assert.ok(!(inPipe.stdout + inPipe.stderr).includes(ESC), inPipe.stdout + inPipe.stderr);
    assert.doesNotMatch(inPipe.stdout + inPipe.stderr, /reading the service/);
  });
});
