/**
 * `design-first update --check`, through the built command line
 * (bin/design-first.js and dist/), as the generated CI workflow runs it:
 * exit 0 in step, 1 drift (listed), 2 input it cannot use; never a write.
 */
import assert from 'node:assert/strict';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { before, test } from 'node:test';
import { runNew } from '../../src/cli/commands/new.js';
import { captureIo, changes, copyService, editBlueprint, newService, PETS_V1, read, repoRoot, run, scratchFolder, snapshot, update, write } from './helpers.js';

const cli = path.join(repoRoot, 'bin/design-first.js');
const check = async (dir: string, ...args: string[]) => {
  const result = await run(process.execPath, [cli, 'update', '--check', ...args], dir);
  return { ...result, lines: result.stdout.trimEnd().split('\n') };
};

let base: string;

before(async () => {
  base = await newService('check');
});

/** Runs the check and proves it wrote nothing. */
async function checked(service: string, ...args: string[]) {
  const before = await snapshot(service);
  const result = await check(service, ...args);
  assert.deepEqual(changes(before, await snapshot(service)), { added: [], removed: [], changed: [] }, 'the check writes nothing');
  return result;
}

test('a service fresh from new is in step: exit 0', async () => {
  const result = await checked(base);
  assert.equal(result.code, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /^design-first: .* is in step with its blueprints, playbook and templates: v1 \(4 operations\)$/m);
  assert.equal(result.stderr, '');
});

test("the team's own changes are not drift: handlers, scenarios, and a platform file the templates did not change", async () => {
  const service = await copyService(base, 'check-team');
  await write(service, 'src/handlers/v1/pets/getPet.ts', `${await read(service, 'src/handlers/v1/pets/getPet.ts')}\n// the team's\n`);
  await write(service, 'test/scenarios/v1/pets/getPet.ts', `${await read(service, 'test/scenarios/v1/pets/getPet.ts')}\n// the team's\n`);
  await write(service, 'src/app.ts', `${await read(service, 'src/app.ts')}\n// the team registers a plugin here\n`);
  await rm(path.join(service, 'src/handlers/v1/pets/deletePet.ts'));
  const result = await checked(service);
  assert.equal(result.code, 0, result.stdout + result.stderr);
});

test('a hand edit to src/generated/ and a deleted generated file: exit 1, each listed, DF_ERR_UPDATE_DRIFT', async () => {
  const service = await copyService(base, 'check-edited');
  await write(service, 'src/generated/v1/types.ts', `${await read(service, 'src/generated/v1/types.ts')}\nexport type Mine = string;\n`);
  await rm(path.join(service, 'test/generated/v1.samples.json'));
  // The route table's data files are generated files too.
  await write(service, 'src/generated/v1/mock-bodies.jsonl', `{"mine":true}\n${await read(service, 'src/generated/v1/mock-bodies.jsonl')}`);
  await rm(path.join(service, 'src/generated/v1/definitions.jsonl'));
  const result = await checked(service);
  assert.equal(result.code, 1);
  assert.ok(
    result.lines.includes('drift      src/generated/v1/mock-bodies.jsonl: edited by hand: generated files are what design-first writes from the blueprint'),
    result.stdout,
  );
  assert.ok(result.lines.includes('drift      src/generated/v1/definitions.jsonl: missing: update writes it'), result.stdout);
  assert.ok(
    result.lines.includes('drift      src/generated/v1/types.ts: edited by hand: generated files are what design-first writes from the blueprint'),
    result.stdout,
  );
  assert.ok(result.lines.includes('drift      test/generated/v1.samples.json: missing: update writes it'), result.stdout);
  const errors = result.stderr.trimEnd().split('\n');
  assert.equal(errors.length, 1, result.stderr);
  assert.match(
    errors[0]!,
    /^design-first: .* is not in step with its blueprints, playbook and templates: 4 file\(s\) design-first owns differ from what update writes; nothing was written \[DF_ERR_UPDATE_DRIFT\] - run design-first update in the service/,
  );

  // The fix is the update it points to.
  assert.equal((await update(service, { typecheck: false })).code, 0);
  assert.equal((await checked(service)).code, 0);
});

test('a blueprint edited in place: drift; a breaking change inside the published version is listed in full', async () => {
  const service = await copyService(base, 'check-breaking');
  const stored = path.join(service, 'blueprints/v1.yaml');
  await editBlueprint(PETS_V1, stored, (document) => {
    document.components.schemas.NewPet.required.push('DateOfBirth');
  });
  const result = await checked(service);
  assert.equal(result.code, 1);
  assert.ok(result.lines.includes('drift      blueprints/v1.yaml: the blueprint of v1 was edited since the last update'), result.stdout);
  assert.match(result.stdout, /^breaking {3}v1 \(published as 1\.2\.0, now 1\.2\.0\): 1 breaking change\(s\) that update refuses:$/m);
  assert.match(
    result.stdout,
    /^ {2}breaking {2}request-property-became-required\n {4}POST \/pets .*`DateOfBirth` became required.*\n {4}old {2}\.design-first\/blueprints\/v1\.yaml:\d+:\d+ #\/components\/schemas\/NewPet\/properties\/DateOfBirth\n {4}new {2}blueprints\/v1\.yaml:\d+/m,
  );
  assert.match(
    result.stderr,
    /1 blueprint\(s\) edited since the last update; breaking changes inside published version\(s\) v1; nothing was written \[DF_ERR_UPDATE_DRIFT\]/,
  );
});

test('a compatible edit of the blueprint is drift until update runs, and only then in step', async () => {
  const service = await copyService(base, 'check-compatible');
  await editBlueprint(PETS_V1, path.join(service, 'blueprints/v1.yaml'), (document) => {
    document.info.version = '1.2.1';
    document.components.schemas.Pet.properties.Name.description = 'What the owner calls the pet.';
  });
  const result = await checked(service);
  assert.equal(result.code, 1);
  assert.ok(result.lines.includes('drift      blueprints/v1.yaml: the blueprint of v1 was edited since the last update'), result.stdout);
  assert.ok(
    result.lines.includes('drift      src/generated/v1/types.ts: out of date: regenerating from the recorded blueprint writes it differently'),
    result.stdout,
  );
  assert.doesNotMatch(result.stdout, /^breaking/m);

  assert.equal((await update(service, { typecheck: false })).code, 0);
  const after = await checked(service);
  assert.equal(after.code, 0, after.stdout + after.stderr);
});

test('templates that changed since the last update: platform files not yet updated, merges, conflicts and files no longer written are drift', async () => {
  const templates = path.join(await scratchFolder('check-templates'), 'templates');
  await mkdir(path.join(templates, 'docs'), { recursive: true });
  const operations = '# Operations\n\nRestart with care.\n';
  await writeFile(path.join(templates, 'docs/operations.md'), operations);
  await writeFile(path.join(templates, 'docs/on-call.md'), '# On call\n');
  const service = await newService('check-templates', { templates });
  assert.equal((await checked(service)).code, 0);

  await writeFile(path.join(templates, 'docs/operations.md'), operations.replace('# Operations', '# Operating the service'));
  await rm(path.join(templates, 'docs/on-call.md'));
  const result = await checked(service);
  assert.equal(result.code, 1);
  assert.ok(result.lines.includes('drift      docs/operations.md: out of date: the templates now write it differently (update rewrites it)'), result.stdout);
  assert.ok(result.lines.includes('drift      docs/on-call.md: no longer part of the templates (update deletes it)'), result.stdout);

  // The team changed another line: update would merge the two; the same line: a conflict. Both are drift.
  await write(service, 'docs/operations.md', operations.replace('with care', 'at will'));
  const merged = await checked(service);
  assert.ok(
    merged.lines.includes('drift      docs/operations.md: you changed it, and the templates changed it too, in other lines (update merges the two)'),
    merged.stdout,
  );
  await write(service, 'docs/operations.md', operations.replace('# Operations', '# Operations, as we run them'));
  const conflict = await checked(service);
  assert.ok(
    conflict.lines.includes('drift      docs/operations.md: you changed it, and the templates now write it differently (update reports a conflict)'),
    conflict.stdout,
  );
});

/** A playbook package as npm installs it, at `version`, where the service resolves it (node_modules above it). */
async function installPlaybookPackage(into: string, version: string): Promise<void> {
  const root = path.join(into, 'node_modules/@council/api-playbook');
  await mkdir(root, { recursive: true });
  await writeFile(path.join(root, 'package.json'), JSON.stringify({ name: '@council/api-playbook', version, designFirst: { playbook: 'playbook.yaml' } }));
  await writeFile(path.join(root, 'playbook.yaml'), "# The council's API playbook\npaging: { pageSize: 50 }\n");
}

test('a newer release of the playbook package installed is drift, named with both releases; update moves the service onto it', async () => {
  const work = await scratchFolder('check-playbook-release');
  await installPlaybookPackage(work, '2026.1.0');
  const io = captureIo();
  assert.equal(await runNew({ blueprints: [PETS_V1], out: 'pets', playbook: '@council/api-playbook', cwd: work }, io), 0, io.err.join('\n'));
  const service = path.join(work, 'pets');
  assert.equal((await checked(service)).code, 0);

  // The same rules under a new release number: the service is behind, and says so in the playbook it reports.
  await installPlaybookPackage(work, '2026.2.0');
  const result = await checked(service);
  assert.equal(result.code, 1, result.stdout + result.stderr);
  assert.ok(
    result.lines.includes(
      'playbook   recorded @council/api-playbook 2026.1.0, resolved now @council/api-playbook 2026.2.0: another playbook than the one recorded (update moves the service onto it)',
    ),
    result.stdout,
  );
  assert.ok(
    result.lines.includes('drift      src/platform/settings.ts: out of date: the templates now write it differently (update rewrites it)'),
    result.stdout,
  );
  assert.match(
    result.stderr,
    /is not in step with its blueprints, playbook and templates: 1 file\(s\) design-first owns differ from what update writes; the playbook resolved now \(@council\/api-playbook 2026\.2\.0\) is not the one recorded \(@council\/api-playbook 2026\.1\.0\); nothing was written \[DF_ERR_UPDATE_DRIFT\]/,
  );

  assert.equal((await update(service, { typecheck: false })).code, 0);
  const after = await checked(service);
  assert.equal(after.code, 0, after.stdout + after.stderr);
});

test('a playbook file edited since the last update (a rule made stricter) is drift though no file changes, named as the same playbook with other content', async () => {
  const work = await scratchFolder('check-playbook-file');
  const rules = path.join(work, 'playbook.yaml');
  await writeFile(rules, 'name: council\nversion: 2026.1.0\n');
  const io = captureIo();
  assert.equal(await runNew({ blueprints: [PETS_V1], out: 'pets', playbook: 'playbook.yaml', cwd: work }, io), 0, io.err.join('\n'));
  const service = path.join(work, 'pets');
  assert.equal((await checked(service)).code, 0);

  await writeFile(rules, 'name: council\nversion: 2026.1.0\nrules: { path-no-verbs: error }\n');
  const result = await checked(service);
  assert.equal(result.code, 1, result.stdout + result.stderr);
  assert.ok(
    result.lines.includes(
      'playbook   recorded council 2026.1.0, resolved now council 2026.1.0: its content changed since the last update (update moves the service onto it)',
    ),
    result.stdout,
  );
  assert.doesNotMatch(result.stdout, /^drift/m, 'no file differs: the rules are what lint and the next update apply');
  assert.match(
    result.stderr,
    /is not in step with its blueprints, playbook and templates: the playbook resolved now \(council 2026\.1\.0\) is not the one recorded \(council 2026\.1\.0\); nothing was written \[DF_ERR_UPDATE_DRIFT\]/,
  );

  assert.equal((await update(service, { typecheck: false })).code, 0);
  const after = await checked(service);
  assert.equal(after.code, 0, after.stdout + after.stderr);
});

test('exit 2, one line, for what the check cannot use: no manifest, blueprints or update flags given', async () => {
  const empty = await scratchFolder('check-empty');
  const none = await check(empty);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /^design-first: .* has no \.design-first\/manifest\.json, so it was not made by design-first new \[DF_ERR_UPDATE_NO_MANIFEST\]/);
  assert.equal(none.stderr.trimEnd().split('\n').length, 1);

  const given = await check(base, PETS_V1, '--allow-breaking');
  assert.equal(given.code, 2);
  assert.match(given.stderr, /update --check compares the service with what its manifest records; it takes no blueprints, --allow-breaking \[DF_ERR_USAGE\]/);
  const upstream = await check(base, '--upstream', `inner=${PETS_V1}`);
  assert.equal(upstream.code, 2);
  assert.match(upstream.stderr, /it takes no --upstream \[DF_ERR_USAGE\]/);

  const missing = await copyService(base, 'check-missing');
  await rm(path.join(missing, 'blueprints/v1.yaml'));
  const gone = await check(missing);
  assert.equal(gone.code, 2);
  assert.match(gone.stderr, /blueprints\/v1\.yaml, the blueprint of v1, is missing \[DF_ERR_UPDATE_SOURCE_MISSING\]/);
});
