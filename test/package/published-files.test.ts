/**
 * What a user installs from the registry: the packed package holds the
 * licence the README names, and every document the README and the docs link
 * to, so no link is broken in the installed package.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { repoRoot } from '../generate/helpers.js';

async function packedFiles(): Promise<Set<string>> {
  const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 });
  const [pack] = JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>;
  return new Set(pack!.files.map((file) => file.path));
}

/** Relative link targets of a Markdown file, resolved from the package root, without #anchors. */
function relativeLinks(file: string): string[] {
  const text = readFileSync(path.join(repoRoot, file), 'utf8');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1]!.split('#')[0]!)
    .filter((target) => target !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(target))
    .map((target) => path.posix.normalize(path.posix.join(path.posix.dirname(file), target)));
}

test('the packed package holds the licence and every document the README and docs link to', { timeout: 120_000 }, async () => {
  const files = await packedFiles();
  assert.ok(files.has('LICENSE'), 'LICENSE is not packed');
  assert.match(readFileSync(path.join(repoRoot, 'LICENSE'), 'utf8'), /^MIT License/);
  assert.equal((JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { license: string }).license, 'MIT');
  const documents = ['README.md', ...[...files].filter((file) => file.startsWith('docs/') && file.endsWith('.md'))];
  const missing = documents.flatMap((document) =>
    relativeLinks(document)
      .filter((target) => !files.has(target) && ![...files].some((file) => file.startsWith(`${target}/`)))
      .map((target) => `${document} -> ${target}`),
  );
  assert.deepEqual(missing, []);
});
