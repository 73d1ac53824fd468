/**
 * The real OpenAPI Generator, when its JAR is on this machine: named by
 * OPENAPI_GENERATOR_JAR, or already in the wrapper's storageDir (for example
 * after `design-first client --download`). Without it the test is reported as
 * skipped, not passed: build machines that reach only the npm registry and
 * Debian cannot fetch the JAR from Maven Central.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { chooseConfigFile, loadGeneratorConfig, packageRoot, storedJarPath } from '../../src/client/config.js';
import { generateClients, systemClientDeps } from '../../src/client/generate-clients.js';
import { JAR_ENV, systemPrerequisites } from '../../src/client/prerequisites.js';
import { makeService, tempFolder } from './helpers.js';

async function availableJar(): Promise<{ jar?: string; skip?: string }> {
  const named = process.env[JAR_ENV];
  if (named) return existsSync(named) ? { jar: path.resolve(named) } : { skip: `${JAR_ENV}=${named} does not exist` };
  const stored = storedJarPath(await loadGeneratorConfig(chooseConfigFile(undefined, undefined)));
  if (stored !== undefined && existsSync(stored)) return { jar: stored };
  if ((await systemPrerequisites.javaVersion()) === undefined) return { skip: 'Java is not installed' };
  return { skip: `no OpenAPI Generator JAR: set ${JAR_ENV}, or place it at ${stored ?? 'the wrapper storageDir'}` };
}

const { jar, skip } = await availableJar();

test('the real OpenAPI Generator makes a typed TypeScript client for each version, and it compiles', { skip: skip ?? false }, async (t) => {
  const dir = await makeService(await tempFolder(t));
  const lines: string[] = [];
  const deps = systemClientDeps({ stdout: (text) => lines.push(text), stderr: (text) => lines.push(text) });
  const clients = await generateClients({ cwd: dir, jar }, { ...deps, env: {} });
  assert.deepEqual(
    clients.map((client) => client.version),
    ['v1', 'v2'],
  );

  for (const client of clients) {
    const manifest = JSON.parse(await readFile(path.join(client.folder, 'package.json'), 'utf8')) as { name: string; version: string };
    assert.equal(manifest.name, '@acme/pets-client');
    assert.equal(manifest.version, `${client.version.slice(1)}.4.0`);
    const files = (await readdir(client.folder, { recursive: true })).map(String);
    const sources = files.filter((file) => file.endsWith('.ts') && !file.includes('node_modules'));
    const pet = sources.find((file) => path.basename(file) === 'Pet.ts');
    assert.ok(pet, `a Pet model among ${sources.join(', ')}`);
    const apis = await Promise.all(sources.filter((file) => /apis?[\\/]/.test(file)).map((file) => readFile(path.join(client.folder, file), 'utf8')));
    assert.match(apis.join('\n'), /listPets/);
    assert.match(apis.join('\n'), /getPet/);

    const tsc = path.join(packageRoot()!, 'node_modules', '.bin', 'tsc');
    const compiled = spawnSync(
      tsc,
      [
        '--noEmit',
        '--strict',
        'false',
        '--target',
        'es2022',
        '--module',
        'esnext',
        '--moduleResolution',
        'bundler',
        '--lib',
        'es2022,dom',
        '--skipLibCheck',
        ...sources,
      ],
      { cwd: client.folder, encoding: 'utf8' },
    );
    assert.equal(compiled.status, 0, `the generated ${client.version} client compiles:\n${compiled.stdout}${compiled.stderr}`);
  }
});
