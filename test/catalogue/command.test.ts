/**
 * `design-first catalogue` as people run it: from plain blueprints, a folder
 * of them and a generated service, into a folder of pages, raw blueprints and
 * exports; rebuilt in place; refusing what it cannot use without writing
 * anything; and escaping everything a hostile blueprint puts in its pages.
 */
import assert from 'node:assert/strict';
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';
import { runCatalogue, type CatalogueCommandOptions } from '../../src/cli/commands/catalogue.js';
import { runNew } from '../../src/cli/commands/new.js';
import { MANIFEST_PATH } from '../../src/write/manifest.js';
import { captureIo, execFileAsync, repoRoot, scratchFolder } from '../generate/helpers.js';

const fixture = (name: string) => path.join(repoRoot, 'test/catalogue/fixtures', name);
const PETS_V1 = path.join(repoRoot, 'examples/pets/pets-v1.yaml');
const PETS_V2 = path.join(repoRoot, 'examples/pets/pets-v2.yaml');
const APPRENTICESHIPS = path.join(repoRoot, 'examples/apprenticeships/training-providers.yaml');

let scratch = '';
let service = '';

before(async () => {
  scratch = await scratchFolder('catalogue');
  service = path.join(scratch, 'pets-service');
  const io = captureIo();
  assert.equal(await runNew({ blueprints: [PETS_V1, PETS_V2], out: service, cwd: repoRoot }, io), 0, io.err.join('\n'));
});

after(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

async function catalogue(options: Partial<CatalogueCommandOptions> & { inputs: string[]; out: string }) {
  const io = captureIo();
  const code = await runCatalogue({ cwd: repoRoot, ...options }, io);
  return { code, out: io.out.join('\n'), err: io.err.join('\n') };
}

async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

test('a catalogue of a service, plain blueprints grouped into versions, and a folder of blueprints', { timeout: 120_000 }, async () => {
  const out = path.join(scratch, 'portal');
  const parking = path.join(scratch, 'parking');
  await mkdir(parking);
  await cp(fixture('parking-v1.yaml'), path.join(parking, 'parking-v1.yaml'));
  await cp(fixture('parking-v2.yaml'), path.join(parking, 'parking-v2.yaml'));
  await writeFile(path.join(parking, 'notes.json'), '{"not": "a blueprint"}');

  const result = await catalogue({
    inputs: [service, parking, APPRENTICESHIPS],
    out,
    title: 'Exampleshire APIs',
    baseUrl: 'https://apis.example.gov.uk/',
    provider: 'Exampleshire Council',
    now: new Date('2026-02-03T10:00:00Z'),
  });
  assert.equal(result.code, 0, result.err);
  assert.match(result.out, /wrote a catalogue of 3 APIs \(5 versions, \d+ files\)/);

  const files = await filesUnder(out);
  for (const expected of [
    'index.html',
    'downloads.html',
    'about.html',
    'catalogue.csv',
    'catalogue.json',
    'apis/pets-api/index.html',
    'apis/pets-api/catalog-info.yaml',
    'apis/pets-api/changes-v1-v2.md',
    'apis/pets-api/v1/index.html',
    'apis/pets-api/v1/reference.html',
    'apis/pets-api/v1/openapi.json',
    'apis/pets-api/v1/openapi.yaml',
    'apis/pets-api/v1/findings.json',
    'apis/parking-permits-api/v2/reference.html',
    'apis/find-apprenticeship-training-api/v1/index.html',
    'assets/catalogue.css',
    'assets/catalogue.js',
    'assets/reference.js',
    'assets/redoc.standalone.js',
    'assets/govuk/all.bundle.js',
  ]) {
    assert.ok(files.includes(expected), `${expected} is written`);
  }
  // Nothing is left beside the catalogue.
  assert.deepEqual(
    (await readdir(scratch)).filter((name) => name.includes('design-first')),
    [],
  );

  const data = JSON.parse(await readFile(path.join(out, 'catalogue.json'), 'utf8'));
  assert.equal(data.title, 'Exampleshire APIs');
  const bySlug = Object.fromEntries(data.apis.map((api: { slug: string }) => [api.slug, api]));
  const parkingApi = bySlug['parking-permits-api'];
  assert.deepEqual(
    parkingApi.versions.map((v: { key: string; lifecycle: string; sunset: string | null }) => [v.key, v.lifecycle, v.sunset]),
    [
      ['v1', 'deprecated', '2027-03-31'],
      ['v2', 'live', null],
    ],
  );
  assert.equal(parkingApi.audience, 'external');
  assert.equal(parkingApi.conformance.level, 'errors');
  assert.equal(parkingApi.changelogs[0].changes[0].severity, 'breaking', 'breaking changes come first');
  assert.equal(parkingApi.drift, null);
  assert.equal(parkingApi.source.kind, 'blueprint');
  const pets = bySlug['pets-api'];
  assert.equal(pets.source.kind, 'service');
  assert.equal(pets.drift.inStep, true, JSON.stringify(pets.drift));
  assert.equal(pets.maturity.level, 2, 'internal, so not level 3');
  assert.equal(pets.dateAdded, '2026-02-03');

  // The raw blueprint: the file itself where it was one file of that format, else converted, both the same document.
  const yamlText = await readFile(path.join(out, 'apis/pets-api/v1/openapi.yaml'), 'utf8');
  assert.equal(yamlText, await readFile(path.join(service, 'blueprints/v1.yaml'), 'utf8'));
  assert.deepEqual(JSON.parse(await readFile(path.join(out, 'apis/pets-api/v1/openapi.json'), 'utf8')), parseYaml(yamlText));
  const findings = JSON.parse(await readFile(path.join(out, 'apis/parking-permits-api/v1/findings.json'), 'utf8'));
  assert.equal(findings.summary.errors, parkingApi.versions[0].conformance.errors, 'findings.json holds the findings the page counts');
  assert.ok(findings.findings.some((finding: { rule: string }) => finding.rule === 'error-responses-defined'));

  const csv = parseCsv(await readFile(path.join(out, 'catalogue.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>;
  assert.deepEqual(csv.map((row) => row.name).sort(), ['Find Apprenticeship Training API', 'Parking Permits API', 'Pets API']);
  const parkingRow = csv.find((row) => row.name === 'Parking Permits API')!;
  assert.equal(parkingRow.documentation, 'https://apis.example.gov.uk/apis/parking-permits-api/index.html');
  assert.equal(parkingRow.maintainer, 'parking-api@council.example.gov.uk');
  assert.equal(parkingRow.provider, 'Exampleshire Council');
  assert.equal(parkingRow.areaServed, 'Exampleshire');

  const changelog = await readFile(path.join(out, 'apis/parking-permits-api/changes-v1-v2.md'), 'utf8');
  assert.match(changelog, /api-path-removed/);
  const apiPage = await readFile(path.join(out, 'apis/parking-permits-api/index.html'), 'utf8');
  const breakingAt = apiPage.search(/govuk-tag[^"]*">\s*breaking\s*</);
  const infoAt = apiPage.search(/govuk-tag[^"]*">\s*info\s*</);
  assert.ok(breakingAt > 0 && infoAt > breakingAt, 'the page lists breaking changes first');

  // Every page but the reference docs stays small.
  for (const file of files.filter((name) => name.endsWith('.html') && !name.endsWith('reference.html'))) {
    assert.ok((await stat(path.join(out, file))).size < 300 * 1024, `${file} is under 300 KB`);
  }
});

test('a rebuild replaces the earlier catalogue, keeping when each API was added and moving dateUpdated only for changed ones', {
  timeout: 120_000,
}, async () => {
  const out = path.join(scratch, 'rebuilt');
  const blueprints = path.join(scratch, 'rebuilt-blueprints');
  await mkdir(blueprints);
  await cp(PETS_V1, path.join(blueprints, 'pets.yaml'));
  await cp(APPRENTICESHIPS, path.join(blueprints, 'training.yaml'));
  assert.equal((await catalogue({ inputs: [blueprints], out, now: new Date('2026-01-01T00:00:00Z') })).code, 0);
  const training = path.join(blueprints, 'training.yaml');
  await writeFile(training, (await readFile(training, 'utf8')).replace('version: 1.0.0', 'version: 1.1.0'));
  const second = await catalogue({ inputs: [blueprints], out, now: new Date('2026-03-01T00:00:00Z') });
  assert.equal(second.code, 0, second.err);
  const rows = parseCsv(await readFile(path.join(out, 'catalogue.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>;
  const byName = Object.fromEntries(rows.map((row) => [row.name, row]));
  assert.deepEqual([byName['Pets API']!.dateAdded, byName['Pets API']!.dateUpdated], ['2026-01-01', '2026-01-01']);
  assert.deepEqual(
    [byName['Find Apprenticeship Training API']!.dateAdded, byName['Find Apprenticeship Training API']!.dateUpdated],
    ['2026-01-01', '2026-03-01'],
  );
});

test('refusals name the file and write nothing: a folder of someone else, a missing input, a broken blueprint, a folder without blueprints', {
  timeout: 60_000,
}, async () => {
  const theirs = path.join(scratch, 'theirs');
  await mkdir(theirs);
  await writeFile(path.join(theirs, 'notes.txt'), 'mine');
  const occupied = await catalogue({ inputs: [PETS_V1], out: theirs });
  assert.equal(occupied.code, 2);
  assert.match(occupied.err, /theirs: already exists and is neither empty nor a catalogue built by design-first \[DF_ERR_CATALOGUE_OUT_NOT_EMPTY\]/);
  assert.deepEqual(await readdir(theirs), ['notes.txt']);

  const out = path.join(scratch, 'never');
  const missing = await catalogue({ inputs: [PETS_V1, 'no/such/blueprint.yaml'], out });
  assert.equal(missing.code, 2);
  assert.match(missing.err, /no\/such\/blueprint\.yaml: no such file or folder \[DF_ERR_LOAD_NOT_FOUND\]/);

  const broken = path.join(scratch, 'broken.yaml');
  await writeFile(broken, 'openapi: 3.0.3\ninfo:\n  title: [unclosed\n');
  const syntax = await catalogue({ inputs: [PETS_V1, broken], out });
  assert.equal(syntax.code, 2);
  assert.match(syntax.err, /broken\.yaml:\d+:\d+.*\[DF_ERR_LOAD_SYNTAX\]/);
  assert.doesNotMatch(syntax.err, /at .*\.ts:\d+/, 'no stack trace');

  const empty = path.join(scratch, 'empty-folder');
  await mkdir(empty);
  const nothing = await catalogue({ inputs: [empty], out });
  assert.equal(nothing.code, 2);
  assert.match(nothing.err, /empty-folder: holds neither .* \[DF_ERR_CATALOGUE_INPUT\]/);

  await assert.rejects(stat(out), 'no catalogue folder was made');
  assert.deepEqual(
    (await readdir(scratch)).filter((name) => name.includes('design-first')),
    [],
    'no staging folder is left',
  );
});

test('a hostile blueprint is printed as text everywhere: no script, no javascript: link, no way out of the embedded JSON', { timeout: 60_000 }, async () => {
  const hostile = path.join(scratch, 'hostile.yaml');
  const payload = '</script><script>alert("owned")</script><img src=x onerror=alert(1)>';
  const text = (await readFile(PETS_V1, 'utf8'))
    .replace('title: Pets API', `title: ${JSON.stringify(`Pets ${payload}`)}`)
    .replace('name: Pets API team', `name: ${JSON.stringify(payload)}`)
    .replace('email: pets-api@example.gov.uk', 'url: "javascript:alert(document.cookie)"')
    .replace(/description: A small example API[^\n]*/, `description: ${JSON.stringify(`${payload}\n\n[click](javascript:alert(2))`)}`)
    .replace('summary: List pets', `summary: ${JSON.stringify(payload)}`);
  await writeFile(hostile, text);
  const out = path.join(scratch, 'hostile-portal');
  const result = await catalogue({ inputs: [hostile], out });
  assert.equal(result.code, 0, result.err);
  const pages = (await filesUnder(out)).filter((file) => file.endsWith('.html'));
  assert.ok(pages.length >= 6);
  for (const page of pages) {
    const html = await readFile(path.join(out, page), 'utf8');
    assert.doesNotMatch(html, /<script>alert|<img /, `${page} prints the payload as text`);
    assert.doesNotMatch(html, /href="\s*javascript:/i, `${page} links nowhere the blueprint chose`);
    const scripts = [...html.matchAll(/<script[^>]*>/g)].map((match) => match[0]);
    for (const tag of scripts)
      assert.match(tag, /^<script (src="[^"]+"|type="application\/json" id="blueprint")>$/, `${page}: only the catalogue's own scripts`);
  }
  const index = await readFile(path.join(out, 'index.html'), 'utf8');
  assert.match(index, /Pets &lt;\/script&gt;&lt;script&gt;alert\(&quot;owned&quot;\)/);
});

test('the built command line: help, a usage error, and a build', { timeout: 120_000 }, async () => {
  const cli = path.join(repoRoot, 'bin/design-first.js');
  const help = await execFileAsync(process.execPath, [cli, 'catalogue', '--help'], { cwd: repoRoot });
  assert.match(help.stdout, /--out/);
  assert.match(help.stdout, /--base-url/);
  const bad = await execFileAsync(process.execPath, [cli, 'catalogue', PETS_V1, '--out', path.join(scratch, 'x'), '--base-url', 'ftp://x'], {
    cwd: repoRoot,
  }).catch((error) => error);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--base-url must be an http\(s\) address, not ftp: \[DF_ERR_USAGE\]/);
  const out = path.join(scratch, 'from-cli');
  const built = await execFileAsync(process.execPath, [cli, 'catalogue', PETS_V1, PETS_V2, service, '--out', out, '--title', 'CLI APIs'], { cwd: repoRoot });
  assert.match(built.stdout, /wrote a catalogue of 2 APIs/);
  assert.match(await readFile(path.join(out, 'index.html'), 'utf8'), /<title>CLI APIs<\/title>/);
});

test('a service whose manifest records an older template set is shown as drifted, with the reason', { timeout: 60_000 }, async () => {
  const copy = path.join(scratch, 'drifted-service');
  await cp(service, copy, { recursive: true });
  const manifestFile = path.join(copy, MANIFEST_PATH);
  const manifest = JSON.parse(await readFile(manifestFile, 'utf8'));
  const current = manifest.templateVersion;
  manifest.templateVersion = '0.9.0';
  await writeFile(manifestFile, JSON.stringify(manifest, null, 2));
  const out = path.join(scratch, 'drift-portal');
  assert.equal((await catalogue({ inputs: [copy], out })).code, 0);
  const data = JSON.parse(await readFile(path.join(out, 'catalogue.json'), 'utf8'));
  assert.equal(data.apis[0].drift.inStep, false);
  assert.deepEqual(data.apis[0].drift.reasons, [`template set 0.9.0; ${current} is current`]);
  assert.match(await readFile(path.join(out, 'index.html'), 'utf8'), /Drifted/);
});
