/**
 * A node:test reporter that writes, at the end of a run, each test file's
 * wall time in seconds, slowest first (scripts/run-tests.mjs uses it, to keep
 * its list of the slowest files true). node --test reports a file's own
 * `test:complete`, named by the file's path, when its process ends.
 */
import path from 'node:path';

export default async function* fileDurations(source) {
  const seconds = new Map();
  for await (const event of source) {
    if (event.type !== 'test:complete' || event.data.file === undefined || event.data.name !== event.data.file) continue;
    seconds.set(path.relative(process.cwd(), event.data.file), (event.data.details?.duration_ms ?? 0) / 1000);
  }
  const lines = [...seconds].sort((a, b) => b[1] - a[1]).map(([file, time]) => `${time.toFixed(1).padStart(7)}  ${file}`);
  const total = [...seconds.values()].reduce((sum, time) => sum + time, 0);
  yield `${lines.join('\n')}\n${total.toFixed(1).padStart(7)}  (${seconds.size} files, their times added up)\n`;
}
