/**
 * `new` on a terminal shows which step it is on and colours its lines; in a
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
