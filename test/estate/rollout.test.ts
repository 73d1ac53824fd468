/**
 * The estate, end to end, as an organisation lives it: three services
 * generated from the example playbook package (two on 1.0.0, one on 2.0.0),
 * a catalogue of them plus two plain blueprints checked page by page in
 * headless Chromium (no console error, axe-core clean, search finds an API by
 * its owner, every link resolves) with its CSV parsed by csv-parse; then
 * `estate status` (exit 1, naming the two lagging services), `estate update`
 * (all on 2.0.0, the team's code kept, the new error shape and template file
 * in every service) and `estate status` again (exit 0). Every command runs
 * as users run it: the built command line (bin/design-first.js over dist/).
 *
 * The browser part is skipped, with the reason, only when /usr/bin/chromium is missing.
 */
import assert from 'node:assert/strict';
import { cp, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { parse as parseCsv } from 'csv-parse/sync';
import { GOVERNMENT_CATALOGUE_COLUMNS } from '../../src/catalogue/index.js';
import { MANIFEST_PATH } from '../../src/write/manifest.js';
import { repoRoot, scratchFolder } from '../generate/helpers.js';
import { chromiumMissing, crawlCatalogue, launchChromium, problemsOf, searchIndex, serveFolder } from '../catalogue/browser-check.js';
import { designFirst } from './cli.js';

let work = '';
/** The estate's own repository, where the architects install the newest playbook (2.0.0). */
let estateRoot = '';
const services = { pets: '', training: '', register: '' };
const PLAYBOOK = '@example/api-playbook';

/** `npm install --save-dev @example/api-playbook@<version>` in a folder, as npm lays the package out. */
async function installPlaybook(folder: string, version: 'v1' | 'v2'): Promise<void> {
  const target = path.join(folder, 'node_modules', '@example', 'api-playbook');
  await rm(target, { recursive: true, force: true });
  await cp(path.join(repoRoot, 'examples/playbook-package', version), target, { recursive: true });
}

before(async () => {
  work = await scratchFolder('estate');
  estateRoot = path.join(work, 'estate');
  await installPlaybook(estateRoot, 'v2');
  const generate = async (name: string, blueprints: string[], version: 'v1' | 'v2') => {
    // Generated with the playbook package as installed where `new` runs, then installed in the service itself.
    const from = path.join(work, `installed-${version}`);
    await installPlaybook(from, version);
    const out = path.join(work, 'services', name);
    const made = await designFirst(['new', ...blueprints.map((file) => path.join(repoRoot, file)), '--out', out, '--name', name, '--playbook', PLAYBOOK], from);
    assert.equal(made.code, 0, made.stderr);
    await installPlaybook(out, version);
    return out;
  };
  services.pets = await generate('pets-service', ['examples/pets/pets-v1.yaml', 'examples/pets/pets-v2.yaml'], 'v1');
  services.training = await generate('training-service', ['examples/apprenticeships/training-providers.yaml'], 'v1');
  services.register = await generate('register-service', ['examples/pets/pets-v2.yaml'], 'v2');
});

after(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

test('a catalogue of the three services and two plain blueprints: every page clean in Chromium, search by owner, the CSV parsed', {
  skip: chromiumMissing,
  timeout: 900_000,
}, async () => {
  const out = path.join(work, 'catalogue');
  const inputs = [
    services.pets,
    services.training,
    services.register,
    path.join(repoRoot, 'test/catalogue/fixtures/parking-v1.yaml'),
    path.join(repoRoot, 'test/catalogue/fixtures/parking-v2.yaml'),
  ];
  const built = await designFirst(
    [
      'catalogue',
      ...inputs,
      '--out',
      out,
      '--playbook',
      PLAYBOOK,
      '--title',
      'Exampleshire APIs',
      '--base-url',
      'https://apis.exampleshire.example/',
      '--provider',
      'Exampleshire Council',
    ],
    estateRoot,
  );
  assert.equal(built.code, 0, built.stderr);
  assert.match(built.stdout, /wrote a catalogue of 4 APIs \(6 versions, \d+ files\)/);

  const server = await serveFolder(out);
  const browser = await launchChromium();
  try {
    const { pages, brokenLinks } = await crawlCatalogue(browser.context, server.base);
    // index, downloads, about; 4 API pages; per version (2 + 1 + 1 + 2) a page and its reference docs.
    assert.equal(pages.length, 3 + 4 + 6 * 2, pages.map((page) => page.path).join('\n'));
    assert.ok(pages.some((page) => page.path.endsWith('reference.html')));
    assert.deepEqual(problemsOf(pages), []);
    assert.deepEqual(brokenLinks, []);
    const found = await searchIndex(browser.context, server.base, 'Parking Services');
    assert.deepEqual(found.titles, ['Parking Permits API']);
    const byTeam = await searchIndex(browser.context, server.base, 'Apprenticeship Service API team');
    assert.deepEqual(byTeam.titles, ['Find Apprenticeship Training API']);
  } finally {
    await browser.close();
    await server.close();
  }

  const rows = parseCsv(await readFile(path.join(out, 'catalogue.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>;
  assert.deepEqual(Object.keys(rows[0]!), [...GOVERNMENT_CATALOGUE_COLUMNS]);
  assert.equal(rows.length, 4, 'three services and one API of two plain blueprints');
  for (const row of rows) {
    assert.match(row.documentation!, /^https:\/\/apis\.exampleshire\.example\/apis\/[a-z0-9-]+\/index\.html$/);
    assert.equal(row.provider, 'Exampleshire Council');
  }
  // The two services on 1.0.0 show their drift from the catalogue's playbook (2.0.0); the one on 2.0.0 is in step.
  const data = JSON.parse(await readFile(path.join(out, 'catalogue.json'), 'utf8'));
  // Two services serve a "Pets API": the index names the service of each.
  const index = await readFile(path.join(out, 'index.html'), 'utf8');
  for (const name of ['pets-service', 'training-service', 'register-service']) assert.ok(index.includes(`<dt>Service</dt><dd>${name}</dd>`), name);
  const drift = Object.fromEntries(data.apis.filter((api: any) => api.source.kind === 'service').map((api: any) => [api.source.service, api.drift.inStep]));
  assert.deepEqual(drift, { 'pets-service': false, 'training-service': false, 'register-service': true });
});

test('estate status names the lagging services (exit 1); estate update brings all to 2.0.0 keeping team code; status is then clean (exit 0)', {
  timeout: 900_000,
}, async () => {
  const all = [services.pets, services.training, services.register];
  // The team's own code, which no update may touch.
  const handler = path.join(services.pets, 'src/handlers/v1/pets/listPets.ts');
  const teamCode = `${await readFile(handler, 'utf8')}\n// Exampleshire: the register is read from the council's database from March.\n`;
  await writeFile(handler, teamCode);

  const estate = (...args: string[]) => designFirst(['estate', ...args], estateRoot);
  const lagging = await estate('status', ...all, '--playbook', PLAYBOOK, '--format', 'markdown');
  assert.equal(lagging.code, 1, lagging.stderr);
  const report = lagging.stdout;
  assert.match(report, /2 of 3 services break the estate policy: pets-service, training-service\./);
  assert.match(
    report,
    /\| pets-service \| 0\.1\.0 \| 0\.1\.0\+1\.0\.0 \(current 0\.1\.0\+2\.0\.0\) \| @example\/api-playbook@1\.0\.0 \(current @example\/api-playbook@2\.0\.0\) \| 0 errors, 10 warnings \| 0 \| 0 \| 0 \|/,
  );
  assert.match(report, /### pets-service\n\n- playbook @example\/api-playbook@1\.0\.0 is 1 release\(s\) behind @example\/api-playbook@2\.0\.0 \(at most 0\)\n/);
  assert.match(report, /\| register-service \| .* \| kept \|/);
  assert.match(lagging.stderr, /2 of 3 services break the estate policy: pets-service, training-service \[DF_ERR_ESTATE_POLICY\]/);

  // A scheduled job on a plain checkout (no npm install in the services) sees the same.
  await rename(path.join(services.pets, 'node_modules'), path.join(work, 'pets-node_modules'));
  const checkout = await estate('status', services.pets, '--playbook', PLAYBOOK, '--format', 'json');
  await rename(path.join(work, 'pets-node_modules'), path.join(services.pets, 'node_modules'));
  assert.deepEqual(JSON.parse(checkout.stdout).services[0].breaches, [
    'playbook @example/api-playbook@1.0.0 is 1 release(s) behind @example/api-playbook@2.0.0 (at most 0)',
  ]);

  const manifestBefore = await readFile(path.join(services.pets, MANIFEST_PATH), 'utf8');
  // Each service takes the new release like any dependency; update then resolves it from the service.
  for (const service of all) await installPlaybook(service, 'v2');
  // A newer playbook installed is not drift: no file was edited by hand.
  const installed = JSON.parse((await estate('status', ...all, '--playbook', PLAYBOOK, '--format', 'json')).stdout);
  assert.deepEqual(
    installed.services.map((row: { check: { files: unknown[] } }) => row.check.files),
    [[], [], []],
  );

  // 2.0.0 changes the error shape, which breaks the published versions' clients: update refuses it, service by service.
  const refused = await estate('update', ...all, '--playbook', PLAYBOOK, '--dry-run');
  assert.equal(refused.code, 1, refused.stderr);
  assert.match(refused.stdout, /pets-service\s+refused .*breaks the contract of published versions? v1, v2.*\[DF_ERR_UPDATE_BREAKING\]/);
  assert.match(refused.stdout, /register-service\s+up to date/);
  assert.match(refused.stdout, /Dry run: nothing was written\. 0 of 3 services would update, 1 is up to date, 2 would be refused\./);
  // A dry run says what would happen and writes nothing.
  const dryRun = await estate('update', ...all, '--playbook', PLAYBOOK, '--dry-run', '--allow-breaking');
  assert.equal(dryRun.code, 0, dryRun.stdout + dryRun.stderr);
  assert.match(dryRun.stdout, /pets-service\s+would update/);
  assert.match(dryRun.stdout, /Dry run: nothing was written\. 2 of 3 services would update, 1 is up to date\./);
  assert.equal(await readFile(path.join(services.pets, MANIFEST_PATH), 'utf8'), manifestBefore);
  await assert.rejects(stat(path.join(services.pets, 'SUPPORT.md')));

  const updated = await estate('update', ...all, '--playbook', PLAYBOOK, '--allow-breaking');
  assert.equal(updated.code, 0, updated.stdout + updated.stderr);
  const table = updated.stdout;
  // Each updated service type-checked (compile errors: 0), the team's code with it.
  assert.match(table, /^pets-service +updated +\d+ +0 +0 /m);
  assert.match(table, /^training-service +updated +\d+ +0 +0 /m);
  assert.match(table, /^register-service +up to date +0 +0 +0 /m);
  assert.match(table, /All 3 services are up to date: 2 updated, 1 already was\./);

  const v2 = JSON.parse(await readFile(path.join(services.register, MANIFEST_PATH), 'utf8'));
  for (const service of all) {
    const manifest = JSON.parse(await readFile(path.join(service, MANIFEST_PATH), 'utf8'));
    assert.equal(manifest.playbook.hash, v2.playbook.hash, `${service} is on 2.0.0`);
    assert.equal(manifest.playbook.source, '@example/api-playbook@2.0.0', 'the manifest records the package as name@version');
    assert.equal(manifest.templateVersion, '0.1.0+2.0.0', "the built-in set's version, then the playbook package's");
    assert.ok((await stat(path.join(service, 'SUPPORT.md'))).isFile(), 'the template file 2.0.0 adds is in every service');
    assert.match(await readFile(path.join(service, 'src/platform/settings.ts'), 'utf8'), /version: '2\.0\.0'/);
  }
  assert.equal(await readFile(handler, 'utf8'), teamCode, "the team's handler is kept as it was");

  const inStep = await estate('status', ...all, '--playbook', PLAYBOOK);
  assert.equal(inStep.code, 0, inStep.stdout + inStep.stderr);
  assert.match(inStep.stdout, /Every service keeps the estate policy \(3\)\./);
});

test('estate update with one service that cannot be updated leaves the others done and says why', { timeout: 600_000 }, async () => {
  const broken = path.join(work, 'services', 'not-a-service');
  await mkdir(broken, { recursive: true });
  const run = await designFirst(['estate', 'update', broken, services.register, '--playbook', PLAYBOOK, '--no-typecheck'], estateRoot);
  assert.equal(run.code, 1);
  assert.match(run.stdout, /not-a-service\s+failed/);
  assert.match(run.stdout, /register-service\s+up to date\s+0/);
  assert.match(run.stderr, /1 of 2 services were not brought up to date: not-a-service \(failed\) \[DF_ERR_ESTATE_UPDATE\]/);
});
