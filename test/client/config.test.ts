import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { chooseConfigFile, loadGeneratorConfig, packageRoot, PINNED_GENERATOR_VERSION, storedJarPath, wrapperFolder } from '../../src/client/config.js';
import { DesignFirstError } from '../../src/errors.js';
import { tempFolder } from './helpers.js';

const MAVEN = (version: string) => `https://repo1.maven.org/maven2/org/openapitools/openapi-generator-cli/${version}/openapi-generator-cli-${version}.jar`;

test("the package's openapitools.json pins the same generator version as the built-in fallback", async () => {
  const root = packageRoot();
  assert.ok(root, 'found the package root');
  const file = path.join(root, 'openapitools.json');
  const pinned = JSON.parse(await readFile(file, 'utf8'))['generator-cli'].version;
  assert.equal(pinned, PINNED_GENERATOR_VERSION);
  assert.match(pinned, /^7\.\d+\.\d+$/, 'a 7.x generator (Java 11+)');
  const config = await loadGeneratorConfig(file, {});
  assert.equal(config.version, PINNED_GENERATOR_VERSION);
  assert.equal(config.downloadUrl, MAVEN(PINNED_GENERATOR_VERSION));
});

test('without a storageDir the JAR is where the wrapper keeps it: its own versions/ folder', async () => {
  const wrapper = wrapperFolder();
  assert.ok(wrapper, '@openapitools/openapi-generator-cli is installed');
  const config = await loadGeneratorConfig(undefined, {});
  assert.equal(config.file, undefined);
  assert.equal(storedJarPath(config), path.join(wrapper, 'versions', `${PINNED_GENERATOR_VERSION}.jar`));
});

test('storageDir is resolved against the config folder, with ~ and ${env.X} as the wrapper reads them', async (t) => {
  const folder = await tempFolder(t);
  const file = path.join(folder, 'openapitools.json');
  const write = (section: object) => writeFile(file, JSON.stringify({ 'generator-cli': { version: '7.10.0', ...section } }));

  await write({ storageDir: './jars' });
  assert.equal(storedJarPath(await loadGeneratorConfig(file, {})), path.join(folder, 'jars', '7.10.0.jar'));

  await write({ storageDir: '~/.cache/openapi' });
  assert.equal((await loadGeneratorConfig(file, {})).storageDir, path.join(os.homedir(), '.cache/openapi'));

  await write({ storageDir: '${env.JARS}/x', repository: { downloadUrl: 'https://mirror.example/${artifactId}/${versionName}.jar' } });
  const config = await loadGeneratorConfig(file, { JARS: '/opt/jars' });
  assert.equal(config.storageDir, '/opt/jars/x');
  assert.equal(config.downloadUrl, 'https://mirror.example/openapi-generator-cli/7.10.0.jar');
});

test('a broken openapitools.json is one located error', async (t) => {
  const folder = await tempFolder(t);
  const file = path.join(folder, 'openapitools.json');
  const cases: Array<[string, RegExp]> = [
    ['{ not json', /not JSON/],
    ['{}', /no `generator-cli` object/],
    ['{"generator-cli": {}}', /`generator-cli.version` is missing/],
    ['{"generator-cli": {"version": "../../etc/passwd"}}', /not a pinned generator version/],
    ['{"generator-cli": {"version": "7.1.0", "storageDir": 3}}', /storageDir/],
  ];
  for (const [text, message] of cases) {
    await writeFile(file, text);
    await assert.rejects(
      loadGeneratorConfig(file, {}),
      (error: unknown) =>
        error instanceof DesignFirstError && error.code === 'DF_ERR_CLIENT_CONFIG' && message.test(error.message) && error.place.file === file,
      text,
    );
  }
  await assert.rejects(loadGeneratorConfig(path.join(folder, 'missing.json'), {}), /no such file/);
});

test("the config is --openapitools, else the service's own, else design-first's", async (t) => {
  const service = await tempFolder(t);
  assert.equal(chooseConfigFile('/x/explicit.json', service), '/x/explicit.json');
  assert.equal(chooseConfigFile(undefined, service), path.join(packageRoot()!, 'openapitools.json'));
  await writeFile(path.join(service, 'openapitools.json'), '{"generator-cli": {"version": "7.0.0"}}');
  assert.equal(chooseConfigFile(undefined, service), path.join(service, 'openapitools.json'));
});
