/**
 * The real process paths, offline: `java -jar` on a stand-in generator JAR
 * (built with javac), the design-first command line through yargs, and the
 * wrapper's own download, served from a local HTTP server or refused.
 * Skipped, not passed, where no JDK is installed.
 */
import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import yargs from 'yargs';
import { generateClients, systemClientDeps, type ClientDeps } from '../../src/client/generate-clients.js';
import { MIN_JAVA_MAJOR, systemPrerequisites } from '../../src/client/prerequisites.js';
import { clientCommand } from '../../src/cli/commands/client.js';
import { exitCodeBox } from '../../src/cli/exit-code.js';
import { DesignFirstError } from '../../src/errors.js';
import { buildFakeJar, fakeJarUnavailable } from './fake-generator.js';
import { listTree, makeService, tempFolder } from './helpers.js';

const unavailable = fakeJarUnavailable();

function capturingDeps(env: NodeJS.ProcessEnv = {}): ClientDeps & { lines: string[] } {
  const lines: string[] = [];
  const io = { stdout: (text: string) => lines.push(text), stderr: (text: string) => lines.push(text) };
  return { ...systemClientDeps(io), env, lines };
}

/** Run `design-first client …` through yargs as main.ts does, capturing what it prints. */
async function cli(args: string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const writeOut = process.stdout.write;
  const writeErr = process.stderr.write;
  process.stdout.write = ((chunk: string) => {
    stdout += chunk;
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => {
    stderr += chunk;
    return true;
  }) as typeof process.stderr.write;
  exitCodeBox.value = 0;
  let usage: string | undefined;
  try {
    await yargs(args)
      .command(clientCommand)
      .strict()
      .exitProcess(false)
      .fail((message, error) => {
        if (error) throw error;
        usage = message;
      })
      .parseAsync();
  } finally {
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
  }
  return { exitCode: usage === undefined ? exitCodeBox.value : 2, stdout, stderr: stderr + (usage ?? '') };
}

test('the java on this machine is found and new enough', { skip: unavailable }, async () => {
  const major = await systemPrerequisites.javaVersion();
  assert.ok(major !== undefined && major >= MIN_JAVA_MAJOR, `java major ${major}`);
});

describe('with a stand-in generator JAR', { skip: unavailable }, () => {
  let jar = '';
  before(async () => {
    jar = await buildFakeJar();
  });
  after(async () => {
    if (jar) await rm(path.dirname(jar), { recursive: true, force: true });
  });

  test('java -jar runs generate in the staging folder, with JAVA_OPTS, and the output is moved into place', async (t) => {
    const dir = await makeService(await tempFolder(t));
    const deps = capturingDeps({ JAVA_OPTS: '-Dfake.opt=yes' });
    const clients = await generateClients({ cwd: dir, jar, properties: ['withInterfaces=true'] }, deps);
    assert.deepEqual(
      clients.map((client) => client.version),
      ['v1', 'v2'],
    );
    const folder = path.join(dir, 'clients', 'v1', 'typescript-fetch');
    const args = (await readFile(path.join(folder, 'args.txt'), 'utf8')).split('\n');
    assert.deepEqual(args.slice(0, 5), ['generate', '--generator-name', 'typescript-fetch', '--input-spec', path.join(dir, 'blueprints', 'v1.yaml')]);
    assert.equal(args[5], '--output');
    assert.equal(path.dirname(args[6]!), path.dirname(folder), 'staged beside the target');
    assert.deepEqual(args.slice(7), ['--additional-properties', 'npmName=@acme/pets-client,npmVersion=1.4.0,supportsES6=true,withInterfaces=true']);
    assert.equal(await readFile(path.join(folder, 'cwd.txt'), 'utf8'), args[6]);
    assert.equal(await readFile(path.join(folder, 'java-opts.txt'), 'utf8'), 'yes');
    assert.deepEqual(await listTree(path.join(dir, 'clients', 'v1')), [
      'typescript-fetch/',
      'typescript-fetch/args.txt',
      'typescript-fetch/cwd.txt',
      'typescript-fetch/java-opts.txt',
      'typescript-fetch/src/',
      'typescript-fetch/src/index.ts',
    ]);
  });

  test('a failing generator: its output and the command are kept for the error, nothing is written', async (t) => {
    const dir = await makeService(await tempFolder(t));
    const before = await listTree(dir);
    const deps = capturingDeps();
    await assert.rejects(generateClients({ cwd: dir, jar, properties: ['fail=true'] }, deps), (error: unknown) => {
      assert.ok(error instanceof DesignFirstError);
      assert.equal(error.code, 'DF_ERR_CLIENT_FAILED');
      assert.match(error.message, /failed for v1 with exit code 3: Exception in thread "main" java\.lang\.RuntimeException: fake generator failure/);
      assert.match(error.details[0]!, /^\$ java -jar \S+fake-generator\.jar generate /);
      assert.ok(error.details.some((line) => line.includes('writing file')));
      return true;
    });
    assert.deepEqual(await listTree(dir), before);
  });

  test('the command line: --version, --generator, -p and arguments after -- reach the generator', async (t) => {
    const dir = await makeService(await tempFolder(t));
    const result = await cli([
      'client',
      '--dir',
      dir,
      '--jar',
      jar,
      '--version',
      'v2',
      '-g',
      'typescript-axios',
      '-p',
      'npmName=pets',
      '--',
      '--skip-validate-spec',
    ]);
    assert.equal(result.exitCode, 0, result.stderr);
    assert.match(result.stdout, /v2: typescript-axios client in /);
    const args = (await readFile(path.join(dir, 'clients', 'v2', 'typescript-axios', 'args.txt'), 'utf8')).split('\n');
    assert.equal(args[2], 'typescript-axios');
    assert.deepEqual(args.slice(-3), ['--additional-properties', 'npmName=pets,npmVersion=2.4.0,supportsES6=true', '--skip-validate-spec']);
    assert.deepEqual(await listTree(path.join(dir, 'clients')), [
      'v2/',
      'v2/typescript-axios/',
      'v2/typescript-axios/args.txt',
      'v2/typescript-axios/cwd.txt',
      'v2/typescript-axios/java-opts.txt',
      'v2/typescript-axios/src/',
      'v2/typescript-axios/src/index.ts',
    ]);
  });

  test('the command line: a missing --jar exits 2 with one line, nothing written', async (t) => {
    const dir = await makeService(await tempFolder(t));
    const before = await listTree(dir);
    const result = await cli(['client', '--dir', dir, '--jar', path.join(dir, 'nope.jar')]);
    assert.equal(result.exitCode, 2);
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    assert.match(result.stderr, /^design-first: the OpenAPI Generator JAR given with --jar is missing: .*nope\.jar is not a file \[DF_ERR_CLIENT_NO_JAR\]/);
    assert.deepEqual(await listTree(dir), before);
  });

  describe('--download through the wrapper', () => {
    let server: ReturnType<typeof createServer> | undefined;
    let port = 0;
    const requested: string[] = [];
    before(async () => {
      const bytes = await readFile(jar);
      server = createServer((request, response) => {
        requested.push(request.url ?? '');
        response.writeHead(200, { 'content-type': 'application/java-archive', 'content-length': bytes.length });
        response.end(bytes);
      });
      await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    after(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

    async function configIn(folder: string, downloadUrl: string): Promise<string> {
      const file = path.join(folder, 'tools', 'openapitools.json');
      await makeDir(path.dirname(file));
      await writeFile(file, JSON.stringify({ 'generator-cli': { version: '7.23.0', storageDir: './jars', repository: { downloadUrl } } }));
      return file;
    }

    test('downloads the pinned JAR into the storageDir, then generates with it', async (t) => {
      const dir = await makeService(await tempFolder(t), ['v1']);
      const config = await configIn(dir, `http://127.0.0.1:${port}/maven/\${versionName}/openapi-generator-cli-\${versionName}.jar`);
      const deps = capturingDeps();
      await generateClients({ cwd: dir, openapitools: config, download: true }, deps);
      assert.deepEqual(requested, ['/maven/7.23.0/openapi-generator-cli-7.23.0.jar']);
      const stored = path.join(dir, 'tools', 'jars', '7.23.0.jar');
      assert.deepEqual(await readFile(stored), await readFile(jar));
      assert.ok(
        deps.lines.some((line) => line.includes(stored)),
        deps.lines.join('\n'),
      );
      assert.ok((await listTree(path.join(dir, 'clients'))).includes('v1/typescript-fetch/args.txt'));
    });

    test('where the download is not possible: exit 2, one line with the reason, nothing written', async (t) => {
      const dir = await makeService(await tempFolder(t), ['v1']);
      const config = await configIn(dir, 'http://127.0.0.1:1/${versionName}.jar');
      const before = await listTree(dir);
      const result = await cli(['client', '--dir', dir, '--openapitools', config, '--download']);
      assert.equal(result.exitCode, 2);
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
      assert.match(
        result.stderr,
        /JAR is missing: downloading http:\/\/127\.0\.0\.1:1\/7\.23\.0\.jar into \S+jars through @openapitools\/openapi-generator-cli failed \(.*ECONNREFUSED.*\) \[DF_ERR_CLIENT_NO_JAR\]/,
      );
      assert.deepEqual(await listTree(dir), before);
    });
  });
});

async function makeDir(folder: string): Promise<void> {
  const { mkdir } = await import('node:fs/promises');
  await mkdir(folder, { recursive: true });
}
