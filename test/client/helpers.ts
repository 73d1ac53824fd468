/** Shared test fixtures for `design-first client`: a service folder and fake prerequisites. */
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ClientDeps } from '../../src/client/generate-clients.js';
import type { Prerequisites } from '../../src/client/prerequisites.js';
import type { ProcessRunner } from '../../src/client/processes.js';
import type { CommandIo } from '../../src/cli/run-command.js';

export function petsBlueprint(version: string): string {
  return `openapi: 3.0.3
info:
  title: Pets API
  version: ${version}
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        '200':
          description: the pets
          content:
            application/json:
              schema:
                type: array
                items:
                  $ref: '#/components/schemas/Pet'
  /pets/{petId}:
    get:
      operationId: getPet
      parameters:
        - name: petId
          in: path
          required: true
          schema:
            type: string
      responses:
        '200':
          description: one pet
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Pet'
components:
  schemas:
    Pet:
      type: object
      required: [Id, Name]
      properties:
        Id:
          type: string
        Name:
          type: string
`;
}

export async function tempFolder(t: { after: (fn: () => Promise<void>) => void }, prefix = 'df-client-'): Promise<string> {
  const folder = await mkdtemp(path.join(os.tmpdir(), prefix));
  t.after(() => rm(folder, { recursive: true, force: true }));
  return folder;
}

/** A service made by `design-first new`, as far as `client` reads it: manifest, bundled blueprints, package.json. */
export async function makeService(folder: string, versions: readonly string[] = ['v1', 'v2']): Promise<string> {
  await mkdir(path.join(folder, '.design-first'), { recursive: true });
  await mkdir(path.join(folder, 'blueprints'), { recursive: true });
  for (const key of versions) {
    await writeFile(path.join(folder, 'blueprints', `${key}.yaml`), petsBlueprint(`${key.slice(1)}.4.0`));
  }
  await writeFile(
    path.join(folder, '.design-first', 'manifest.json'),
    JSON.stringify({ templateVersion: '0.1.0', versions: versions.map((key) => ({ key, blueprint: `blueprints/${key}.yaml` })) }, null, 2),
  );
  await writeFile(path.join(folder, 'package.json'), JSON.stringify({ name: '@acme/pets', version: '0.0.0' }));
  return folder;
}

/** Every file under a folder, relative, sorted (to prove that nothing was written). */
export async function listTree(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)) + (entry.isDirectory() ? '/' : '')).sort();
}

export interface Recorded {
  argv: readonly string[];
  cwd: string;
}

export interface FakeEnvironment {
  deps: ClientDeps;
  runs: Recorded[];
  downloads: number;
  out: string[];
  err: string[];
}

export interface FakeOptions {
  java?: number | undefined;
  /** Files that exist, as far as the prerequisites know. */
  files?: readonly string[];
  env?: NodeJS.ProcessEnv;
  /** What a run of the generator does; default: writes two files into --output. */
  run?: ProcessRunner;
  /** Makes `file` exist when a download is attempted. */
  downloadCreates?: string;
}

/** A generator run that writes a small client into its --output, like OpenAPI Generator would. */
export const writingRunner: ProcessRunner = async (argv) => {
  const output = argv[argv.indexOf('--output') + 1]!;
  await mkdir(path.join(output, 'src', 'apis'), { recursive: true });
  await writeFile(path.join(output, 'src', 'apis', 'DefaultApi.ts'), 'export class DefaultApi {}\n');
  await writeFile(path.join(output, 'package.json'), '{}\n');
  return { exitCode: 0, lines: ['[main] INFO  o.o.codegen.DefaultGenerator - writing file DefaultApi.ts'] };
};

export function fakeEnvironment(options: FakeOptions = {}): FakeEnvironment {
  const files = new Set(options.files ?? []);
  const state: FakeEnvironment = {
    runs: [],
    downloads: 0,
    out: [],
    err: [],
    deps: undefined as unknown as ClientDeps,
  };
  const prerequisites: Prerequisites = {
    javaVersion: async () => ('java' in options ? options.java : 17),
    fileExists: async (file) => files.has(file),
  };
  const io: CommandIo = { stdout: (text) => state.out.push(text), stderr: (text) => state.err.push(text) };
  const run = options.run ?? writingRunner;
  state.deps = {
    prerequisites,
    run: async (argv, runOptions) => {
      state.runs.push({ argv, cwd: runOptions.cwd });
      return run(argv, runOptions);
    },
    download: async () => {
      state.downloads += 1;
      if (options.downloadCreates !== undefined) {
        files.add(options.downloadCreates);
        return { ok: true, reason: '' };
      }
      return { ok: false, reason: 'getaddrinfo ENOTFOUND repo1.maven.org' };
    },
    env: options.env ?? {},
    io,
  };
  return state;
}
