/**
 * Releases a playbook author or a team can read: the built-in template set
 * carries the package's version (which each service's manifest records), the
 * CHANGELOG.md has a section for it, the packed package ships it, and every
 * pending changeset is one `changeset version` can use.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { repoRoot } from '../generate/helpers.js';

const run = promisify(execFile);
const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as { name: string; version: string };

test('the built-in template set has the package version, and CHANGELOG.md a section for it', async () => {
  const pkg = await readJson(path.join(repoRoot, 'package.json'));
  const templateSet = await readJson(path.join(repoRoot, 'templates/service/template-set.json'));
  assert.equal(templateSet.version, pkg.version, 'npm run release:version ties them; run scripts/sync-template-set-version.ts');
  const changelog = await readFile(path.join(repoRoot, 'CHANGELOG.md'), 'utf8');
  assert.match(changelog, new RegExp(`^## ${pkg.version.replaceAll('.', '\\.')}$`, 'm'));
});

test('every pending changeset names this package and a bump', async () => {
  const folder = path.join(repoRoot, '.changeset');
  for (const name of await readdir(folder)) {
    if (!name.endsWith('.md') || name === 'README.md') continue;
    const text = await readFile(path.join(folder, name), 'utf8');
    assert.match(text, /^---\n"generator-design-first": (?:major|minor|patch)\n---\n\n\S/, `.changeset/${name}`);
  }
});

test('the release script moves the template set to a new package version', async () => {
  const copy = await mkdtemp(path.join(os.tmpdir(), 'df-release-'));
  await mkdir(path.join(copy, 'templates/service'), { recursive: true });
  await writeFile(path.join(copy, 'package.json'), JSON.stringify({ name: 'generator-design-first', version: '9.8.7' }));
  await writeFile(path.join(copy, 'templates/service/template-set.json'), JSON.stringify({ name: 'built-in', version: '0.1.0' }));
  const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'scripts/sync-template-set-version.ts'), copy]);
  assert.equal(stdout.trim(), 'template set 0.1.0 -> 9.8.7');
  assert.deepEqual(await readJson(path.join(copy, 'templates/service/template-set.json')), { name: 'built-in', version: '9.8.7' });
});
