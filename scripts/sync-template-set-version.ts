/**
 * Ties the built-in template set's version to the package's. `npm run release:version`
 * runs `changeset version` (which bumps package.json and writes CHANGELOG.md from the
 * pending `.changeset/*.md` entries), then this script, so every service's manifest
 * records a template version that has a CHANGELOG.md section saying what it brings.
 * test/package/changelog.test.ts fails when the two drift apart.
 */
import { readFile, writeFile } from 'node:fs/promises';

// The package folder: this checkout, or the one named on the command line (the test uses a copy).
const root = process.argv[2] ? new URL(`file://${process.argv[2].replace(/\/?$/, '/')}`) : new URL('../', import.meta.url);
const pkg = JSON.parse(await readFile(new URL('package.json', root), 'utf8')) as { version: string };
const file = new URL('templates/service/template-set.json', root);
const templateSet = JSON.parse(await readFile(file, 'utf8')) as { name: string; version: string };
if (templateSet.version !== pkg.version) {
  await writeFile(file, `${JSON.stringify({ ...templateSet, version: pkg.version })}\n`);
  console.log(`template set ${templateSet.version} -> ${pkg.version}`);
}
