/**
 * The update command at its edges: argv through the real yargs command line,
 * a folder that is not a service, the remains of an interrupted update, and
 * inputs the service was made from that are no longer where they were.
 */
import assert from 'node:assert/strict';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { before, test } from 'node:test';
import { main } from '../../src/cli/main.js';
import { copyService, newService, PETS_V1, PETS_V2, read, readManifest, repoRoot, run, scratchFolder, snapshot, changes, update } from './helpers.js';

let base: string;

before(async () => {
  base = await newService('update-command');
});

test('design-first update [blueprint..] --dir DIR through argv: a new version is added', async () => {
  const service = await copyService(base, 'update-argv');
  const code = await main(['update', PETS_V2, '--dir', service, '--no-typecheck']);
  assert.equal(code, 0);
  assert.deepEqual(
    (await readManifest(service)).versions.map((version) => version.key),
    ['v1', 'v2'],
  );
});

test('a folder without a manifest: one line, DF_ERR_UPDATE_NO_MANIFEST, exit 2', async () => {
  const folder = await scratchFolder('update-empty');
  const result = await update(folder);
  assert.equal(result.code, 2);
  assert.equal(result.err.length, 1);
  assert.match(
    result.err[0]!,
    /has no \.design-first\/manifest\.json, so it was not made by design-first new \[DF_ERR_UPDATE_NO_MANIFEST\] - run update inside a folder made by `design-first new`$/,
  );
});

test('the remains of an interrupted update stop the next one, listed, before anything is written', async () => {
  const service = await copyService(base, 'update-leftovers');
  await writeFile(path.join(service, 'src/app.ts.design-first-old'), 'the original');
  await writeFile(path.join(service, 'src/platform/errors.ts.design-first-new'), 'the new one');
  const before = await snapshot(service);
  const result = await update(service, { blueprints: [PETS_V2] });
  assert.equal(result.code, 2);
  assert.deepEqual(result.err, [
    '  src/app.ts.design-first-old',
    '  src/platform/errors.ts.design-first-new',
    'design-first: 2 file(s) left by an update that did not finish; nothing was written [DF_ERR_UPDATE_INTERRUPTED] - an earlier update stopped half-way: move each *.design-first-old back over its file, delete the *.design-first-new files, then run update again',
  ]);
  assert.deepEqual(changes(before, await snapshot(service)), { added: [], removed: [], changed: [] });
});

test('a missing stored blueprint is refused, unless a blueprint of that version is given', async () => {
  const service = await copyService(base, 'update-missing');
  const stored = await read(service, 'blueprints/v1.yaml');
  await rm(path.join(service, 'blueprints/v1.yaml'));
  const refused = await update(service);
  assert.equal(refused.code, 2);
  assert.match(refused.err.at(-1)!, /blueprints\/v1\.yaml, the blueprint of v1, is missing \[DF_ERR_UPDATE_SOURCE_MISSING\]/);

  const given = await update(service, { blueprints: [PETS_V1], typecheck: false });
  assert.equal(given.code, 0, given.text);
  assert.equal(await read(service, 'blueprints/v1.yaml'), stored);
});

test('the playbook the service was made with is used again; if it moved, update says so, and --playbook names the new place', async () => {
  const folder = await scratchFolder('update-playbook');
  const playbook = path.join(folder, 'org', 'playbook.yaml');
  await mkdir(path.dirname(playbook), { recursive: true });
  await writeFile(playbook, 'paging:\n  pageSize: 10\n  unpagedMaximum: 50\n');
  const service = await newService('update-playbook-service', { playbook });
  const settings = await read(service, 'src/platform/settings.ts');
  assert.match(settings, /pageSize: 10/);

  const same = await update(service, { typecheck: false });
  assert.equal(same.code, 0, same.text);
  assert.equal(await read(service, 'src/platform/settings.ts'), settings, 'the same playbook, not the built-in one');

  const moved = path.join(folder, 'moved.yaml');
  await writeFile(moved, 'paging:\n  pageSize: 25\n  unpagedMaximum: 50\n');
  await rm(playbook);
  const refused = await update(service, { typecheck: false });
  assert.equal(refused.code, 2);
  assert.match(
    refused.err.at(-1)!,
    /playbook\.yaml: the playbook this service was generated with \(\.\.\/\S+\/org\/playbook\.yaml, relative to the service\) is missing \[DF_ERR_UPDATE_SOURCE_MISSING\]/,
  );

  // A new page size changes what v1 answers: refused for the published version, unless allowed.
  const breaking = await update(service, { playbook: moved, typecheck: false });
  assert.equal(breaking.code, 1, breaking.text);
  assert.match(breaking.text, /^ {2}breaking {2}paging\.pageSize: 10 -> 25 \(every page holds a different number of items\)$/m);
  assert.match(breaking.err.at(-1)!, /the playbook change breaks the contract of published version v1; nothing was written \[DF_ERR_UPDATE_BREAKING\]/);
  const changed = await update(service, { playbook: moved, typecheck: false, allowBreaking: true });
  assert.equal(changed.code, 0, changed.text);
  assert.match(changed.text, /^playbook: \.\.\/\S+\/org\/playbook\.yaml -> \.\.\/\S+\/moved\.yaml$/m);
  assert.match(await read(service, 'src/platform/settings.ts'), /pageSize: 25/);
  assert.match(await read(service, '.design-first/manifest.json'), /moved\.yaml/);
});

test('the built CLI names the template versions an update moves between and where to read what changed', async () => {
  const service = await copyService(base, 'update-template-version');
  const manifestFile = path.join(service, '.design-first/manifest.json');
  const manifest = JSON.parse(await read(service, '.design-first/manifest.json')) as { templateVersion: string };
  const current = manifest.templateVersion;
  await writeFile(manifestFile, JSON.stringify({ ...manifest, templateVersion: '0.0.1' }, null, 2));
  const result = await run(process.execPath, [path.join(repoRoot, 'bin/design-first.js'), 'update', '--no-typecheck'], service);
  assert.equal(result.code, 0, result.stderr);
  assert.ok(
    result.stdout.includes(`templates: 0.0.1 -> ${current} (what changed: the ${current} section of generator-design-first's CHANGELOG.md)`),
    result.stdout,
  );
  assert.equal((await readManifest(service)).templateVersion, current);
});
