/**
 * `design-first update` on real generated services, changed as a team
 * changes them: handlers written, platform files edited, the blueprint grown,
 * shrunk and broken. Each test asserts exactly what was kept, added, reported
 * and refused, and whether the service still compiles.
 */
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { hashContent } from '../../src/write/manifest.js';
import { bin, changes, copyService, editBlueprint, newService, PETS_V1, PETS_V2, read, readManifest, run, snapshot, update, write } from './helpers.js';

let base: string;

before(async () => {
  base = await newService('update-base');
});

/** A handler the team wrote: real code, not the mock. */
const TEAM_GET_PET = `// The team's getPet: reads from the register.
import type { Handlers } from '../../../generated/v1/handlers.js';

const register = new Map([['5b0a5e36-6a0c-4f0e-9d7c-2b0f8f1f3c11', { Id: '5b0a5e36-6a0c-4f0e-9d7c-2b0f8f1f3c11', Name: 'Tibbles', Species: 'cat' as const, RegisteredAt: '2024-01-31T09:30:00Z' }]]);

export const getPet: Handlers['getPet'] = async (request, context) => {
  const pet = register.get(request.params.petId);
  if (!pet) return context.mock();
  return { status: 200, body: pet };
};
`;

/** A new operation, written to the default playbook like the others. */
function addListSpecies(document: Record<string, any>): void {
  document.tags.push({ name: 'species', description: 'The species the register knows' });
  document.paths['/species'] = {
    get: {
      operationId: 'listSpecies',
      summary: 'List species',
      description: 'Lists the species a pet can be registered as.',
      tags: ['species'],
      responses: {
        '200': {
          description: 'The species.',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['Species'],
                properties: { Species: { type: 'array', description: 'Every species.', items: { $ref: '#/components/schemas/Species' } } },
              },
            },
          },
        },
        '400': { $ref: '#/components/responses/BadRequest' },
        '401': { $ref: '#/components/responses/Unauthorized' },
        '403': { $ref: '#/components/responses/Forbidden' },
        '500': { $ref: '#/components/responses/ServerError' },
      },
    },
  };
}

// Each test changes its own copy of the service, so they run side by side.
describe('update scenarios', { concurrency: true }, () => {
  test('an update with nothing changed rewrites nothing the team can see, and a second one writes nothing at all', async () => {
    const service = await copyService(base, 'update-same');
    const before = await snapshot(service);

    // `new` already kept the copy of the blueprint that updates compare in-place edits with.
    assert.equal(before.get('.design-first/blueprints/v1.yaml'), before.get('blueprints/v1.yaml'));

    const first = await update(service);
    assert.equal(first.code, 0, first.text);
    const after = await snapshot(service);
    assert.deepEqual(changes(before, after), { added: [], removed: [], changed: [] });
    assert.match(first.text, /is up to date: v1 \(4 operations\)/);
    assert.match(first.text, /type-check: the service compiles/);

    const second = await update(service);
    assert.equal(second.code, 0, second.text);
    assert.deepEqual(changes(after, await snapshot(service)), { added: [], removed: [], changed: [] });
  });

  test("an operation and a property added: the team's handler and platform edits are kept, the new operation gets a stub, and the service compiles and passes its tests", async () => {
    const service = await copyService(base, 'update-grow');
    await write(service, 'src/handlers/v1/pets/getPet.ts', TEAM_GET_PET);
    const appTs = `${await read(service, 'src/app.ts')}\n// The team registers its own plugin here.\n`;
    await write(service, 'src/app.ts', appTs);
    const blueprint = await editBlueprint(PETS_V1, path.join(service, '../pets-v1.3.yaml'), (document) => {
      document.info.version = '1.3.0';
      addListSpecies(document);
      document.components.schemas.Pet.properties.Colour = { type: 'string', description: 'Main colour of the coat.', example: 'tabby' };
      document.components.schemas.NewPet.properties.Colour = { type: 'string', description: 'Main colour of the coat.', example: 'tabby' };
    });
    const before = await snapshot(service);

    const result = await update(service, { blueprints: [blueprint] });
    assert.equal(result.code, 0, result.text);
    const after = await snapshot(service);
    const diff = changes(before, after);

    // Kept, byte for byte.
    assert.equal(after.get('src/handlers/v1/pets/getPet.ts'), TEAM_GET_PET);
    assert.equal(after.get('src/app.ts'), appTs);
    // Added: one stub, in mock mode, for the one new operation, and its scenario file.
    assert.deepEqual(diff.added, ['src/handlers/v1/species/listSpecies.ts', 'test/scenarios/v1/species/listSpecies.ts']);
    assert.match(
      after.get('src/handlers/v1/species/listSpecies.ts')!,
      /export const listSpecies: Handlers\[(['"])listSpecies\1\] = async \(_request, context\) => context\.mock\(\);/,
    );
    assert.deepEqual(diff.removed, []);
    // Changed: design-first's files only.
    for (const file of diff.changed) {
      assert.match(file, /^(src\/generated\/|test\/generated\/|blueprints\/|\.design-first\/|README\.md$)/, `${file} should not have changed`);
    }
    assert.ok(diff.changed.includes('src/generated/v1/types.ts'));
    assert.match(after.get('src/generated/v1/types.ts')!, /Colour\?: string/);
    assert.equal(after.get('blueprints/v1.yaml'), await read(service, '../pets-v1.3.yaml'));

    // Reported.
    assert.match(result.text, /^v1 from .*pets-v1\.3\.yaml \(replaces blueprints\/v1\.yaml\)$/m);
    assert.match(result.text, /^v1: 1\.2\.0 -> 1\.3\.0: \d+ change\(s\): 0 breaking/m);
    assert.match(result.text, /^added +src\/handlers\/v1\/species\/listSpecies\.ts: a stub for a new operation \(mock mode\)$/m);
    assert.match(result.text, /^kept +src\/app\.ts: you changed it; the templates did not$/m);
    assert.match(result.text, /type-check: the service compiles/);
    const manifest = await readManifest(service);
    assert.equal(manifest.versions[0]!.apiVersion, '1.3.0');
    assert.equal(manifest.files['src/handlers/v1/species/listSpecies.ts']!.owner, 'team');
    // The platform file keeps the hash of what design-first wrote, so a later template change to it is a conflict.
    assert.equal(manifest.files['src/app.ts']!.hash, (await readManifest(base)).files['src/app.ts']!.hash);

    const tests = await run(bin('tsx'), ['--test', 'test/contract.test.ts'], service);
    assert.equal(tests.code, 0, tests.stdout.slice(-3000));
  });

  test('an operation removed is refused as breaking; with --allow-breaking its handler is kept as an orphan, named by the type-check, and forgotten once deleted', async () => {
    const service = await copyService(base, 'update-shrink');
    const teamDelete = (await read(service, 'src/handlers/v1/pets/deletePet.ts')).replace('context.mock()', "context.mock() // the team's delete");
    await write(service, 'src/handlers/v1/pets/deletePet.ts', teamDelete);
    const blueprint = await editBlueprint(PETS_V1, path.join(service, '../pets-no-delete.yaml'), (document) => {
      delete document.paths['/pets/{petId}'].delete;
    });
    const before = await snapshot(service);

    const refused = await update(service, { blueprints: [blueprint] });
    assert.equal(refused.code, 1);
    assert.match(refused.text, /\[DF_ERR_UPDATE_BREAKING\]/);
    assert.match(refused.text, /breaking +api-removed/);
    assert.match(refused.text, /DELETE \/pets\/\{petId\}/);
    assert.match(refused.text, /new major version beside the old one \(v1 -> v2\)/);
    assert.deepEqual(changes(before, await snapshot(service)), { added: [], removed: [], changed: [] }, 'nothing written');

    const allowed = await update(service, { blueprints: [blueprint], allowBreaking: true });
    assert.equal(allowed.code, 1, 'the type-check fails on the orphan');
    assert.match(allowed.text, /breaking changes applied with --allow-breaking/);
    assert.match(allowed.text, /^orphan +src\/handlers\/v1\/pets\/deletePet\.ts: operation deletePet is no longer in the v1 blueprint; the file is kept/m);
    assert.match(allowed.text, /^orphaned handler deletePet, no longer in the v1 blueprint \(src\/handlers\/v1\/pets\/deletePet\.ts:\d+\): /m);
    assert.match(allowed.text, /\[DF_ERR_UPDATE_TYPECHECK\]/);
    assert.equal(await read(service, 'src/handlers/v1/pets/deletePet.ts'), teamDelete, 'the orphan is kept as the team wrote it');
    assert.doesNotMatch(await read(service, 'src/generated/v1/handlers.ts'), /deletePet/);
    assert.equal((await readManifest(service)).files['src/handlers/v1/pets/deletePet.ts']?.owner, 'team', 'still recorded, so it is reported until deleted');

    assert.match(allowed.text, /^orphan +test\/scenarios\/v1\/pets\/deletePet\.ts: operation deletePet is no longer in the v1 blueprint; the file is kept/m);

    await rm(path.join(service, 'src/handlers/v1/pets/deletePet.ts'));
    await rm(path.join(service, 'test/scenarios/v1/pets/deletePet.ts'));
    const again = await update(service);
    assert.equal(again.code, 0, again.text);
    assert.doesNotMatch(again.text, /orphan/);
    assert.equal((await readManifest(service)).files['src/handlers/v1/pets/deletePet.ts'], undefined);
  });

  test('a type broken inside v1 is refused with the list of breaking changes; with --allow-breaking it is applied and the handler that no longer compiles is named by operation', async () => {
    const service = await copyService(base, 'update-break');
    await write(service, 'src/handlers/v1/pets/getPet.ts', TEAM_GET_PET);
    const blueprint = await editBlueprint(PETS_V1, path.join(service, '../pets-name-number.yaml'), (document) => {
      document.components.schemas.Pet.properties.Name = { type: 'integer', description: 'The pet number.', example: 7 };
    });
    const before = await snapshot(service);

    const refused = await update(service, { blueprints: [blueprint] });
    assert.equal(refused.code, 1);
    assert.match(
      refused.err.at(-1)!,
      /^design-first: \d+ breaking change\(s\) inside published version v1; nothing was written \[DF_ERR_UPDATE_BREAKING\] - publish the change as a new major version/,
    );
    assert.match(refused.text, /breaking +response-property-type-changed\n +GET \/pets .*`Pets\[\]\.Name` changed type from string to integer/);
    assert.deepEqual(changes(before, await snapshot(service)), { added: [], removed: [], changed: [] });

    const allowed = await update(service, { blueprints: [blueprint], allowBreaking: true });
    assert.equal(allowed.code, 1);
    assert.match(allowed.text, /^operation getPet \(src\/handlers\/v1\/pets\/getPet\.ts:\d+\): .*\[TS2322\]$/m);
    assert.match(allowed.err.at(-1)!, /compile error\(s\) after the update, in: operation getPet \[DF_ERR_UPDATE_TYPECHECK\]/);
    assert.equal(await read(service, 'src/handlers/v1/pets/getPet.ts'), TEAM_GET_PET);
    assert.match(await read(service, 'src/generated/v1/types.ts'), /Name: number/);
  });

  test('a blueprint of a new major version is added beside v1, which stays exactly as it was', async () => {
    const service = await copyService(base, 'update-v2');
    await write(service, 'src/handlers/v1/pets/getPet.ts', TEAM_GET_PET);
    const before = await snapshot(service);

    const result = await update(service, { blueprints: [PETS_V2] });
    assert.equal(result.code, 0, result.text);
    const after = await snapshot(service);
    const diff = changes(before, after);
    assert.deepEqual(diff.removed, []);
    for (const file of [...before.keys()].filter((name) => /\/v1[/.]/.test(name))) assert.equal(after.get(file), before.get(file), `${file} is v1's`);
    for (const operation of ['listPets', 'createPet', 'getPet', 'deletePet']) assert.ok(diff.added.includes(`src/handlers/v2/pets/${operation}.ts`), operation);
    assert.ok(diff.added.includes('blueprints/v2.yaml'));
    assert.match(result.text, /^v2 from examples\/pets\/pets-v2\.yaml \(a new version, added beside the others\)$/m);
    assert.doesNotMatch(result.text, /^v2: /m, 'a new version has no published blueprint to compare with');
    assert.deepEqual(
      (await readManifest(service)).versions.map((version) => version.key),
      ['v1', 'v2'],
    );
    assert.match(result.text, /type-check: the service compiles/);
  });

  test('a platform file changed by the team and by a newer design-first is a conflict: nothing is written; --force overwrites it and saves theirs as .orig', async () => {
    const service = await copyService(base, 'update-conflict');
    // A newer design-first is simulated by a manifest that says an older one wrote these two files.
    const manifest = JSON.parse(await read(service, '.design-first/manifest.json'));
    const olderHealth = `${await read(service, 'src/platform/health.ts')}\n// as an older design-first wrote it\n`;
    const olderDocker = `${await read(service, 'Dockerfile')}\n# as an older design-first wrote it\n`;
    manifest.files['src/platform/health.ts'].hash = hashContent(olderHealth);
    manifest.files.Dockerfile.hash = hashContent(olderDocker);
    await write(service, '.design-first/manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
    const teamHealth = `${olderHealth}// and then changed by the team\n`;
    await write(service, 'src/platform/health.ts', teamHealth);
    await write(service, 'Dockerfile', olderDocker);
    const current = await snapshot(base);
    const before = await snapshot(service);

    const refused = await update(service);
    assert.equal(refused.code, 1);
    assert.deepEqual(refused.err.slice(-2), [
      'conflict  src/platform/health.ts: you changed it since design-first wrote it, and the templates now write it differently',
      'design-first: 1 file(s) changed by you would be overwritten; nothing was written [DF_ERR_UPDATE_CONFLICT] - merge by hand, or pass --force: a merged file gets conflict markers where both changed, any other is overwritten after saving yours as *.orig',
    ]);
    assert.deepEqual(changes(before, await snapshot(service)), { added: [], removed: [], changed: [] }, 'all or nothing: not even the Dockerfile');

    const forced = await update(service, { force: true });
    assert.equal(forced.code, 0, forced.text);
    assert.equal(await read(service, 'src/platform/health.ts'), current.get('src/platform/health.ts'));
    assert.equal(await read(service, 'src/platform/health.ts.orig'), teamHealth);
    assert.equal(await read(service, 'Dockerfile'), current.get('Dockerfile'), 'unchanged by the team: brought up to date');
    assert.match(forced.text, /^overwrote +src\/platform\/health\.ts: .*; yours is saved as src\/platform\/health\.ts\.orig$/m);
    assert.match(forced.text, /^updated +Dockerfile$/m);
    assert.match(forced.text, /type-check: the service compiles/);
    assert.equal(
      JSON.parse(await read(service, '.design-first/manifest.json')).files['src/platform/health.ts'].hash,
      hashContent(current.get('src/platform/health.ts')!),
    );

    // A second forced conflict keeps the first saved version.
    await write(service, 'src/platform/health.ts', `${olderHealth}// changed again\n`);
    const again = JSON.parse(await read(service, '.design-first/manifest.json'));
    again.files['src/platform/health.ts'].hash = hashContent(olderHealth);
    await write(service, '.design-first/manifest.json', JSON.stringify(again));
    assert.equal((await update(service, { force: true, typecheck: false })).code, 0);
    assert.equal(await read(service, 'src/platform/health.ts.orig'), teamHealth);
    assert.equal(await read(service, 'src/platform/health.ts.2.orig'), `${olderHealth}// changed again\n`);
  });

  test('blueprints/v1.yaml edited in place: checked against the copy kept by new and each update; refused when there is none; a new major version there is refused', async () => {
    const service = await copyService(base, 'update-in-place');
    const breakName = (document: Record<string, any>) => {
      document.components.schemas.NewPet.required.push('DateOfBirth');
    };
    const stored = path.join(service, 'blueprints/v1.yaml');

    // Fresh from `new`, the copy is there: the breaking change is listed.
    await editBlueprint(PETS_V1, stored, breakName);
    const listed = await update(service);
    assert.equal(listed.code, 1);
    assert.match(listed.text, /\[DF_ERR_UPDATE_BREAKING\]/);

    // A service without the copy (made by an older design-first): the text it replaced is gone, so the change cannot be reviewed.
    await rm(path.join(service, '.design-first/blueprints'), { recursive: true });
    const before = await snapshot(service);
    const unchecked = await update(service);
    assert.equal(unchecked.code, 1);
    assert.match(unchecked.err.at(-1)!, /blueprints\/v1\.yaml.*was edited in place.*\[DF_ERR_UPDATE_NO_BASELINE\]/);
    assert.deepEqual(changes(before, await snapshot(service)), { added: [], removed: [], changed: [] });

    // Once an update has run, its copy is the baseline.
    await write(service, 'blueprints/v1.yaml', await read(base, 'blueprints/v1.yaml'));
    assert.equal((await update(service, { typecheck: false })).code, 0);
    await editBlueprint(PETS_V1, stored, (document) => {
      document.info.version = '1.2.1';
      document.components.schemas.Pet.properties.Name.description = 'What the owner calls the pet.';
    });
    const fine = await update(service, { typecheck: false });
    assert.equal(fine.code, 0, fine.text);
    assert.match(fine.text, /^v1: 1\.2\.0 -> 1\.2\.1: \d+ change\(s\): 0 breaking/m);
    assert.equal((await readManifest(service)).versions[0]!.apiVersion, '1.2.1');

    await editBlueprint(PETS_V1, stored, breakName);
    const refused = await update(service);
    assert.equal(refused.code, 1);
    assert.match(refused.text, /\[DF_ERR_UPDATE_BREAKING\]/);
    assert.match(refused.text, /request-property-required-added|required/);

    await editBlueprint(PETS_V1, stored, (document) => {
      document.info.version = '2.0.0';
    });
    const moved = await update(service);
    assert.equal(moved.code, 2);
    assert.match(
      moved.err.at(-1)!,
      /^design-first: \S*blueprints\/v1\.yaml:\d+:\d+ #\/info\/version: the blueprint of v1 now declares info\.version "2\.0\.0", which is not v1 \[DF_ERR_UPDATE_VERSION_MOVED\]/,
    );
  });

  test('lint errors in the changed blueprint refuse the update unless --allow-lint-errors, which records them', async () => {
    const service = await copyService(base, 'update-lint');
    const blueprint = await editBlueprint(PETS_V1, path.join(service, '../pets-lint.yaml'), (document) => {
      document.paths['/Pet_Search'] = document.paths['/pets'];
      document.paths['/Pet_Search'] = { get: { ...document.paths['/pets'].get, operationId: 'searchPets' } };
    });
    const before = await snapshot(service);

    const refused = await update(service, { blueprints: [blueprint] });
    assert.equal(refused.code, 1);
    assert.match(refused.text, /path-kebab-case/);
    assert.match(refused.err.at(-1)!, /\[DF_ERR_UPDATE_LINT_FAILED\] - fix the findings, or pass --allow-lint-errors/);
    assert.deepEqual(changes(before, await snapshot(service)), { added: [], removed: [], changed: [] });

    const allowed = await update(service, { blueprints: [blueprint], allowLintErrors: true, typecheck: false });
    assert.equal(allowed.code, 0, allowed.text);
    const manifest = JSON.parse(await read(service, '.design-first/manifest.json')) as { overriddenFindings: string[] };
    assert.ok(manifest.overriddenFindings.some((finding) => finding.includes('path-kebab-case')));
  });

  test('a hand-edited generated file is overwritten and said so; a platform file the team deleted stays deleted', async () => {
    const service = await copyService(base, 'update-hand');
    const generated = await read(service, 'src/generated/v1/types.ts');
    await write(service, 'src/generated/v1/types.ts', `${generated}\n// edited by hand\n`);
    await rm(path.join(service, 'Dockerfile'));

    const result = await update(service);
    assert.equal(result.code, 0, result.text);
    assert.equal(await read(service, 'src/generated/v1/types.ts'), generated);
    assert.match(result.text, /^updated +src\/generated\/v1\/types\.ts: it had been edited by hand; generated files are rewritten on every update$/m);
    assert.match(result.text, /^kept +Dockerfile: you deleted it$/m);
    assert.equal((await snapshot(service)).has('Dockerfile'), false);
  });

  test('--dry-run says what would happen and writes nothing', async () => {
    const service = await copyService(base, 'update-dry');
    const before = await snapshot(service);
    const result = await update(service, { blueprints: [PETS_V2], dryRun: true });
    assert.equal(result.code, 0, result.text);
    assert.match(result.text, /^add +src\/handlers\/v2\/pets\/getPet\.ts: a stub for a new operation \(mock mode\)$/m);
    assert.match(result.text, /nothing was written/);
    assert.deepEqual(changes(before, await snapshot(service)), { added: [], removed: [], changed: [] });
  });
});
