/**
 * A service is a repository that gets cloned: onto a CI runner, a colleague's
 * machine, a second checkout on a shared machine. Its manifest names no
 * absolute path (files relative to the service, playbook packages as
 * name@version), so a clone updates from what that clone holds, never from
 * another checkout's files. A manifest written by design-first 0.1 (absolute
 * paths) is still read, and rewritten without them.
 */
import assert from 'node:assert/strict';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { runNew } from '../../src/cli/commands/new.js';
import { captureIo, PETS_V1, read, readManifest, scratchFolder, update } from './helpers.js';

/** A playbook published as an npm package, "installed" where npm would put it: `<into>/node_modules/@council/api-playbook`. */
async function installPlaybookPackage(into: string, version: string, extra = ''): Promise<void> {
  const root = path.join(into, 'node_modules/@council/api-playbook');
  await mkdir(root, { recursive: true });
  await writeFile(path.join(root, 'package.json'), JSON.stringify({ name: '@council/api-playbook', version, designFirst: { playbook: 'playbook.yaml' } }));
  await writeFile(path.join(root, 'playbook.yaml'), `# The council's API playbook\npaging: { pageSize: 50 }\n${extra}`);
}

function absolutePaths(manifest: unknown): string[] {
  const found: string[] = [];
  JSON.stringify(manifest, (_key, value) => {
    if (typeof value === 'string' && (path.isAbsolute(value) || /^[A-Za-z]:\\/.test(value))) found.push(value);
    return value;
  });
  return found;
}

test('a playbook package is recorded as name@version, and each clone updates from the version installed in it', async () => {
  const work = await scratchFolder('clone-package');
  // Two checkouts of the council's services repository, each with its own node_modules.
  const service = path.join(work, 'checkout-a/pets');
  await installPlaybookPackage(path.join(work, 'checkout-a'), '2026.1.0');
  const io = captureIo();
  assert.equal(
    await runNew({ blueprints: [PETS_V1], out: 'pets', playbook: '@council/api-playbook', cwd: path.join(work, 'checkout-a') }, io),
    0,
    io.err.join('\n'),
  );
  const manifest = await readManifest(service);
  const { contract, vars: _vars, rules: _rules, ...recorded } = (manifest as any).playbook;
  assert.deepEqual(recorded, { source: '@council/api-playbook@2026.1.0', name: '@council/api-playbook', version: '2026.1.0', hash: recorded.hash });
  assert.equal(contract.pageSize, 50);
  assert.deepEqual(absolutePaths(manifest), []);
  assert.match(await read(service, 'src/platform/settings.ts'), /playbook: \{ name: '@council\/api-playbook', version: '2026\.1\.0' \}/);

  // A second checkout on the same machine, where the team installed the next playbook release.
  const clone = path.join(work, 'checkout-b/pets');
  await cp(service, clone, { recursive: true });
  await installPlaybookPackage(path.join(work, 'checkout-b'), '2026.2.0', 'rules: { path-no-verbs: error }\n');

  const inClone = await update(clone, { typecheck: false });
  assert.equal(inClone.code, 0, inClone.text);
  assert.match(inClone.text, /^playbook: @council\/api-playbook 2026\.1\.0 -> @council\/api-playbook 2026\.2\.0 \(@council\/api-playbook@2026\.2\.0\)$/m);
  assert.equal(((await readManifest(clone)) as any).playbook.source, '@council/api-playbook@2026.2.0');
  assert.match(await read(clone, 'src/platform/settings.ts'), /version: '2026\.2\.0'/);

  // The first checkout still has 2026.1.0: no playbook change there.
  const inFirst = await update(service, { typecheck: false });
  assert.equal(inFirst.code, 0, inFirst.text);
  assert.doesNotMatch(inFirst.text, /^playbook:|2026\.2\.0/m);
  assert.equal(((await readManifest(service)) as any).playbook.source, '@council/api-playbook@2026.1.0');

  // A clone where the package is not installed yet says so, and what to run.
  const bare = path.join(work, 'checkout-c/pets');
  await cp(service, bare, { recursive: true });
  const missing = await update(bare, { typecheck: false });
  assert.equal(missing.code, 2);
  assert.match(
    missing.text,
    /the service was generated with the playbook package @council\/api-playbook@2026\.1\.0, which is not installed in it \(run npm install\) \[DF_ERR_PLAYBOOK_NOT_INSTALLED\]/,
  );
});

test('a playbook file beside the service is recorded relative to it: a clone of the whole repository updates the same way', async () => {
  const work = await scratchFolder('clone-file');
  const repo = path.join(work, 'council-apis');
  await mkdir(path.join(repo, 'playbook'), { recursive: true });
  await writeFile(path.join(repo, 'playbook/playbook.yaml'), 'name: council-api-playbook\nversion: 2026.1.0\npaging: { pageSize: 50 }\n');
  const io = captureIo();
  assert.equal(await runNew({ blueprints: [PETS_V1], out: 'services/pets', playbook: 'playbook/playbook.yaml', cwd: repo }, io), 0, io.err.join('\n'));
  const manifest = (await readManifest(path.join(repo, 'services/pets'))) as any;
  assert.equal(manifest.playbook.source, '../../playbook/playbook.yaml');
  assert.equal(manifest.versions[0].source, path.relative(path.join(repo, 'services/pets'), PETS_V1).split(path.sep).join('/'));
  assert.deepEqual(absolutePaths(manifest), []);

  // The repository cloned elsewhere, and the playbook changed there only.
  const clone = path.join(work, 'elsewhere/council-apis');
  await cp(repo, clone, { recursive: true });
  await writeFile(
    path.join(clone, 'playbook/playbook.yaml'),
    'name: council-api-playbook\nversion: 2026.2.0\npaging: { pageSize: 50 }\nrules: { path-no-verbs: error }\n',
  );
  const inClone = await update(path.join(clone, 'services/pets'), { typecheck: false });
  assert.equal(inClone.code, 0, inClone.text);
  assert.match(inClone.text, /^playbook: council-api-playbook 2026\.1\.0 -> council-api-playbook 2026\.2\.0$/m);
  const inOriginal = await update(path.join(repo, 'services/pets'), { typecheck: false });
  assert.equal(inOriginal.code, 0, inOriginal.text);
  assert.doesNotMatch(inOriginal.text, /^playbook:|2026\.2\.0/m);
});

test('a manifest of design-first 0.1 (absolute paths) is read, and the next update rewrites it relative to the service', async () => {
  const work = await scratchFolder('clone-migrate');
  await writeFile(path.join(work, 'playbook.yaml'), 'paging: { pageSize: 50 }\n');
  const service = path.join(work, 'pets');
  const io = captureIo();
  assert.equal(await runNew({ blueprints: [PETS_V1], out: service, playbook: 'playbook.yaml', cwd: work }, io), 0, io.err.join('\n'));
  // What 0.1 wrote: version 1, the playbook's absolute path, no contracts.
  const current = JSON.parse(await read(service, '.design-first/manifest.json'));
  const old = {
    ...current,
    manifestVersion: 1,
    playbook: { file: path.join(work, 'playbook.yaml'), hash: current.playbook.hash },
    versions: current.versions.map(({ playbook: _, ...version }: any) => ({ ...version, source: PETS_V1 })),
  };
  delete old.service;
  await writeFile(path.join(service, '.design-first/manifest.json'), `${JSON.stringify(old, null, 2)}\n`);

  const updated = await update(service, { typecheck: false });
  assert.equal(updated.code, 0, updated.text);
  const rewritten = JSON.parse(await readFile(path.join(service, '.design-first/manifest.json'), 'utf8'));
  assert.equal(rewritten.manifestVersion, 2);
  assert.equal(rewritten.playbook.source, '../playbook.yaml');
  assert.deepEqual(absolutePaths(rewritten), []);
  assert.equal(rewritten.versions[0].playbook.contract.pageSize, 50);
});

test('playbookStatus tells a service behind its playbook (for update --check): a newer release installed, or the same one', async () => {
  const { playbookStatus } = await import('../../src/update/playbook-source.js');
  const { readManifest: readChecked } = await import('../../src/update/manifest-file.js');
  const work = await scratchFolder('playbook-status');
  await installPlaybookPackage(work, '2026.1.0');
  const io = captureIo();
  assert.equal(await runNew({ blueprints: [PETS_V1], out: 'pets', playbook: '@council/api-playbook', cwd: work }, io), 0, io.err.join('\n'));
  const service = path.join(work, 'pets');
  assert.deepEqual(await playbookStatus(service, await readChecked(service)), {
    recorded: '@council/api-playbook 2026.1.0',
    available: '@council/api-playbook 2026.1.0',
    behind: false,
    problem: undefined,
  });
  await installPlaybookPackage(work, '2026.2.0');
  const behind = await playbookStatus(service, await readChecked(service));
  assert.equal(behind.behind, true);
  assert.equal(behind.available, '@council/api-playbook 2026.2.0');
});
