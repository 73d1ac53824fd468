/**
 * The runner the profile matrix, the hostile suite and the corpus run use for
 * generated services' own tests (matrix/run-services.ts, run-service-tests.ts
 * and their reporters): several services in one process, each test file
 * loaded only once the one before it has finished, and every result, a file
 * that cannot even load included, reported under the file it belongs to.
 */
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { repoRoot, run, scratchFolder } from '../generate/helpers.js';
import { filesOf, runServiceTests } from './matrix/run-services.js';

/** A service folder holding only test files (the runner needs nothing else of a service). */
async function fakeService(root: string, name: string, files: Record<string, string>): Promise<string> {
  const service = path.join(root, name);
  await mkdir(path.join(service, 'test'), { recursive: true });
  for (const [file, text] of Object.entries(files)) await writeFile(path.join(service, 'test', file), text);
  return service;
}

const header = `import { test, after } from 'node:test';\nimport assert from 'node:assert/strict';\n`;

test('a batch that passes runs in one process, each test file loaded only once the one before it has finished', async () => {
  const root = await scratchFolder('service-test-runner');
  const log = path.join(root, 'order.log');
  // Each file records when it is loaded and when its test starts and ends: a file loaded while another's test still ran
  // would interleave.
  const timed = (label: string) =>
    `${header}import { appendFileSync } from 'node:fs';\n` +
    `appendFileSync(${JSON.stringify(log)}, '${label} loaded\\n');\n` +
    `test('${label} waits', async () => { appendFileSync(${JSON.stringify(log)}, '${label} start\\n'); await new Promise((r) => setTimeout(r, 150)); appendFileSync(${JSON.stringify(log)}, '${label} end\\n'); });\n`;
  const first = await fakeService(root, 'first', { 'a.test.ts': timed('first/a'), 'readme.md': 'not a test file' });
  const second = await fakeService(root, 'second', { 'a.test.ts': timed('second/a') });

  const tested = await runServiceTests([first, second], { cwd: root, lanes: 1, perProcess: 2 });
  assert.deepEqual(
    tested.batches.map((batch) => [batch.services, batch.code, batch.reported]),
    [[[first, second], 0, true]],
  );
  for (const service of [first, second]) {
    assert.deepEqual(
      filesOf(tested, service).map(([file, result]) => [path.basename(file), result.pass, result.fail]),
      [['a.test.ts', 1, 0]],
    );
  }
  const order = await readFile(log, 'utf8');
  assert.deepEqual(order.trim().split('\n'), ['first/a loaded', 'first/a start', 'first/a end', 'second/a loaded', 'second/a start', 'second/a end']);
});

test('a batch that fails is run again a service to a process: each failure, a file that cannot load included, is its own', async () => {
  const root = await scratchFolder('service-test-runner');
  const failing = await fakeService(root, 'failing', {
    'a.test.ts': `${header}test('passes', () => {});\n`,
    'b.test.ts': `${header}test('passes', () => {});\ntest('fails', () => { assert.equal(1, 2); });\n`,
    'c.test.ts': `${header}test('registered before the throw', () => {});\nthrow new Error('cannot load');\n`,
  });
  const passing = await fakeService(root, 'passing', { 'a.test.ts': `${header}test('passes', () => {});\n` });
  // No test folder: its batch-mates still run, and it has no results, which the caller reports.
  const empty = path.join(root, 'empty');
  await mkdir(empty);

  const tested = await runServiceTests([failing, empty, passing], { cwd: root, lanes: 1, perProcess: 3 });
  assert.deepEqual(
    tested.batches.map((batch) => [batch.services, batch.code === 0, batch.reported]),
    [
      [[failing], false, true],
      // Alone, with no test file at all, node:test never starts its reporter: no report, which callers name as such.
      [[empty], false, false],
      [[passing], true, true],
    ],
  );
  const byName = Object.fromEntries(filesOf(tested, failing).map(([file, result]) => [path.basename(file), result]));
  assert.deepEqual(Object.keys(byName).sort(), ['a.test.ts', 'b.test.ts', 'c.test.ts']);
  assert.deepEqual([byName['a.test.ts']!.pass, byName['a.test.ts']!.fail], [1, 0]);
  assert.deepEqual([byName['b.test.ts']!.pass, byName['b.test.ts']!.fail], [1, 1]);
  assert.match(byName['b.test.ts']!.failures[0]!, /^fails: /);
  assert.ok(
    byName['c.test.ts']!.failures.some((failure) => /cannot load/.test(failure)),
    `the file that throws while loading fails: ${byName['c.test.ts']!.failures.join('\n')}`,
  );
  assert.deepEqual(filesOf(tested, empty), []);
  assert.match(tested.batches[1]!.stderr, /empty.test: ENOENT/);
  assert.deepEqual(
    filesOf(tested, passing).map(([file, result]) => [path.basename(file), result.pass, result.fail]),
    [['a.test.ts', 1, 0]],
  );
});

test("the corpus run's reporter lists each operation of a contract test, and a contract test that cannot load", async () => {
  const root = await scratchFolder('service-test-runner');
  const contract =
    `import { describe, test } from 'node:test';\nimport assert from 'node:assert/strict';\n` +
    `describe('v1 operations', () => {\n` +
    `  test('GET /v1/a (getA)', () => {});\n` +
    `  test('GET /v1/b (getB)', () => { assert.fail('operation getB answered 500'); });\n` +
    `  test('GET /v1/c (getC)', (t) => { t.skip('the blueprint declares only 101 for it'); });\n` +
    `});\n`;
  const good = await fakeService(root, 'good', { 'contract.test.ts': contract, 'platform.test.ts': `throw new Error('not run');\n` });
  const broken = await fakeService(root, 'broken', { 'contract.test.ts': `throw new Error('cannot load');\n` });
  const result = await run(
    process.execPath,
    [
      '--import',
      'tsx',
      `--test-reporter=${path.join(repoRoot, 'test/corpus/operation-reporter.mjs')}`,
      path.join(repoRoot, 'test/templates/matrix/run-service-tests.ts'),
      '--only',
      'contract.test.ts',
      good,
      broken,
    ],
    root,
  );
  const files = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '') as Record<
    string,
    { loaded: boolean; operations: Array<{ name: string; ok: boolean; skip: string | null; error: string | null }> }
  >;
  assert.deepEqual(Object.keys(files).sort(), [path.join(broken, 'test/contract.test.ts'), path.join(good, 'test/contract.test.ts')].sort());
  assert.deepEqual(files[path.join(broken, 'test/contract.test.ts')], { loaded: false, operations: [] });
  assert.deepEqual(files[path.join(good, 'test/contract.test.ts')], {
    loaded: true,
    operations: [
      { name: 'GET /v1/a (getA)', ok: true, skip: null, error: null },
      { name: 'GET /v1/b (getB)', ok: false, skip: null, error: 'operation getB answered 500' },
      { name: 'GET /v1/c (getC)', ok: true, skip: 'the blueprint declares only 101 for it', error: null },
    ],
  });
});
