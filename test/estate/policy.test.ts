/**
 * The estate policy and its reports: releases behind as the docs count them,
 * each policy setting breaking a row by itself, the policy read from and
 * checked in the playbook, and reports that a service name cannot break.
 */
import assert from 'node:assert/strict';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { runEstateStatus } from '../../src/cli/commands/estate.js';
import { formatStatus, markdownText } from '../../src/estate/report.js';
import { breachesOf, type ServiceStatus } from '../../src/estate/status.js';
import { releasesBehind } from '../../src/estate/versions.js';
import { DEFAULT_ESTATE_POLICY, loadEstatePolicy } from '../../src/playbook/estate-policy.js';
import { loadPlaybook } from '../../src/playbook/index.js';
import { captureIo, execFileAsync, repoRoot, scratchFolder } from '../generate/helpers.js';

let work = '';
before(async () => {
  work = await scratchFolder('estate-policy');
});
after(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

test('releases behind: the first of major and minor that differs; patches do not count; template sets part by part', () => {
  assert.equal(releasesBehind('1.0.0', '1.0.0'), 0);
  assert.equal(releasesBehind('1.0.0', '1.0.7'), 0);
  assert.equal(releasesBehind('1.0.0', '1.3.0'), 3);
  assert.equal(releasesBehind('1.3.0', '2.0.0'), 1);
  assert.equal(releasesBehind('1.0.0', '3.0.0'), 2);
  assert.equal(releasesBehind('2.0.0', '1.0.0'), 0, 'ahead is not behind');
  assert.equal(releasesBehind('1.0.0+1.0.0', '1.0.0+2.0.0'), 1);
  assert.equal(releasesBehind('1.0.0', '1.0.0+2.0.0'), 1, 'a set that gained a playbook override');
  assert.equal(releasesBehind(null, '1.0.0'), 1);
});

function row(overrides: Partial<ServiceStatus> = {}): Omit<ServiceStatus, 'breaches'> {
  return {
    dir: '/s',
    name: 'svc',
    generator: { recorded: '0.1.0', current: '0.1.0' },
    templates: { recorded: '1.0.0', current: '1.0.0', behind: 0 },
    playbook: { recorded: 'p@1.0.0', current: 'p@1.0.0', behind: 0 },
    lint: { errors: 0, warnings: 0 },
    check: { files: [], blueprintEdits: [], breaking: 0, unchecked: [] },
    problem: null,
    ...overrides,
  };
}

test('each policy setting breaks a row by itself, with a sentence saying how', () => {
  const policy = { ...DEFAULT_ESTATE_POLICY, maxLintWarnings: 2 };
  assert.deepEqual(breachesOf(row(), policy), []);
  assert.deepEqual(breachesOf(row({ lint: { errors: 1, warnings: 0 } }), policy), ['1 lint error(s), more than 0']);
  assert.deepEqual(breachesOf(row({ lint: { errors: 0, warnings: 3 } }), policy), ['3 lint warning(s), more than 2']);
  assert.deepEqual(breachesOf(row({ templates: { recorded: '1.0.0', current: '1.2.0', behind: 2 } }), policy), [
    'template set 1.0.0 is 2 release(s) behind 1.2.0 (at most 1)',
  ]);
  assert.deepEqual(breachesOf(row({ templates: { recorded: '1.0.0', current: '1.1.0', behind: 1 } }), policy), [], 'one release behind is allowed by default');
  assert.deepEqual(breachesOf(row({ playbook: { recorded: 'p@1.0.0', current: 'p@2.0.0', behind: 1 } }), policy), [
    'playbook p@1.0.0 is 1 release(s) behind p@2.0.0 (at most 0)',
  ]);
  assert.deepEqual(
    breachesOf(row({ check: { files: [{ path: 'src/platform/errors.ts', why: 'x' }], blueprintEdits: [], breaking: 0, unchecked: [] } }), policy),
    ['1 generated file(s) differ from what the recorded inputs produce'],
  );
  assert.deepEqual(
    breachesOf(row({ check: { files: [], blueprintEdits: ['blueprints/v1.yaml'], breaking: 0, unchecked: [] } }), policy),
    [],
    'unapplied edits are allowed by default',
  );
  assert.deepEqual(
    breachesOf(row({ check: { files: [], blueprintEdits: ['blueprints/v1.yaml'], breaking: 0, unchecked: [] } }), {
      ...policy,
      allowUnappliedBlueprintEdits: false,
    }),
    ['1 blueprint edit(s) not yet applied with update'],
  );
  assert.deepEqual(breachesOf(row({ check: { files: [], blueprintEdits: [], breaking: 2, unchecked: [] } }), policy), [
    '2 breaking change(s) against the published blueprint',
  ]);
  assert.deepEqual(breachesOf(row({ check: { files: [], blueprintEdits: ['blueprints/v1.yaml'], breaking: 0, unchecked: ['v1'] } }), policy), [
    'v1 edited in place with no copy of the published blueprint, so breaking changes cannot be ruled out (restore it and pass the edited blueprint to update)',
  ]);
  assert.deepEqual(breachesOf(row({ lint: { errors: 9, warnings: 9 } }), { ...policy, maxLintErrors: null, maxLintWarnings: null }), [], 'null: any number');
});

test('the policy is read from the playbook with defaults, and a wrong value is refused at its line', async () => {
  const good = path.join(work, 'good.yaml');
  await writeFile(good, 'estate:\n  policy:\n    maxLintErrors: 3\n    allowGeneratedDrift: true\n');
  await loadPlaybook(good);
  assert.deepEqual(await loadEstatePolicy(good), { ...DEFAULT_ESTATE_POLICY, maxLintErrors: 3, allowGeneratedDrift: true });
  assert.deepEqual(await loadEstatePolicy(null), DEFAULT_ESTATE_POLICY);

  const bad = path.join(work, 'bad.yaml');
  await writeFile(bad, 'estate:\n  policy:\n    maxLintErrors: -1\n');
  await assert.rejects(
    loadPlaybook(bad),
    (error: any) =>
      error.code === 'DF_ERR_PLAYBOOK_INVALID' &&
      /bad\.yaml:3:\d+ #\/estate\/policy\/maxLintErrors: estate\.policy\.maxLintErrors: must be at least 0/.test(error.toLine()),
  );
  const unknown = path.join(work, 'unknown.yaml');
  await writeFile(unknown, 'estate:\n  policy:\n    maxLintErors: 1\n');
  await assert.rejects(loadPlaybook(unknown), (error: any) => /estate\.policy\.maxLintErors: unknown field/.test(error.message));
});

test('reports: a service name cannot break the Markdown table or inject HTML; JSON holds every row', () => {
  const hostile = { ...row({ name: 'evil | <img src=x onerror=alert(1)> `x` [a](javascript:1)' }), breaches: ['1 lint error(s), more than 0'] };
  const markdown = formatStatus([hostile], 'markdown');
  const tableRow = markdown.split('\n').find((line) => line.startsWith('| evil'))!;
  assert.equal(tableRow.split(/(?<!\\)\|/).length - 2, 9, 'still nine cells');
  assert.doesNotMatch(markdown, /(?<!\\)<img/, 'no unescaped HTML');
  assert.equal(markdownText('a|b'), 'a\\|b');
  const json = JSON.parse(formatStatus([hostile], 'json'));
  assert.equal(json.kept, false);
  assert.equal(json.services[0].name, hostile.name);
});

test('a folder that is not a service breaks the policy with the reason; no service at all is a usage error', async () => {
  const folder = path.join(work, 'not-a-service');
  await mkdir(folder, { recursive: true });
  let io = captureIo();
  assert.equal(await runEstateStatus({ services: [folder] }, io), 1);
  assert.match(io.out.join('\n'), /not-a-service .*broken: .*has no \.design-first\/manifest\.json/);
  io = captureIo();
  assert.equal(await runEstateStatus({ services: [] }, io), 2);
  assert.match(io.err.join('\n'), /name at least one service folder \[DF_ERR_USAGE\]/);
});

test('the built command line: estate help, and a mistyped subcommand answered with the one meant', { timeout: 60_000 }, async () => {
  const cli = path.join(repoRoot, 'bin/design-first.js');
  const help = await execFileAsync(process.execPath, [cli, 'estate', 'status', '--help'], { cwd: repoRoot });
  assert.match(help.stdout, /--format/);
  const typo = await execFileAsync(process.execPath, [cli, 'estate', 'stauts', 'x'], { cwd: repoRoot }).catch((error) => error);
  assert.equal(typo.code, 2);
  assert.match(typo.stderr, /"stauts" is not a command\. Did you mean status\? \[DF_ERR_USAGE\]/);
});
