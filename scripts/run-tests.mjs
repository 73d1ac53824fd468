/**
 * `npm test`'s test run: `tsx --test --test-concurrency=2` over the test files
 * given (package.json passes the globs), the slowest files first.
 *
 * node --test starts files in the order it is given them, two at a time. In
 * path order the slowest files (the upstream ones last of all) started late
 * and ran on alone at the end, one core idle; started first, they run beside
 * the many short files, and the run ends when the short files do. Every file
 * given is run: the order is all this changes. The list holds the slowest
 * files; each run writes every file's time (in seconds, slowest first) to
 * .tmp/test-durations.txt, to keep it up to date.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
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
const ordered = [...SLOWEST, ...given.filter((file) => !SLOWEST.includes(file))];

mkdirSync(path.join(root, '.tmp'), { recursive: true });
const tsx = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx');
const child = spawn(
  tsx,
  [
    '--test',
    '--test-concurrency=2',
    `--test-reporter=${process.stdout.isTTY ? 'spec' : 'tap'}`,
    '--test-reporter-destination=stdout',
    `--test-reporter=${path.join(root, 'scripts/file-durations-reporter.mjs')}`,
    `--test-reporter-destination=${path.join(root, '.tmp/test-durations.txt')}`,
    ...ordered,
  ],
  { cwd: root, stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
