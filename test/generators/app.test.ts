/**
 * `yo design-first` (generators/app) through yeoman-test: the tree it writes
 * (the same as `generateService` produces), over a small matrix of options;
 * which prompts are asked and which are skipped; and expected failures, which
 * surface as one line and write nothing. Plus the package layout that lets
 * Yeoman find the generator.
 */
import assert from 'node:assert/strict';
import { existsSync, realpathSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createEnv } from 'yeoman-environment';
import helpers, { type RunContext } from 'yeoman-test';
import AppGenerator, { type AppOptions } from '../../generators/app/generator.js';
import { GeneratorFailure } from '../../generators/failure.js';
import { DesignFirstError } from '../../src/errors.js';
import { generateService } from '../../src/pipeline.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PETS_V1 = path.join(ROOT, 'examples/pets/pets-v1.yaml');
const PETS_V2 = path.join(ROOT, 'examples/pets/pets-v2.yaml');
const NAMESPACE = 'design-first:app';

/** A run of the TypeScript generator, as Yeoman would run `generators/app/index.js`, in a fresh temporary folder. */
function run(t: TestContext): RunContext<AppGenerator> {
  const context = helpers.run<AppGenerator>(AppGenerator, { namespace: NAMESPACE, resolved: path.join(ROOT, 'generators/app/index.js') });
  t.after(() => context.cleanup());
  return context;
}

async function tempFolder(t: TestContext): Promise<string> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'df-yo-'));
  t.after(() => rm(folder, { recursive: true, force: true }));
  return folder;
}

/** Every file under a folder, relative with `/`, sorted. */
async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/** Everything the generator's log received, one string per call (yeoman-test's adapter log is a node:test spy). */
function logged(generator: AppGenerator): string[] {
  const spy = generator.log as unknown as { mock: { calls: Array<{ arguments: unknown[] }> } };
  return spy.mock.calls.map((call) => (call.arguments[0] === '%s' ? String(call.arguments[1]) : call.arguments.map(String).join(' ')));
}

async function expectSameTree(folder: string, options: Parameters<typeof generateService>[0]): Promise<void> {
  // The manifest's paths are relative to the service, wherever it was written.
  const expected = await generateService({ serviceDir: folder, ...options });
  assert.deepEqual(await listFiles(folder), expected.files.map((file) => file.path).sort());
  for (const file of expected.files) {
    assert.equal(await readFile(path.join(folder, file.path), 'utf8'), file.content, `${file.path} differs from generateService's`);
  }
}

test('writes the tree generateService produces: generated code, handler stubs, manifest, package.json with the name given', async (t) => {
  const result = await run(t)
    .withArguments([PETS_V1])
    .withOptions({ lint: false, name: 'pets-service' } satisfies Partial<AppOptions>);

  result.assertFile(['src/generated/v1/handlers.ts', 'src/handlers/v1/pets/listPets.ts', '.design-first/manifest.json', 'package.json']);
  result.assertJsonFileContent('package.json', { name: 'pets-service' });
  result.assertJsonFileContent('.design-first/manifest.json', { versions: [{ key: 'v1' }] });
  await expectSameTree(result.cwd, { blueprints: [PETS_V1], lint: false, name: 'pets-service' });
  assert.ok(logged(result.generator).some((line) => line.startsWith('design-first: generated pets-service')));
});

// The matrix: where the service goes, how the name is decided, lint on or off, one or two versions.
const matrix: Array<{
  title: string;
  args: string[];
  options: Partial<AppOptions>;
  answers?: Record<string, string>;
  expected: Parameters<typeof generateService>[0];
  folder: string;
}> = [
  {
    title: '--out svc, linted (the default), the suggested name accepted',
    args: [PETS_V1],
    options: { out: 'svc' },
    expected: { blueprints: [PETS_V1] },
    folder: 'svc',
  },
  {
    title: 'two blueprints = two versions, name answered at the prompt',
    args: [PETS_V1, PETS_V2],
    options: { lint: false },
    answers: { name: 'Pet Store' },
    expected: { blueprints: [PETS_V1, PETS_V2], lint: false, name: 'Pet Store' },
    folder: '.',
  },
];

for (const row of matrix) {
  test(`matrix: ${row.title}`, async (t) => {
    const result = await run(t)
      .withArguments(row.args)
      .withOptions(row.options)
      .withAnswers(row.answers ?? {});
    const folder = path.join(result.cwd, row.folder);
    await expectSameTree(folder, row.expected);
    if (row.folder !== '.') assert.deepEqual(await readdir(result.cwd), [row.folder], 'nothing is written beside --out');
  });
}

test('no blueprint argument: the blueprint prompt is asked and its answer used, then the name prompt', async (t) => {
  const result = await run(t).withOptions({ lint: false }).withAnswers({ blueprint: PETS_V1, name: 'answered-pets' });

  assert.deepEqual(
    result.askedQuestions.map((question) => question.name),
    ['blueprint', 'name'],
  );
  result.assertFile('src/handlers/v1/pets/listPets.ts');
  result.assertJsonFileContent('package.json', { name: 'answered-pets' });
});

test('a blueprint argument skips the blueprint prompt; the name prompt suggests the model packageName', async (t) => {
  const result = await run(t).withArguments([PETS_V1]).withOptions({ lint: false });

  // No answer given: the dummy prompt answers with the question's default.
  assert.deepEqual(result.askedQuestions, [{ name: 'name', answer: 'pets-api' }]);
  result.assertJsonFileContent('package.json', { name: 'pets-api' });
});

test('a blueprint argument and --name: nothing is asked (a prompt would fail the run)', async (t) => {
  const result = await run(t).withArguments([PETS_V1]).withOptions({ lint: false, name: 'quiet-pets' }).withAnswers({}, { throwOnMissingAnswer: true });

  assert.deepEqual(result.askedQuestions, []);
  result.assertJsonFileContent('package.json', { name: 'quiet-pets' });
});

test('a Swagger 2.0 file fails with the one-line DF_ERR_LOAD_SWAGGER2 message, no stack, exit code 2, nothing written', async (t) => {
  const input = path.join(await tempFolder(t), 'swagger.yaml');
  await writeFile(input, 'swagger: "2.0"\n');
  const expected = await generateService({ blueprints: [input] }).then(
    () => assert.fail('generateService accepted Swagger 2.0'),
    (error: unknown) => {
      assert.ok(error instanceof DesignFirstError);
      return error.toLine();
    },
  );

  const context = run(t).withArguments([input]).withOptions({ out: 'svc', name: 'x' });
  let target = '';
  context.onTargetDirectory((folder) => (target = folder));
  await assert.rejects(context.run(), (error: unknown) => {
    assert.ok(error instanceof GeneratorFailure, String(error));
    assert.equal(error.message, expected);
    assert.match(error.message, /\[DF_ERR_LOAD_SWAGGER2\]/);
    assert.doesNotMatch(error.message, /\n/);
    assert.equal(error.stack, `design-first: ${expected}`, 'no stack trace');
    assert.equal(error.code, 2, '`yo` exits with error.code');
    return true;
  });
  assert.deepEqual(await readdir(target), [], 'nothing written, not even the --out folder');
});

test("lint errors stop generation, even with Yeoman's --force: the findings are logged, then one DF_ERR_LINT_FAILED line, exit code 1", async (t) => {
  const input = path.join(await tempFolder(t), 'bad.yaml');
  await writeFile(
    input,
    'openapi: 3.0.3\ninfo:\n  title: Bad API\n  version: 1.0.0\npaths:\n  /Get_Things:\n    get:\n      responses:\n        "200":\n          description: ok\n',
  );

  // yeoman-test passes force: true by default anyway; said here because it is the point.
  const context = run(t).withArguments([input]).withOptions({ name: 'bad', force: true });
  let target = '';
  context.onTargetDirectory((folder) => (target = folder));
  await assert.rejects(context.run(), (error: unknown) => {
    assert.ok(error instanceof GeneratorFailure, String(error));
    assert.match(error.message, /^\d+ errors?, \d+ warnings?; nothing was written \[DF_ERR_LINT_FAILED\]/);
    assert.match(error.message, /pass --allow-lint-errors to generate anyway/, 'the hint names the flag new and the generator both take');
    assert.equal(error.code, 1);
    return true;
  });
  assert.ok(
    logged(context.generator).some((line) => /path-kebab-case/.test(line)),
    'the findings are logged before the line',
  );
  assert.deepEqual(await readdir(target), []);
});

test('--allow-lint-errors generates despite lint errors and records them in the manifest', async (t) => {
  const input = path.join(await tempFolder(t), 'bad.yaml');
  await writeFile(
    input,
    'openapi: 3.0.3\ninfo:\n  title: Bad API\n  version: 1.0.0\npaths:\n  /Get_Things:\n    get:\n      responses:\n        "200":\n          description: ok\n',
  );

  const result = await run(t).withArguments([input]).withOptions({ name: 'bad', 'allow-lint-errors': true });
  const manifest = JSON.parse(await readFile(path.join(result.cwd, '.design-first/manifest.json'), 'utf8')) as { overriddenFindings: string[] };
  assert.ok(manifest.overriddenFindings.some((finding) => finding.includes('path-kebab-case')));
});

test("over an existing service, the team's handlers are kept even with --force; other files go through the conflicter", async (t) => {
  const result = await run(t)
    .withFiles({ 'src/handlers/v1/pets/listPets.ts': '// the team wrote this\n', 'src/app.ts': '// stale\n' })
    .withArguments([PETS_V1])
    .withOptions({ lint: false, name: 'pets-api', force: true });

  result.assertEqualsFileContent('src/handlers/v1/pets/listPets.ts', '// the team wrote this\n');
  result.assertNoFileContent('src/app.ts', '// stale');
  result.assertFile('src/handlers/v1/pets/getPet.ts');
  const skip = (result.generator.log.skip as unknown as { mock: { calls: Array<{ arguments: unknown[] }> } }).mock.calls;
  assert.deepEqual(
    skip.map((call) => String(call.arguments[0])),
    ["src/handlers/v1/pets/listPets.ts (the team's code: kept as it is)"],
  );
});

test("Yeoman finds the published package's generators: design-first:app and design-first:update", async (t) => {
  // The package as npm installs it: package.json and its `files`, in a folder named generator-design-first.
  const manifest = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
  const installed = path.join(await tempFolder(t), 'node_modules', 'generator-design-first');
  await mkdir(installed, { recursive: true });
  for (const entry of ['package.json', ...manifest.files]) {
    if (existsSync(path.join(ROOT, entry))) await symlink(path.join(ROOT, entry), path.join(installed, entry));
  }
  const found = await createEnv().lookup({ packagePaths: [installed] });
  assert.deepEqual(found.map((meta) => [meta.namespace, path.relative(realpathSync(ROOT), realpathSync(meta.resolved))]).sort(), [
    [NAMESPACE, path.join('generators', 'app', 'index.js')],
    ['design-first:update', path.join('generators', 'update', 'index.js')],
  ]);
});

test('generators/app/index.js re-exports exactly where tsc puts generators/app/generator.ts', async () => {
  const entry = await readFile(path.join(ROOT, 'generators/app/index.js'), 'utf8');
  const specifier = /export \{ default \} from '([^']+)'/.exec(entry)?.[1] ?? '';
  assert.equal(specifier, '../../dist/generators/app/generator.js');
  const tsconfig = JSON.parse(await readFile(path.join(ROOT, 'tsconfig.json'), 'utf8')) as { compilerOptions: { rootDir: string; outDir: string } };
  const compiled = path.join(
    ROOT,
    tsconfig.compilerOptions.outDir,
    path.relative(path.join(ROOT, tsconfig.compilerOptions.rootDir), path.join(ROOT, 'generators/app/generator.js')),
  );
  assert.equal(path.resolve(ROOT, 'generators/app', specifier), compiled);
});

test('the built entry loads (after npm run build)', {
  skip: !existsSync(path.join(ROOT, 'dist/generators/app/generator.js')) && 'dist/ not built',
}, async () => {
  const loaded = (await import(pathToFileURL(path.join(ROOT, 'generators/app/index.js')).href)) as { default: { prototype: object } };
  assert.equal(typeof loaded.default, 'function');
  assert.deepEqual(Object.getOwnPropertyNames(loaded.default.prototype).sort(), ['constructor', 'end', 'prompting', 'writing']);
});
