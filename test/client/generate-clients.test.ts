/**
 * `design-first client` through its function, with the generator run faked:
 * which runs happen with which command line, where output lands, and that
 * nothing is written when something is missing or fails.
 */
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { storedJarPath, loadGeneratorConfig } from '../../src/client/config.js';
import { generateClients, type ClientOptions } from '../../src/client/generate-clients.js';
import { runCommand } from '../../src/cli/run-command.js';
import { DesignFirstError, type ErrorCode } from '../../src/errors.js';
import { fakeEnvironment, listTree, makeService, petsBlueprint, tempFolder, writingRunner, type FakeOptions } from './helpers.js';

const JAR = '/jars/openapi-generator-cli-7.23.0.jar';

async function setup(t: Parameters<typeof tempFolder>[0], fake: FakeOptions = {}) {
  const dir = await makeService(await tempFolder(t));
  const environment = fakeEnvironment({ files: [JAR], ...fake });
  const options: ClientOptions = { cwd: dir, jar: JAR };
  return { dir, environment, options };
}

function rejectsCode(code: ErrorCode, pattern?: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof DesignFirstError, String(error));
    assert.equal(error.code, code, error.message);
    if (pattern) assert.match(error.message, pattern);
    return true;
  };
}

test('one typescript-fetch client per version of the service, in clients/<version>/typescript-fetch', async (t) => {
  const { dir, environment, options } = await setup(t);
  const clients = await generateClients(options, environment.deps);

  assert.deepEqual(
    clients.map((client) => [client.version, client.generator, path.relative(dir, client.folder), client.files]),
    [
      ['v1', 'typescript-fetch', 'clients/v1/typescript-fetch', 2],
      ['v2', 'typescript-fetch', 'clients/v2/typescript-fetch', 2],
    ],
  );
  assert.equal(environment.runs.length, 2);
  const [first] = environment.runs;
  const argv = first!.argv;
  assert.deepEqual(argv.slice(0, 9), [
    'java',
    '-jar',
    JAR,
    'generate',
    '--generator-name',
    'typescript-fetch',
    '--input-spec',
    path.join(dir, 'blueprints', 'v1.yaml'),
    '--output',
  ]);
  // Staged beside the target, then moved into place.
  const staging = argv[9]!;
  assert.equal(path.dirname(staging), path.join(dir, 'clients', 'v1'));
  assert.match(path.basename(staging), /^\.typescript-fetch\.staging-[0-9a-f]{8}$/);
  assert.equal(first!.cwd, staging);
  assert.deepEqual(argv.slice(10), ['--additional-properties', 'npmName=@acme/pets-client,npmVersion=1.4.0,supportsES6=true']);
  assert.equal(environment.runs[1]!.argv[7], path.join(dir, 'blueprints', 'v2.yaml'));
  assert.ok(environment.runs[1]!.argv.includes('npmName=@acme/pets-client,npmVersion=2.4.0,supportsES6=true'));

  assert.deepEqual(await listTree(path.join(dir, 'clients')), [
    'v1/',
    'v1/typescript-fetch/',
    'v1/typescript-fetch/package.json',
    'v1/typescript-fetch/src/',
    'v1/typescript-fetch/src/apis/',
    'v1/typescript-fetch/src/apis/DefaultApi.ts',
    'v2/',
    'v2/typescript-fetch/',
    'v2/typescript-fetch/package.json',
    'v2/typescript-fetch/src/',
    'v2/typescript-fetch/src/apis/',
    'v2/typescript-fetch/src/apis/DefaultApi.ts',
  ]);
  assert.deepEqual(
    environment.out.filter((line) => line.includes(' client in ')),
    ['v1: typescript-fetch client in clients/v1/typescript-fetch (2 files)', 'v2: typescript-fetch client in clients/v2/typescript-fetch (2 files)'],
  );
});

test('--generator, --version, --out, --property, extra arguments and JAVA_OPTS reach the command line', async (t) => {
  const { dir, environment } = await setup(t, { env: { JAVA_OPTS: '-Xmx2g' } });
  const out = path.join(dir, 'sdk');
  await generateClients(
    {
      cwd: dir,
      jar: JAR,
      generator: 'python',
      versions: ['v2'],
      out: 'sdk',
      properties: ['packageName=pets_client', 'packageVersion=2.4.0'],
      extraArgs: ['--skip-validate-spec', '--global-property', 'models'],
    },
    environment.deps,
  );
  assert.equal(environment.runs.length, 1);
  const argv = environment.runs[0]!.argv;
  assert.deepEqual(argv.slice(0, 8), ['java', '-Xmx2g', '-jar', JAR, 'generate', '--generator-name', 'python', '--input-spec']);
  assert.equal(argv[8], path.join(dir, 'blueprints', 'v2.yaml'));
  assert.equal(path.dirname(argv[10]!), path.join(out, 'v2'));
  assert.deepEqual(argv.slice(11), [
    '--additional-properties',
    'packageName=pets_client,packageVersion=2.4.0',
    '--skip-validate-spec',
    '--global-property',
    'models',
  ]);
  assert.deepEqual(await listTree(out), [
    'v2/',
    'v2/python/',
    'v2/python/package.json',
    'v2/python/src/',
    'v2/python/src/apis/',
    'v2/python/src/apis/DefaultApi.ts',
  ]);
});

test('a --property overrides a default', async (t) => {
  const { environment, options } = await setup(t);
  await generateClients({ ...options, versions: ['v1'], properties: ['npmName=@acme/pets-sdk'] }, environment.deps);
  assert.ok(environment.runs[0]!.argv.includes('npmName=@acme/pets-sdk,npmVersion=1.4.0,supportsES6=true'));
});

test('--blueprint: any blueprint, its folder named after its major version unless --version names it', async (t) => {
  const folder = await tempFolder(t);
  await writeFile(path.join(folder, 'pets.yaml'), petsBlueprint('3.0.1'));
  const environment = fakeEnvironment({ files: [JAR] });
  await generateClients({ cwd: folder, jar: JAR, blueprint: 'pets.yaml' }, environment.deps);
  assert.equal(environment.runs[0]!.argv[7], path.join(folder, 'pets.yaml'));
  assert.ok(environment.runs[0]!.argv.includes('npmName=pets-api-client,npmVersion=3.0.1,supportsES6=true'));
  await generateClients({ cwd: folder, jar: JAR, blueprint: 'pets.yaml', versions: ['beta'] }, environment.deps);
  assert.deepEqual(
    (await listTree(path.join(folder, 'clients'))).filter((entry) => entry.split('/').length === 3 && entry.endsWith('/')),
    ['beta/typescript-fetch/', 'v3/typescript-fetch/'],
  );
});

test('the JAR comes from OPENAPI_GENERATOR_JAR when --jar is not given', async (t) => {
  const { dir } = await setup(t);
  const environment = fakeEnvironment({ files: ['/env/generator.jar'], env: { OPENAPI_GENERATOR_JAR: '/env/generator.jar' } });
  await generateClients({ cwd: dir, versions: ['v1'] }, environment.deps);
  assert.equal(environment.runs[0]!.argv[2], '/env/generator.jar');
});

test("the JAR comes from the wrapper's storageDir, and --download fills it", async (t) => {
  const { dir } = await setup(t);
  const stored = storedJarPath(await loadGeneratorConfig(path.join(process.cwd(), 'openapitools.json'), {}))!;
  const environment = fakeEnvironment({ files: [], downloadCreates: stored });
  await assert.rejects(generateClients({ cwd: dir }, environment.deps), rejectsCode('DF_ERR_CLIENT_NO_JAR', /--download/));
  assert.equal(environment.downloads, 0, 'no download unless asked');
  await generateClients({ cwd: dir, download: true }, environment.deps);
  assert.equal(environment.downloads, 1);
  assert.equal(environment.runs[0]!.argv[2], stored);
});

test("the service's own openapitools.json pins the version and storageDir", async (t) => {
  const { dir } = await setup(t);
  await writeFile(path.join(dir, 'openapitools.json'), JSON.stringify({ 'generator-cli': { version: '7.5.0', storageDir: 'tools' } }));
  const environment = fakeEnvironment({ files: [path.join(dir, 'tools', '7.5.0.jar')] });
  await generateClients({ cwd: dir, versions: ['v1'] }, environment.deps);
  assert.equal(environment.runs[0]!.argv[2], path.join(dir, 'tools', '7.5.0.jar'));
  assert.match(environment.out[0]!, /OpenAPI Generator 7\.5\.0/);
});

for (const [name, fake, code] of [
  ['no Java', { java: undefined }, 'DF_ERR_CLIENT_NO_JAVA'],
  ['Java 8', { java: 8 }, 'DF_ERR_CLIENT_NO_JAVA'],
  ['no JAR', { files: [] }, 'DF_ERR_CLIENT_NO_JAR'],
] as const) {
  test(`${name}: exit 2 with one line, and nothing written`, async (t) => {
    const { dir, environment, options } = await setup(t, fake);
    const before = await listTree(dir);
    const exitCode = await runCommand(environment.deps.io, async () => {
      await generateClients(options, environment.deps);
      return 0;
    });
    assert.equal(exitCode, 2);
    assert.equal(environment.err.length, 1, environment.err.join('\n'));
    assert.match(environment.err[0]!, new RegExp(`^design-first: .*\\[${code}\\] - `));
    assert.equal(environment.runs.length, 0);
    assert.deepEqual(await listTree(dir), before);
  });
}

test('a generator failure: exit 2, its output above the line, and nothing written (not even clients/)', async (t) => {
  const { dir, environment, options } = await setup(t, {
    run: async () => ({
      exitCode: 1,
      lines: [
        '[main] INFO  o.o.codegen.DefaultGenerator - writing file /x/models/error.ts',
        'Exception in thread "main" org.openapitools.codegen.SpecValidationException: There were issues with the specification.',
        ' | Error count: 1, Warning count: 0',
      ],
    }),
  });
  const before = await listTree(dir);
  const exitCode = await runCommand(environment.deps.io, async () => {
    await generateClients(options, environment.deps);
    return 0;
  });
  assert.equal(exitCode, 2);
  const last = environment.err.at(-1)!;
  assert.match(
    last,
    /OpenAPI Generator 7\.23\.0 \(typescript-fetch\) failed for v1 with exit code 1: Exception in thread "main" org\.openapitools\.codegen\.SpecValidationException/,
  );
  assert.match(last, /\[DF_ERR_CLIENT_FAILED\] - read the generator output above$/);
  assert.match(environment.err[0]!, /^\$ java -jar \/jars\/openapi-generator-cli-7\.23\.0\.jar generate --generator-name typescript-fetch/);
  assert.ok(environment.err.includes(' | Error count: 1, Warning count: 0'));
  assert.deepEqual(await listTree(dir), before);
});

test('an unknown generator name gets a pointer to the list of generators', async (t) => {
  const { environment, options } = await setup(t, {
    run: async () => ({
      exitCode: 1,
      lines: ["Exception in thread \"main\" java.lang.RuntimeException: Can't load config class with name 'typescript-fecth'"],
    }),
  });
  await assert.rejects(
    generateClients({ ...options, generator: 'typescript-fecth' }, environment.deps),
    rejectsCode('DF_ERR_CLIENT_FAILED', /java -jar JAR list/),
  );
});

test('all versions or none: when v2 fails, v1 is not moved into place either', async (t) => {
  const { dir, environment, options } = await setup(t, {
    run: async (argv, runOptions) => {
      if (argv.some((arg) => arg.endsWith('v2.yaml'))) return { exitCode: 2, lines: ['boom'] };
      return writingRunner(argv, runOptions);
    },
  });
  const before = await listTree(dir);
  await assert.rejects(generateClients(options, environment.deps), rejectsCode('DF_ERR_CLIENT_FAILED', /failed for v2 with exit code 2: boom/));
  assert.equal(environment.runs.length, 2);
  assert.deepEqual(await listTree(dir), before);
});

test('a generator that writes nothing does not replace anything', async (t) => {
  const { dir, environment, options } = await setup(t, { run: async () => ({ exitCode: 0, lines: [] }) });
  const before = await listTree(dir);
  await assert.rejects(generateClients(options, environment.deps), rejectsCode('DF_ERR_CLIENT_FAILED', /wrote no files/));
  assert.deepEqual(await listTree(dir), before);
});

test('an existing client is not overwritten without --force; with --force it is replaced whole', async (t) => {
  const { dir, environment, options } = await setup(t);
  const target = path.join(dir, 'clients', 'v1', 'typescript-fetch');
  await mkdir(target, { recursive: true });
  await writeFile(path.join(target, 'stale.ts'), 'old\n');
  const before = await listTree(dir);

  await assert.rejects(
    generateClients(options, environment.deps),
    rejectsCode('DF_ERR_CLIENT_OUT_NOT_EMPTY', /clients\/v1\/typescript-fetch already holds a client/),
  );
  assert.equal(environment.runs.length, 0, 'refused before running anything');
  assert.deepEqual(await listTree(dir), before);

  await generateClients({ ...options, force: true }, environment.deps);
  assert.deepEqual(await listTree(target), ['package.json', 'src/', 'src/apis/', 'src/apis/DefaultApi.ts']);
  assert.deepEqual(
    (await listTree(path.join(dir, 'clients', 'v1'))).filter((entry) => entry.startsWith('.')),
    [],
    'no staging or old folder left',
  );
});

test('an empty existing folder is used without --force; a file in the way is refused', async (t) => {
  const { dir, environment, options } = await setup(t);
  await mkdir(path.join(dir, 'clients', 'v1', 'typescript-fetch'), { recursive: true });
  await mkdir(path.join(dir, 'clients', 'v2'), { recursive: true });
  await writeFile(path.join(dir, 'clients', 'v2', 'typescript-fetch'), 'a file');
  await assert.rejects(generateClients(options, environment.deps), rejectsCode('DF_ERR_CLIENT_OUT_NOT_EMPTY', /is not a folder/));
  await generateClients({ ...options, versions: ['v1'] }, environment.deps);
  assert.equal(await readFile(path.join(dir, 'clients', 'v1', 'typescript-fetch', 'package.json'), 'utf8'), '{}\n');
});

test('not a service, an unknown version, a broken manifest: one line each, before any check of Java', async (t) => {
  const { dir, environment, options } = await setup(t, { java: undefined });
  const empty = await tempFolder(t);
  await assert.rejects(generateClients({ ...options, cwd: empty }, environment.deps), rejectsCode('DF_ERR_CLIENT_NO_SERVICE', /is not a design-first service/));
  await assert.rejects(
    generateClients({ ...options, versions: ['v9'] }, environment.deps),
    rejectsCode('DF_ERR_CLIENT_UNKNOWN_VERSION', /no version "v9"; it has v1, v2/),
  );
  await writeFile(path.join(dir, '.design-first', 'manifest.json'), '{"versions": []}');
  await assert.rejects(generateClients(options, environment.deps), rejectsCode('DF_ERR_CLIENT_NO_SERVICE', /lists no versions/));
  await writeFile(path.join(dir, '.design-first', 'manifest.json'), '{"versions": [{"key": "../up"}]}');
  await assert.rejects(generateClients(options, environment.deps), rejectsCode('DF_ERR_CLIENT_NO_SERVICE', /usable `key`/));
});

test('a blueprint that does not load stops before Java is looked at, with its own located error', async (t) => {
  const { dir, environment, options } = await setup(t, { java: undefined });
  await writeFile(path.join(dir, 'blueprints', 'v2.yaml'), 'swagger: "2.0"\n');
  await assert.rejects(generateClients(options, environment.deps), rejectsCode('DF_ERR_LOAD_SWAGGER2'));
  await assert.rejects(generateClients({ cwd: dir, blueprint: 'missing.yaml' }, environment.deps), rejectsCode('DF_ERR_LOAD_NOT_FOUND'));
});

test('usage mistakes are refused before anything else', async (t) => {
  const { environment, options } = await setup(t);
  await assert.rejects(generateClients({ ...options, generator: '../../etc' }, environment.deps), rejectsCode('DF_ERR_USAGE', /not a generator name/));
  await assert.rejects(generateClients({ ...options, versions: [] }, environment.deps), rejectsCode('DF_ERR_USAGE', /needs a version key/));
  await assert.rejects(generateClients({ ...options, versions: ['../x'] }, environment.deps), rejectsCode('DF_ERR_USAGE', /not a version key/));
  await assert.rejects(generateClients({ ...options, extraArgs: ['-o', '/tmp/elsewhere'] }, environment.deps), rejectsCode('DF_ERR_USAGE', /-o after --/));
  await assert.rejects(
    generateClients({ ...options, blueprint: 'x.yaml', versions: ['v1', 'v2'] }, environment.deps),
    rejectsCode('DF_ERR_USAGE', /at most one --version/),
  );
  await assert.rejects(generateClients({ ...options, properties: ['a=1,2'] }, environment.deps), rejectsCode('DF_ERR_USAGE', /comma/));
  assert.equal(environment.runs.length, 0);
});
