import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  buildGenerateArgs,
  checkExtraArgs,
  checkGeneratorName,
  clientIdentity,
  defaultAdditionalProperties,
  javaCommandLine,
  parseProperties,
} from '../../src/client/command-line.js';
import { DesignFirstError } from '../../src/errors.js';

const usage = (pattern: RegExp) => (error: unknown) => error instanceof DesignFirstError && error.code === 'DF_ERR_USAGE' && pattern.test(error.message);

test('generate arguments name the generator, input, output and additional properties, then the extra arguments', () => {
  const args = buildGenerateArgs({
    generator: 'typescript-fetch',
    inputSpec: '/svc/blueprints/v1.yaml',
    output: '/svc/clients/v1/.typescript-fetch.staging-1234',
    additionalProperties: { npmName: '@acme/pets-client', npmVersion: '1.4.0', supportsES6: 'true' },
    extraArgs: ['--skip-validate-spec'],
  });
  assert.deepEqual(args, [
    'generate',
    '--generator-name',
    'typescript-fetch',
    '--input-spec',
    '/svc/blueprints/v1.yaml',
    '--output',
    '/svc/clients/v1/.typescript-fetch.staging-1234',
    '--additional-properties',
    'npmName=@acme/pets-client,npmVersion=1.4.0,supportsES6=true',
    '--skip-validate-spec',
  ]);
});

test('no --additional-properties flag when there are none', () => {
  const args = buildGenerateArgs({ generator: 'go', inputSpec: '/a.yaml', output: '/o', additionalProperties: {}, extraArgs: [] });
  assert.deepEqual(args, ['generate', '--generator-name', 'go', '--input-spec', '/a.yaml', '--output', '/o']);
});

test('paths with spaces and quotes stay single arguments (no shell in between)', () => {
  const args = buildGenerateArgs({
    generator: 'typescript-fetch',
    inputSpec: "/my files/it's v1.yaml",
    output: '/out dir/x',
    additionalProperties: {},
    extraArgs: [],
  });
  assert.equal(args[4], "/my files/it's v1.yaml");
  assert.equal(args[6], '/out dir/x');
});

test('the Java command line runs the JAR with JAVA_OPTS before -jar', () => {
  assert.deepEqual(javaCommandLine('/jars/7.23.0.jar', ['generate', '-x'], undefined), ['java', '-jar', '/jars/7.23.0.jar', 'generate', '-x']);
  assert.deepEqual(javaCommandLine('/j.jar', ['generate'], '  -Xmx1g   -Dlog.level=warn '), [
    'java',
    '-Xmx1g',
    '-Dlog.level=warn',
    '-jar',
    '/j.jar',
    'generate',
  ]);
});

test('TypeScript generators get an npm name and version, so the client has a package.json to publish', () => {
  const identity = clientIdentity('@acme/pets', 'Pets API', '1.4.0');
  assert.deepEqual(defaultAdditionalProperties('typescript-fetch', identity), {
    npmName: '@acme/pets-client',
    npmVersion: '1.4.0',
    supportsES6: 'true',
  });
  assert.deepEqual(defaultAdditionalProperties('typescript-axios', identity).npmName, '@acme/pets-client');
  assert.deepEqual(defaultAdditionalProperties('python', identity), {});
});

test('the client identity falls back to the title, and pads short versions', () => {
  assert.deepEqual(clientIdentity(undefined, 'Pets & Owners API', '2.1'), { packageName: 'pets-owners-api-client', packageVersion: '2.1.0' });
  assert.deepEqual(clientIdentity(undefined, '', 3), { packageName: 'api-client', packageVersion: '3.0.0' });
  assert.deepEqual(clientIdentity(undefined, 'X', 'latest'), { packageName: 'x-client', packageVersion: undefined });
  assert.equal(clientIdentity(undefined, 'X', '1.0.0-beta.2').packageVersion, '1.0.0-beta.2');
});

test('--property pairs override in order and refuse what OpenAPI Generator would misread', () => {
  assert.deepEqual(parseProperties(['npmName=pets', 'withInterfaces=true', 'npmName=@acme/pets', 'url=a=b']), {
    npmName: '@acme/pets',
    withInterfaces: 'true',
    url: 'a=b',
  });
  assert.throws(() => parseProperties(['novalue']), usage(/not key=value/));
  assert.throws(() => parseProperties(['=x']), usage(/not key=value/));
  assert.throws(() => parseProperties(['list=a,b']), usage(/comma/));
});

test('extra arguments may not move the input or output that design-first stages', () => {
  checkExtraArgs(['--skip-validate-spec', '--global-property', 'models=Pet', '--library', 'x']);
  for (const flag of ['-o', '--output', '--output=/tmp/x', '-i', '--input-spec=/x.yaml', '-g', '--generator-name']) {
    assert.throws(() => checkExtraArgs(['--skip-validate-spec', flag, 'x']), usage(/set by design-first itself/), flag);
  }
});

test('generator names are plain words, since they also name a folder', () => {
  checkGeneratorName('typescript-fetch');
  checkGeneratorName('python');
  for (const bad of ['../evil', 'a/b', '', '-x', 'name with space']) {
    assert.throws(() => checkGeneratorName(bad), usage(/not a generator name/), bad);
  }
});
