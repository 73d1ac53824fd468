/**
 * A node:test reporter that prints one JSON object at the end: for every test
 * file, how many tests passed, failed and were skipped, and each failure's
 * name and first line of error. Used by profile-matrix.test.ts and
 * hostile/injection.test.ts, which run the tests of many services (each in a
 * process of its own, run-service-tests.ts) and must say which service failed.
 */
export default async function* summaryReporter(source) {
  const files = {};
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    // Suites (describe) report too; count only tests.
    if (event.data.details?.type === 'suite') continue;
    const file = String(event.data.file);
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
