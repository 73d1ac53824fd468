/**
 * `yo design-first:update` (generators/update) through yeoman-test: the same
 * tree as `design-first update`; Yeoman's conflicter asks about platform files
 * changed by both the team and design-first, and about nothing else; refusals
 * are one line with the CLI's exit code and write nothing.
 */
import assert from 'node:assert/strict';
import { existsSync, realpathSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { before, test, type TestContext } from 'node:test';
import { pathToFileURL } from 'node:url';
import { createEnv } from 'yeoman-environment';
import { parse } from 'yaml';
import helpers, { type RunContext } from 'yeoman-test';
import { GeneratorFailure } from '../../generators/failure.js';
import UpdateGenerator, { type UpdateGeneratorOptions } from '../../generators/update/generator.js';
import { hashContent } from '../../src/write/manifest.js';
import { changes, copyService, editBlueprint, newService, PETS_V1, PETS_V2, read, repoRoot, snapshot, update, write } from './helpers.js';

const NAMESPACE = 'design-first:update';

let base: string;

before(async () => {
  base = await newService('yo-update');
});

/** A run of the TypeScript generator as Yeoman would run generators/update/index.js; `ask` lets the conflicter ask. */
function run(t: TestContext, options: Partial<UpdateGeneratorOptions>, ask = false): RunContext<UpdateGenerator> {
  const context = helpers.run<UpdateGenerator>(
    UpdateGenerator,
    { namespace: NAMESPACE, resolved: path.join(repoRoot, 'generators/update/index.js') },
    ask ? { force: false } : {},
  );
  context.withOptions({ ...(ask ? { force: false } : {}), ...options });
  t.after(() => context.cleanup());
  return context;
}

/** Make the manifest say an older design-first wrote `file` as `older`, and put `onDisk` there. */
async function olderDesignFirstWrote(service: string, file: string, older: string, onDisk: string): Promise<void> {
  const manifest = JSON.parse(await read(service, '.design-first/manifest.json'));
  manifest.files[file].hash = hashContent(older);
  await write(service, '.design-first/manifest.json', JSON.stringify(manifest, null, 2));
  await write(service, file, onDisk);
}

/** Two files an older design-first wrote: health.ts, which the team then changed (a conflict), and the Dockerfile, which it did not. */
async function conflictingService(label: string): Promise<{ service: string; teamHealth: string; current: Map<string, string> }> {
  const service = await copyService(base, label);
  const current = await snapshot(base);
  const olderHealth = `${current.get('src/platform/health.ts')}\n// as an older design-first wrote it\n`;
  const teamHealth = `${olderHealth}// changed by the team\n`;
  await olderDesignFirstWrote(service, 'src/platform/health.ts', olderHealth, teamHealth);
  const olderDocker = `${current.get('Dockerfile')}\n# older\n`;
  await olderDesignFirstWrote(service, 'Dockerfile', olderDocker, olderDocker);
  return { service, teamHealth, current };
}

test('writes what design-first update writes: a new version added, the team files kept', async (t) => {
  const byYeoman = await copyService(base, 'yo-update-same');
  const byCli = await copyService(base, 'yo-update-cli');
  await write(byYeoman, 'src/handlers/v1/pets/getPet.ts', '// the team wrote this\n');
  await write(byCli, 'src/handlers/v1/pets/getPet.ts', '// the team wrote this\n');

  const result = await run(t, { dir: byYeoman, typecheck: false }).withArguments([PETS_V2]);
  const cli = await update(byCli, { blueprints: [PETS_V2], typecheck: false });
  assert.equal(cli.code, 0, cli.text);

  const yeomanTree = await snapshot(byYeoman);
  const cliTree = await snapshot(byCli);
  assert.deepEqual([...yeomanTree.keys()], [...cliTree.keys()]);
  for (const [file, content] of cliTree) {
    // The manifest names the blueprint as each was given; everything else is identical.
    if (file !== '.design-first/manifest.json') assert.equal(yeomanTree.get(file), content, file);
  }
  assert.equal(yeomanTree.get('src/handlers/v1/pets/getPet.ts'), '// the team wrote this\n');
  assert.ok(yeomanTree.has('src/handlers/v2/pets/getPet.ts'));
  assert.deepEqual(result.askedQuestions, []);
});

test('the conflicter asks about the one file both changed, and "no" keeps the team\'s version; the rest is written without a question', async (t) => {
  const { service, teamHealth, current } = await conflictingService('yo-update-no');
  const result = await run(t, { dir: service, typecheck: false }, true).withAnswers({ action: 'skip' });

  assert.deepEqual(result.askedQuestions, [{ name: 'action', answer: 'skip' }]);
  assert.equal(await read(service, 'src/platform/health.ts'), teamHealth);
  assert.equal(await read(service, 'Dockerfile'), current.get('Dockerfile'));
  assert.equal(existsSync(path.join(service, 'src/platform/health.ts.orig')), false);

  // The manifest still records what design-first wrote before, so the next update asks again.
  const again = await update(service, { typecheck: false });
  assert.equal(again.code, 1);
  assert.match(again.text, /conflict +src\/platform\/health\.ts/);
});

test('"yes" at the conflicter overwrites it; the next update finds nothing to ask and only brings the manifest up to date', async (t) => {
  const { service, current } = await conflictingService('yo-update-yes');
  const result = await run(t, { dir: service, typecheck: false }, true).withAnswers({ action: 'write' });

  assert.deepEqual(result.askedQuestions, [{ name: 'action', answer: 'write' }]);
  assert.equal(await read(service, 'src/platform/health.ts'), current.get('src/platform/health.ts'));
  const before = await snapshot(service);
  const again = await update(service, { typecheck: false });
  assert.equal(again.code, 0, again.text);
  assert.deepEqual(changes(before, await snapshot(service)), { added: [], removed: [], changed: ['.design-first/manifest.json'] });
  assert.match((await update(service, { typecheck: false })).text, /is up to date/);
});

test("--force overwrites without asking and saves the team's version as .orig", async (t) => {
  const { service, teamHealth, current } = await conflictingService('yo-update-force');
  const result = await run(t, { dir: service, force: true, typecheck: false });

  assert.deepEqual(result.askedQuestions, []);
  assert.equal(await read(service, 'src/platform/health.ts'), current.get('src/platform/health.ts'));
  assert.equal(await read(service, 'src/platform/health.ts.orig'), teamHealth);
});

test('stale generated files are deleted without a question', async (t) => {
  const service = await copyService(base, 'yo-update-stale');
  // The blueprint as JSON: blueprints/v1.yaml is then stale.
  const json = path.join(service, '../pets-v1.json');
  await write(service, '../pets-v1.json', JSON.stringify(parse(await readFile(PETS_V1, 'utf8')), null, 2));
  const result = await run(t, { dir: service, typecheck: false }, true).withArguments([json]);

  assert.deepEqual(result.askedQuestions, []);
  assert.equal(existsSync(path.join(service, 'blueprints/v1.yaml')), false);
  assert.ok(existsSync(path.join(service, 'blueprints/v1.json')));
});

test('a breaking change inside v1 is refused: the changes are logged, then one line, exit code 1, nothing written', async (t) => {
  const service = await copyService(base, 'yo-update-breaking');
  const blueprint = await editBlueprint(PETS_V1, path.join(service, '../pets-breaking.yaml'), (document) => {
    delete document.paths['/pets/{petId}'].delete;
  });
  const before = await snapshot(service);
  const context = run(t, { dir: service }).withArguments([blueprint]);
  await assert.rejects(context.run(), (error: unknown) => {
    assert.ok(error instanceof GeneratorFailure, String(error));
    assert.match(error.message, /breaking change\(s\) inside published version v1; nothing was written \[DF_ERR_UPDATE_BREAKING\]/);
    assert.equal(error.code, 1);
    assert.equal(error.stack, `design-first: ${error.message}`);
    return true;
  });
  assert.deepEqual(changes(before, await snapshot(service)), { added: [], removed: [], changed: [] });
});

test("Yeoman finds the package's generators: design-first:app and design-first:update", async (t) => {
  const manifest = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as { files: string[] };
  const folder = await mkdtemp(path.join(os.tmpdir(), 'df-yo-lookup-'));
  t.after(() => rm(folder, { recursive: true, force: true }));
  const installed = path.join(folder, 'node_modules', 'generator-design-first');
  await mkdir(installed, { recursive: true });
  for (const entry of ['package.json', ...manifest.files]) {
    if (existsSync(path.join(repoRoot, entry))) await symlink(path.join(repoRoot, entry), path.join(installed, entry));
  }
  const found = await createEnv().lookup({ packagePaths: [installed] });
  assert.deepEqual(found.map((meta) => [meta.namespace, path.relative(realpathSync(repoRoot), realpathSync(meta.resolved))]).sort(), [
    ['design-first:app', path.join('generators', 'app', 'index.js')],
    [NAMESPACE, path.join('generators', 'update', 'index.js')],
  ]);
});

test('generators/update/index.js re-exports where tsc puts generators/update/generator.ts', async () => {
  const entry = await readFile(path.join(repoRoot, 'generators/update/index.js'), 'utf8');
  assert.match(entry, /^export \{ default \} from '\.\.\/\.\.\/dist\/generators\/update\/generator\.js';$/m);
});

test('the built entry loads (after npm run build)', {
  skip: !existsSync(path.join(repoRoot, 'dist/generators/update/generator.js')) && 'dist/ not built',
}, async () => {
  const loaded = (await import(pathToFileURL(path.join(repoRoot, 'generators/update/index.js')).href)) as { default: { prototype: object } };
  assert.equal(typeof loaded.default, 'function');
  assert.deepEqual(Object.getOwnPropertyNames(loaded.default.prototype).sort(), ['constructor', 'end', 'initializing', 'writing']);
});
