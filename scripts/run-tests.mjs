/**
 * `npm test`'s test run: every test file given (package.json passes the
 * globs), two at a time, each in a process of its own, the slowest first.
 * Run as `node --import tsx --enable-source-maps scripts/run-tests.mjs FILE...`:
 * the test processes inherit both flags, as `tsx --test` gave them.
 *
 * Why not `tsx --test --test-concurrency=2 FILE...`: Node 20's command line
 * sorts the files by path, and in path order the slowest (the upstream tests)
 * started last and ran on alone at the end, one core idle. node:test's run()
 * takes the files in the order given; started first, the slow files run beside
 * the many short ones, and the run ends when the short files do. Every file
 * given is run; the order is all this changes. The report is the one the
 * command line prints (TAP, or spec on a terminal), the exit code 1 if a test
 * failed, and every file's time (seconds, slowest first) goes to
 * .tmp/test-durations.txt, to keep the list below true.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { run } from 'node:test';
import { spec, tap } from 'node:test/reporters';
import { fileURLToPath } from 'node:url';

// Slowest first, except that the upstream tests, which share npm installs (helpers.ts installServiceShared), are kept
// apart: the first makes the installs, and the others find them made instead of waiting beside it.
const SLOWEST = [
  'test/templates/profile-matrix.test.ts',
  'test/generate/e2e.test.ts',
  'test/upstream/external.test.ts',
  'test/hostile/injection.test.ts',
  'test/catalogue/browser.test.ts',
  'test/corpus/corpus-smoke.test.ts',
  'test/upstream/outer-inner.test.ts',
  'test/update/authors-year.test.ts',
  'test/upstream/client-package.test.ts',
];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const given = process.argv.slice(2).map((file) => path.relative(root, path.resolve(file)).split(path.sep).join('/'));
const missing = SLOWEST.filter((file) => !given.includes(file));
if (missing.length > 0) {
  console.error(`scripts/run-tests.mjs: ${missing.join(', ')} is in the list of slowest files but was not given (renamed? update the list)`);
  process.exit(2);
}
const ordered = [...SLOWEST, ...given.filter((file) => !SLOWEST.includes(file))].map((file) => path.join(root, file));

const stream = run({ files: ordered, concurrency: 2 });
let failed = false;
// As the command line: a failing test fails the run, a failing TODO does not.
stream.on('test:fail', (data) => {
  if (data.todo === undefined || data.todo === false) failed = true;
});
const seconds = new Map();
// Each file's own completion, named by its path, carries the file's wall time.
stream.on('test:complete', (data) => {
  if (data.file !== undefined && data.name === data.file) seconds.set(path.relative(root, data.file), (data.details?.duration_ms ?? 0) / 1000);
});
stream.on('end', () => {
  const lines = [...seconds].sort((a, b) => b[1] - a[1]).map(([file, time]) => `${time.toFixed(1).padStart(7)}  ${file}`);
  const total = [...seconds.values()].reduce((sum, time) => sum + time, 0);
  mkdirSync(path.join(root, '.tmp'), { recursive: true });
  writeFileSync(
    path.join(root, '.tmp/test-durations.txt'),
    `${lines.join('\n')}\n${total.toFixed(1).padStart(7)}  (${seconds.size} files, their times added up)\n`,
  );
  if (failed) process.exitCode = 1;
});
stream.compose(process.stdout.isTTY ? new spec() : tap).pipe(process.stdout);
