/**
 * Upstreams on day two: `update` keeps each upstream from the blueprint the
 * service stores (blueprints/upstreams/<name>.yaml), `update --upstream` takes
 * a new one and says which of the service's calls its breaking changes
 * affect, by operation and place, before the type-check names what no longer
 * compiles; a new upstream is added the same way and removed by deleting its
 * stored blueprint. `diff --service` gives the same answer before anything is
 * changed.
 */
import assert from 'node:assert/strict';
import { access, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { before, test } from 'node:test';
import { parse, stringify } from 'yaml';
import { runDiff } from '../../src/cli/commands/diff.js';
import { runNew } from '../../src/cli/commands/new.js';
import { runUpdate } from '../../src/cli/commands/update.js';
import { captureIo, repoRoot, scratchFolder } from '../generate/helpers.js';
import { useHandler } from './services.js';

let folder = '';
let service = '';
let next = '';

before(async () => {
  folder = await scratchFolder('upstream-update');
  service = path.join(folder, 'service');
  const pets = path.join(folder, 'pets.yaml');
  await writeFile(pets, await readFile(path.join(repoRoot, 'examples/pets/pets-v1.yaml'), 'utf8'));
  const io = captureIo();
  assert.equal(
    await runNew({ blueprints: [path.join(repoRoot, 'examples/adoptions/adoptions.yaml')], out: service, cwd: folder, upstream: ['pets=pets.yaml'] }, io),
    0,
    io.err.join('\n'),
  );
  await useHandler(service, 'adoptions-get-adoption.ts', 'adoptions/getAdoption');
  // The next version of the pets API renames Pet.Name: every answer holding a pet loses `Name`.
  const document = parse(await readFile(pets, 'utf8')) as {
    info: { version: string };
    components: { schemas: { Pet: { required: string[]; properties: Record<string, unknown> } } };
  };
  const pet = document.components.schemas.Pet;
  pet.properties = Object.fromEntries(Object.entries(pet.properties).map(([key, value]) => [key === 'Name' ? 'FullName' : key, value]));
  pet.required = pet.required.map((key) => (key === 'Name' ? 'FullName' : key));
  document.info.version = '1.3.0';
  next = path.join(folder, 'pets-next.yaml');
  await writeFile(next, stringify(document));
});

test('update without --upstream keeps the upstream from its stored blueprint: nothing changes', { timeout: 120_000 }, async () => {
  // The first update also records each version's baseline (as for any service); the second has nothing to do.
  assert.equal(await runUpdate({ dir: service, cwd: folder, typecheck: false }, captureIo()), 0);
  const io = captureIo();
  assert.equal(await runUpdate({ dir: service, cwd: folder }, io), 0, io.err.join('\n') + io.out.join('\n'));
  assert.match(io.out.join('\n'), /is up to date/);
  assert.match(await readFile(path.join(service, 'blueprints/upstreams/pets.yaml'), 'utf8'), /version: 1\.2\.0/);
});

test('diff --service names the calls of the service that the breaking changes affect, by operation and place', async () => {
  const io = captureIo();
  const stored = path.join(service, 'blueprints/upstreams/pets.yaml');
  assert.equal(await runDiff({ old: stored, new: next, service, cwd: folder }, io), 0, io.err.join('\n'));
  const out = io.out.join('\n');
  assert.match(
    out,
    /upstream pets: getPet \(GET \/pets\/\{petId\}\) has \d+ breaking change\(s\) and is called at src\/handlers\/v1\/adoptions\/getAdoption\.ts:6:/,
  );
  assert.match(out, /^ {2}response-property-(removed|renamed): /m);
  assert.match(out, /upstream pets: breaking changes in operations this service does not call: (?=.*listPets)(?=.*createPet)/);

  const json = captureIo();
  assert.equal(await runDiff({ old: stored, new: next, service, format: 'json', cwd: folder }, json), 0);
  const report = JSON.parse(json.out.join('\n')) as { changes: unknown[]; service: { upstream: string; affected: Array<{ method: string; calls: string[] }> } };
  assert.ok(report.changes.length > 0);
  assert.deepEqual(report.service.affected.find((operation) => operation.method === 'getPet')?.calls, ['src/handlers/v1/adoptions/getAdoption.ts:6']);
});

test('update --upstream reports the affected calls, applies the new blueprint and names the handler that no longer compiles', {
  timeout: 180_000,
}, async () => {
  const io = captureIo();
  const code = await runUpdate({ dir: service, cwd: folder, upstream: [`pets=${next}`] }, io);
  const out = io.out.join('\n');
  assert.match(out, /upstream pets: .*pets\.yaml -> .*pets-next\.yaml: \d+ change\(s\): [1-9]\d* breaking/);
  assert.match(out, /getPet \(GET \/pets\/\{petId\}\) has \d+ breaking change\(s\) and is called at src\/handlers\/v1\/adoptions\/getAdoption\.ts:6/);
  assert.equal(code, 1, out + io.err.join('\n'));
  assert.match(io.err.join('\n'), /DF_ERR_UPDATE_TYPECHECK/);
  assert.match(io.err.join('\n'), /getAdoption/);
  assert.match(await readFile(path.join(service, 'blueprints/upstreams/pets.yaml'), 'utf8'), /version: 1\.3\.0/);
  assert.match(await readFile(path.join(service, 'src/generated/upstreams/pets/types.ts'), 'utf8'), /FullName/);
});

test('a new upstream is added by update --upstream, and removed by deleting its stored blueprint', { timeout: 180_000 }, async () => {
  const added = captureIo();
  await runUpdate(
    { dir: service, cwd: folder, upstream: [`providers=${path.join(repoRoot, 'examples/apprenticeships/training-providers.yaml')}`], typecheck: false },
    added,
  );
  await access(path.join(service, 'src/generated/upstreams/providers/client.ts'));
  assert.match(await readFile(path.join(service, 'src/generated/upstreams.ts'), 'utf8'), /readonly providers: ProvidersClient/);
  await rm(path.join(service, 'blueprints/upstreams/providers.yaml'));
  const removed = captureIo();
  await runUpdate({ dir: service, cwd: folder, typecheck: false }, removed);
  await assert.rejects(access(path.join(service, 'src/generated/upstreams/providers/client.ts')));
  assert.doesNotMatch(await readFile(path.join(service, 'src/generated/upstreams.ts'), 'utf8'), /providers/);
});

test('a bad --upstream is one usage line, and nothing is written', async () => {
  for (const flag of ['pets', '=x.yaml', 'Pets=x.yaml', 'a_b=x.yaml']) {
    const io = captureIo();
    assert.equal(await runUpdate({ dir: service, cwd: folder, upstream: [flag] }, io), 2);
    assert.equal(io.err.length, 1, io.err.join('\n'));
    assert.match(io.err[0]!, /--upstream .*\[DF_ERR_USAGE\]/);
  }
  const io = captureIo();
  assert.equal(
    await runNew(
      {
        blueprints: [path.join(repoRoot, 'examples/adoptions/adoptions.yaml')],
        out: path.join(folder, 'twice'),
        cwd: folder,
        upstream: ['pets=pets.yaml', 'pets=pets.yaml'],
      },
      io,
    ),
    2,
  );
  assert.match(io.err.join('\n'), /--upstream pets is given twice/);
  await assert.rejects(access(path.join(folder, 'twice')));
});
