/**
 * A node:test reporter for the corpus run (run-corpus.ts): one JSON line at
 * the end, listing for every test file each operation's test (a test two
 * levels under the file's suite, as run-service-tests.ts wraps
 * test/contract.test.ts: file suite > `<version> operations` > operation), with
 * whether it passed, its skip reason and its failure's message, and whether
 * the file itself failed to load.
 */
export default async function* operationReporter(source) {
  const files = {};
  const fileOf = (name) => (files[name] ??= { loaded: true, operations: [] });
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { data } = event;
    const suite = data.details?.type === 'suite';
    // run-service-tests.ts names each file's suite by the file's path: its own failure is the file's.
    if (suite && data.nesting === 0) {
      if (event.type === 'test:fail' && data.details?.error?.failureType !== 'subtestsFailed') fileOf(data.name).loaded = false;
      continue;
    }
    if (suite || data.nesting !== 2) continue;
    const error = data.details?.error;
    const cause = error?.cause ?? error;
    fileOf(String(data.file)).operations.push({
      name: data.name,
      ok: event.type === 'test:pass',
      skip: data.skip === undefined || data.skip === false ? null : String(data.skip === true ? '' : data.skip),
      error: event.type === 'test:fail' ? String(cause?.message ?? cause) : null,
    });
  }
  yield `${JSON.stringify(files)}\n`;
}
