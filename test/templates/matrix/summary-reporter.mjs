/**
 * A node:test reporter that prints one JSON object at the end: for every test
 * file, how many tests passed, failed and were skipped, and each failure's
 * name and first line of error. Used by profile-matrix.test.ts and
 * hostile/injection.test.ts, which run the tests of many services (a few to a
 * process, run-service-tests.ts) and must say which service failed.
 */
import path from 'node:path';

export default async function* summaryReporter(source) {
  const files = {};
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const suite = event.data.details?.type === 'suite';
    // Suites (describe) report too; count only tests, and a suite's own failure: run-service-tests.ts imports each test
    // file inside a suite named by the file's path, so a file that cannot be loaded (or whose top level throws) fails
    // that suite, not a test. A suite that failed because a test in it did is already counted.
    if (suite && (event.type === 'test:pass' || event.data.details?.error?.failureType === 'subtestsFailed')) continue;
    const file = suite && path.isAbsolute(event.data.name) ? event.data.name : String(event.data.file);
    const counts = (files[file] ??= { pass: 0, fail: 0, skip: 0, failures: [] });
    if (event.type === 'test:fail') {
      counts.fail++;
      const error = event.data.details?.error;
      const cause = error?.cause ?? error;
      counts.failures.push(`${event.data.name}: ${String(cause?.message ?? cause).split('\n')[0]}`);
    } else if (event.data.skip !== undefined && event.data.skip !== false) {
      counts.skip++;
    } else {
      counts.pass++;
    }
  }
  yield `${JSON.stringify(files)}\n`;
}
