/**
 * Every missing-prerequisite path, without uninstalling Java: the checks go
 * through a fake Prerequisites. Each must give one line that says what is
 * missing and how to provide it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GeneratorConfig } from '../../src/client/config.js';
import { checkPrerequisites, parseJavaMajor, type JarDownloader, type Prerequisites } from '../../src/client/prerequisites.js';
import { DesignFirstError, type ErrorCode } from '../../src/errors.js';

const config: GeneratorConfig = {
  file: '/pkg/openapitools.json',
  version: '7.23.0',
  storageDir: '/pkg/node_modules/@openapitools/openapi-generator-cli/versions',
  downloadUrl: 'https://repo1.maven.org/maven2/org/openapitools/openapi-generator-cli/7.23.0/openapi-generator-cli-7.23.0.jar',
};
const STORED = '/pkg/node_modules/@openapitools/openapi-generator-cli/versions/7.23.0.jar';

function prerequisites(java: number | undefined, files: string[]): Prerequisites & { files: Set<string> } {
  const set = new Set(files);
  return { files: set, javaVersion: async () => java, fileExists: async (file) => set.has(file) };
}

/** Rejects with `code`, a message matching every pattern, and a one-line rendering. */
async function rejectsWith(promise: Promise<unknown>, code: ErrorCode, ...patterns: RegExp[]): Promise<string> {
  let line = '';
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof DesignFirstError, String(error));
    assert.equal(error.code, code);
    assert.equal(error.exitCode, 2);
    for (const pattern of patterns) assert.match(error.message, pattern);
    line = error.toLine();
    assert.doesNotMatch(line, /\n/);
    return true;
  });
  return line;
}

const request = { jar: undefined, envJar: undefined, config, download: undefined };

test('java -version output gives the major version, old and new numbering', () => {
  assert.equal(parseJavaMajor('openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment'), 17);
  assert.equal(parseJavaMajor('java version "1.8.0_292"\nJava(TM) SE Runtime Environment'), 8);
  assert.equal(parseJavaMajor('Picked up JAVA_TOOL_OPTIONS: -Xmx1g\nopenjdk version "21-ea" 2023-09-19'), 21);
  assert.equal(parseJavaMajor('openjdk version "11.0.2" 2019-01-15'), 11);
  assert.equal(parseJavaMajor('bash: java: command not found'), undefined);
});

test('Java and the stored JAR present: the stored JAR is used', async () => {
  assert.equal(await checkPrerequisites(request, prerequisites(17, [STORED])), STORED);
});

test('--jar comes first, then OPENAPI_GENERATOR_JAR, then the storageDir', async () => {
  const all = prerequisites(11, ['/a/cli.jar', '/b/env.jar', STORED]);
  assert.equal(await checkPrerequisites({ ...request, jar: '/a/cli.jar', envJar: '/b/env.jar' }, all), '/a/cli.jar');
  assert.equal(await checkPrerequisites({ ...request, envJar: '/b/env.jar' }, all), '/b/env.jar');
});

test('no Java: says Java is missing and what to install', async () => {
  const line = await rejectsWith(
    checkPrerequisites(request, prerequisites(undefined, [STORED])),
    'DF_ERR_CLIENT_NO_JAVA',
    /Java is missing/,
    /Java 11 or newer/,
  );
  assert.match(line, /install Java 11 or newer/);
  assert.doesNotMatch(line, /JAR/);
});

test('Java too old: says which version was found and which is needed', async () => {
  await rejectsWith(checkPrerequisites(request, prerequisites(8, [STORED])), 'DF_ERR_CLIENT_NO_JAVA', /Java 8 is too old/, /needs Java 11 or newer/);
});

test('no Java and no JAR: one line names both', async () => {
  const line = await rejectsWith(
    checkPrerequisites(request, prerequisites(undefined, [])),
    'DF_ERR_CLIENT_NO_JAVA',
    /Java is missing/,
    /also the OpenAPI Generator 7\.23\.0 JAR is missing/,
  );
  assert.ok(line.includes(STORED));
});

test('no JAR in the storageDir: names the path, the Maven Central address, --download and --jar', async () => {
  const line = await rejectsWith(
    checkPrerequisites(request, prerequisites(17, [])),
    'DF_ERR_CLIENT_NO_JAR',
    /OpenAPI Generator 7\.23\.0 JAR is missing/,
    /--download/,
  );
  assert.ok(line.includes(STORED), line);
  assert.ok(line.includes(config.downloadUrl), line);
  assert.match(line, /pass --jar PATH/);
  assert.match(line, /storageDir/);
});

test('--jar naming nothing is reported as such, and not downloaded over', async () => {
  let downloads = 0;
  const download: JarDownloader = async () => {
    downloads += 1;
    return { ok: true, reason: '' };
  };
  await rejectsWith(
    checkPrerequisites({ ...request, jar: '/nowhere/openapi-generator-cli.jar', download }, prerequisites(17, [STORED])),
    'DF_ERR_CLIENT_NO_JAR',
    /given with --jar is missing: \/nowhere\/openapi-generator-cli\.jar is not a file/,
  );
  assert.equal(downloads, 0);
});

test('OPENAPI_GENERATOR_JAR naming nothing is reported as such', async () => {
  await rejectsWith(
    checkPrerequisites({ ...request, envJar: '/env/missing.jar' }, prerequisites(17, [STORED])),
    'DF_ERR_CLIENT_NO_JAR',
    /named by OPENAPI_GENERATOR_JAR is missing: \/env\/missing\.jar/,
  );
});

test('wrapper not installed and no storageDir: says so and where the JAR is', async () => {
  const bare = { ...config, storageDir: undefined };
  await rejectsWith(
    checkPrerequisites({ ...request, config: bare }, prerequisites(17, [])),
    'DF_ERR_CLIENT_NO_JAR',
    /@openapitools\/openapi-generator-cli is not installed/,
    /repo1\.maven\.org/,
  );
});

test('--download where the download is not possible: says it failed and why', async () => {
  const download: JarDownloader = async () => ({ ok: false, reason: 'getaddrinfo ENOTFOUND repo1.maven.org' });
  await rejectsWith(
    checkPrerequisites({ ...request, download }, prerequisites(17, [])),
    'DF_ERR_CLIENT_NO_JAR',
    /downloading https:\/\/repo1\.maven\.org\S+ into \S+versions through @openapitools\/openapi-generator-cli failed \(getaddrinfo ENOTFOUND repo1\.maven\.org\)/,
  );
});

test('--download that brings the JAR: the stored JAR is used', async () => {
  const checks = prerequisites(17, []);
  const download: JarDownloader = async () => {
    checks.files.add(STORED);
    return { ok: true, reason: '' };
  };
  assert.equal(await checkPrerequisites({ ...request, download }, checks), STORED);
});

test('--download is not tried without Java', async () => {
  let downloads = 0;
  const download: JarDownloader = async () => {
    downloads += 1;
    return { ok: false, reason: '' };
  };
  await rejectsWith(checkPrerequisites({ ...request, download }, prerequisites(undefined, [])), 'DF_ERR_CLIENT_NO_JAVA');
  assert.equal(downloads, 0);
});
