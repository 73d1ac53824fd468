/**
 * Part of `npm run build`: plain CommonJS modules under src/ (`*.cjs`, such as
 * the worker thread src/render/format-worker.cjs) are not compiled by tsc, but
 * are loaded by path beside the compiled modules, so they are copied to the
 * same place under dist/ (or under the folder given, where tsc was told to
 * write: the benchmarks' own build, bench/support.ts).
 *
 *   node scripts/copy-plain-modules.mjs [outDir]
 */
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.resolve(process.argv[2] ?? path.join(root, 'dist'));
const entries = await readdir(path.join(root, 'src'), { recursive: true, withFileTypes: true });
for (const entry of entries) {
  if (!entry.isFile() || !entry.name.endsWith('.cjs')) continue;
  const relative = path.relative(root, path.join(entry.parentPath, entry.name));
  await mkdir(path.dirname(path.join(outDir, relative)), { recursive: true });
  await copyFile(path.join(root, relative), path.join(outDir, relative));
}
