import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import yargs from 'yargs';
import { diffCommand, runDiff } from '../../src/cli/commands/diff.js';
import { exitCodeBox } from '../../src/cli/exit-code.js';
import type { CommandIo } from '../../src/cli/run-command.js';
import { repoRoot, run } from '../generate/helpers.js';
import { api, responseApi, writeBlueprints } from './helpers.js';

const pet = `type: object
required: [id, name]
properties:
  id: { type: string }
  name: { type: string }
`;

async function folder(): Promise<string> {
  return writeBlueprints({
    'v1.yaml': responseApi(pet),
    'same.yaml': responseApi(pet),
    'breaking.yaml': responseApi(pet.replace('  name: { type: string }\n', '')),
    'info.yaml': responseApi(pet.replace('  name: { type: string }\n', '  name: { type: string }\n  tag: { type: string }\n')),
  });
}

/** Run `design-first diff ...args` through a yargs instance holding only the diff command. */
async function cli(t: TestContext, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  t.mock.method(process.stdout, 'write', (chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  t.mock.method(process.stderr, 'write', (chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  exitCodeBox.value = -1;
  try {
    await yargs(args).command(diffCommand).strict().fail(false).parseAsync();
  } finally {
    t.mock.restoreAll();
  }
  return { code: exitCodeBox.value, stdout, stderr };
}

test('identical blueprints: exit 0 and "No changes."', async (t) => {
  const dir = await folder();
  const result = await cli(t, ['diff', path.join(dir, 'v1.yaml'), path.join(dir, 'same.yaml'), '--fail-on', 'any']);
  assert.deepEqual(result, { code: 0, stdout: 'No changes.\n', stderr: '' });
});

test('breaking changes without --fail-on: listed, exit 0', async (t) => {
  const dir = await folder();
  const result = await cli(t, ['diff', path.join(dir, 'v1.yaml'), path.join(dir, 'breaking.yaml')]);
  assert.equal(result.code, 0);
  assert.match(result.stdout, /^1 change: 1 breaking/);
  assert.match(result.stdout, /response-property-removed/);
});

test('--fail-on breaking exits 1 with one DF_ERR_DIFF_CHANGES line when breaking changes exist', async (t) => {
  const dir = await folder();
  const result = await cli(t, ['diff', path.join(dir, 'v1.yaml'), path.join(dir, 'breaking.yaml'), '--fail-on', 'breaking']);
  assert.equal(result.code, 1);
  assert.match(result.stdout, /response-property-removed/);
  assert.match(
    result.stderr,
    /^design-first: 1 breaking change from .*v1\.yaml to .*breaking\.yaml \(--fail-on breaking\) \[DF_ERR_DIFF_CHANGES\] - review the listed changes\n$/,
  );
});

test('--fail-on breaking exits 0 on non-breaking changes; --fail-on any exits 1', async (t) => {
  const dir = await folder();
  const args = ['diff', path.join(dir, 'v1.yaml'), path.join(dir, 'info.yaml')];
  assert.equal((await cli(t, [...args, '--fail-on', 'breaking'])).code, 0);
  assert.equal((await cli(t, [...args, '--fail-on', 'any'])).code, 1);
});

test('a blueprint that cannot be loaded exits 2 with the loader error', async (t) => {
  const dir = await folder();
  const result = await cli(t, ['diff', path.join(dir, 'v1.yaml'), path.join(dir, 'missing.yaml'), '--fail-on', 'breaking']);
  assert.equal(result.code, 2);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, /missing\.yaml.*\[DF_ERR_LOAD_NOT_FOUND\]/);
});

test('--format json and --format markdown', async (t) => {
  const dir = await folder();
  const json = await cli(t, ['diff', path.join(dir, 'v1.yaml'), path.join(dir, 'breaking.yaml'), '--format', 'json']);
  const parsed = JSON.parse(json.stdout) as { summary: Record<string, number>; changes: Array<{ id: string; old: { line: number } }> };
  assert.deepEqual(parsed.summary, { breaking: 1, warning: 0, info: 0 });
  assert.equal(parsed.changes[0]?.id, 'response-property-removed');
  assert.equal(typeof parsed.changes[0]?.old.line, 'number');
  const markdown = await cli(t, ['diff', path.join(dir, 'v1.yaml'), path.join(dir, 'breaking.yaml'), '--format', 'markdown']);
  assert.match(markdown.stdout, /^### API changes: 1 \(1 breaking, 0 warnings, 0 info\)/);
  assert.match(markdown.stdout, /^- \*\*`response-property-removed`\*\* /m);
});

test('paths are resolved against cwd; output goes to the given io', async () => {
  const dir = await folder();
  const lines: string[] = [];
  const io: CommandIo = { stdout: (text) => lines.push(text), stderr: (text) => lines.push(`ERR ${text}`) };
  assert.equal(await runDiff({ old: 'v1.yaml', new: 'breaking.yaml', cwd: dir, failOn: 'any' }, io), 1);
  assert.match(lines[0]!, /response-property-removed/);
  assert.match(lines[1]!, /^ERR design-first: 1 change from/);
});

/** A repository checkout and a worktree of its base revision in another temporary folder, as the pull-request workflow makes them. */
async function pullRequest(): Promise<{ head: string; base: string }> {
  const head = await writeBlueprints({});
  const base = await writeBlueprints({});
  await mkdir(path.join(head, '.git'));
  await writeFile(path.join(base, '.git'), 'gitdir: /somewhere/else/.git/worktrees/base\n');
  for (const [root, text] of [
    [base, responseApi(pet)],
    [head, responseApi(pet.replace('  name: { type: string }\n', ''))],
  ] as const) {
    await mkdir(path.join(root, 'blueprints'));
    await writeFile(path.join(root, 'blueprints/pets.yaml'), text);
  }
  return { head, base };
}

test('--format markdown: places relative to the repository, never the folder the base was checked out into; --link-base links them', async () => {
  const { head, base } = await pullRequest();
  const lines: string[] = [];
  const io: CommandIo = { stdout: (text) => lines.push(text), stderr: (text) => lines.push(`ERR ${text}`) };
  const options = { old: path.join(base, 'blueprints/pets.yaml'), new: 'blueprints/pets.yaml', cwd: head, format: 'markdown' as const };
  assert.equal(await runDiff({ ...options, linkBase: 'https://github.com/o/r/blob/head1', oldLinkBase: 'https://github.com/o/r/blob/base0' }, io), 0);
  const markdown = lines.join('\n');
  assert.doesNotMatch(markdown, new RegExp(base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  assert.match(markdown, /old \[`blueprints\/pets\.yaml:\d+:\d+`\]\(<https:\/\/github\.com\/o\/r\/blob\/base0\/blueprints\/pets\.yaml#L\d+>\)/);
  assert.match(markdown, /new \[`blueprints\/pets\.yaml:\d+:\d+`\]\(<https:\/\/github\.com\/o\/r\/blob\/head1\/blueprints\/pets\.yaml#L\d+>\)/);
});

test('--link-base that is not an http(s) URL: a usage error, exit 2, one line, nothing on stdout', async (t) => {
  const dir = await folder();
  const result = await cli(t, [
    'diff',
    path.join(dir, 'v1.yaml'),
    path.join(dir, 'breaking.yaml'),
    '--format',
    'markdown',
    '--link-base',
    'javascript:alert(1)',
  ]);
  assert.equal(result.code, 2);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, /^design-first: --link-base must be an http\(s\) URL.*\[DF_ERR_USAGE\].*\n$/);
});

test('--playbook: its deprecationNoticeDays makes a deprecation without x-sunset breaking', async (t) => {
  const operation = (extra: string) => api(`/pets:\n  get:\n${extra}    responses:\n      '200': { description: ok }\n`);
  const dir = await writeBlueprints({
    'v1.yaml': operation(''),
    'v2.yaml': operation('    deprecated: true\n'),
    'playbook.yaml': 'deprecationNoticeDays: 90\n',
  });
  const plain = await cli(t, ['diff', path.join(dir, 'v1.yaml'), path.join(dir, 'v2.yaml'), '--fail-on', 'breaking']);
  assert.equal(plain.code, 0);
  assert.match(plain.stdout, /info +endpoint-deprecated/);
  const strict = await cli(t, [
    'diff',
    path.join(dir, 'v1.yaml'),
    path.join(dir, 'v2.yaml'),
    '--fail-on',
    'breaking',
    '--playbook',
    path.join(dir, 'playbook.yaml'),
  ]);
  assert.equal(strict.code, 1);
  assert.match(
    strict.stdout,
    /breaking +api-deprecated-sunset-missing\n +GET \/pets: the operation was deprecated without x-sunset, and the playbook asks for a notice period/,
  );
});

test('the built CLI (bin/design-first.js, dist/) writes the same markdown', async () => {
  const { head, base } = await pullRequest();
  const result = await run(
    process.execPath,
    [
      path.join(repoRoot, 'bin/design-first.js'),
      'diff',
      path.join(base, 'blueprints/pets.yaml'),
      'blueprints/pets.yaml',
      '--format',
      'markdown',
      '--fail-on',
      'breaking',
    ],
    head,
  );
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stdout, /^### API changes: 1 \(1 breaking, 0 warnings, 0 info\)\n/);
  assert.match(result.stdout, /old `blueprints\/pets\.yaml:\d+:\d+`/);
  assert.match(result.stderr, /\[DF_ERR_DIFF_CHANGES\]/);
});
