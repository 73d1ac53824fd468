/**
 * Hostile upstream blueprints: an upstream's blueprint is another team's, so
 * as untrusted as any. Every field of test/hostile's blueprints (each with
 * every payload planted at once) is given as an upstream to the adoptions
 * service, and as the API of a TypeScript client package. Generation either
 * succeeds or refuses in one line; the generated clients keep blueprint text
 * inside comments and string literals; the services type-check; each client
 * package type-checks and its own tests call every operation over HTTP; and
 * the canary file is never created.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { before, test } from 'node:test';
import { generateClients, systemClientDeps } from '../../src/client/generate-clients.js';
import { runNew } from '../../src/cli/commands/new.js';
import { bin, captureIo, repoRoot, run, scratchFolder } from '../generate/helpers.js';
import { hostileFields } from '../hostile/blueprints.js';
import { CODE_MARKERS, payloads } from '../hostile/payloads.js';
import { lex, occurrencesInCode } from '../hostile/ts-lexer.js';

const scratch = await scratchFolder('upstream-hostile');
const canary = path.join(scratch, 'CANARY');
const fields = hostileFields(payloads(canary));

interface Outcome {
  name: string;
  service: string;
  serviceCode: number;
  serviceErr: string[];
  clientFolder: string;
  clientError: Error | null;
}
const outcomes: Outcome[] = [];

before(async () => {
  for (const field of fields) {
    const folder = path.join(scratch, 'blueprints', field.name);
    await mkdir(folder, { recursive: true });
    for (const [name, content] of Object.entries(field.extraFiles ?? {})) await writeFile(path.join(folder, name), content);
    const blueprint = path.join(folder, `upstream.${field.yaml ? 'yaml' : 'json'}`);
    await writeFile(blueprint, JSON.stringify(field.blueprints[0]));
    const io = captureIo();
    const service = path.join(scratch, 'services', field.name);
    const serviceCode = await runNew(
      { blueprints: [path.join(repoRoot, 'examples/adoptions/adoptions.yaml')], out: service, cwd: scratch, lint: false, upstream: [`hostile=${blueprint}`] },
      io,
    );
    const clientFolder = path.join(scratch, 'clients', field.name);
    let clientError: Error | null = null;
    await generateClients({ cwd: scratch, generator: 'typescript', blueprint, out: clientFolder, versions: ['v1'] }, systemClientDeps(captureIo())).catch(
      (error: Error) => {
        clientError = error;
      },
    );
    outcomes.push({ name: field.name, service, serviceCode, serviceErr: io.err, clientFolder: path.join(clientFolder, 'v1/typescript'), clientError });
  }
});

async function walk(folder: string, prefix = ''): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(path.join(folder, prefix), { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory() && entry.name !== 'node_modules') files.push(...(await walk(folder, relative)));
    else if (entry.isFile()) files.push(relative);
  }
  return files;
}

test('every hostile upstream either generates or is refused with exit 2 and one line', () => {
  for (const outcome of outcomes) {
    assert.ok(outcome.serviceCode === 0 || outcome.serviceCode === 2, `${outcome.name}: exit ${outcome.serviceCode}: ${outcome.serviceErr.join('\n')}`);
    if (outcome.serviceCode === 2) assert.equal(outcome.serviceErr.filter((line) => !line.startsWith('note:')).length, 1, outcome.name);
    if (outcome.clientError) assert.match(String((outcome.clientError as { code?: string }).code), /^DF_ERR_/, `${outcome.name}: ${outcome.clientError.stack}`);
  }
  assert.ok(outcomes.filter((outcome) => outcome.serviceCode === 0).length >= fields.length - 3, 'most hostile upstreams generate');
});

test('blueprint text reaches the generated clients only inside comments and string literals', async () => {
  // A client package's runtime copied byte for byte from the platform holds no blueprint text: it is the platform's
  // own code, which calls fetch. Everything rendered from a blueprint is checked.
  const platformDir = path.join(repoRoot, 'templates/service/src/upstream');
  const platform = new Set(await Promise.all((await readdir(platformDir)).map((name) => readFile(path.join(platformDir, name), 'utf8'))));
  let checked = 0;
  for (const outcome of outcomes) {
    const files: string[] = [];
    if (outcome.serviceCode === 0) {
      for (const relative of await walk(outcome.service))
        if (/^src\/generated\/upstreams/.test(relative) && relative.endsWith('.ts')) files.push(path.join(outcome.service, relative));
    }
    if (!outcome.clientError)
      for (const relative of await walk(outcome.clientFolder)) if (relative.endsWith('.ts')) files.push(path.join(outcome.clientFolder, relative));
    for (const file of files) {
      const source = await readFile(file, 'utf8');
      if (platform.has(source)) continue;
      const lexed = lex(source);
      assert.deepEqual(lexed.errors, [], file);
      for (const marker of [...CODE_MARKERS, canary])
        assert.deepEqual(occurrencesInCode(source, marker, lexed), [], `${file}: ${JSON.stringify(marker)} in code`);
      checked++;
    }
  }
  assert.ok(checked > 50, `only ${checked} files checked`);
});

test('the services and client packages type-check together in one tsc pass', { timeout: 300_000 }, async () => {
  const tsconfig = path.join(scratch, 'tsconfig.json');
  await writeFile(
    tsconfig,
    JSON.stringify({
      compilerOptions: {
        target: 'es2023',
        module: 'nodenext',
        moduleResolution: 'nodenext',
        strict: true,
        skipLibCheck: true,
        esModuleInterop: true,
        noEmit: true,
        types: ['node'],
      },
      include: ['services/*/src/**/*.ts', 'clients/*/v1/typescript/src/**/*.ts', 'clients/*/v1/typescript/test/**/*.ts'],
    }),
  );
  const result = await run(bin('tsc'), ['-p', tsconfig], scratch);
  assert.equal(result.code, 0, result.stdout.slice(0, 5000) + result.stderr.slice(0, 2000));
});

test("each client package's own tests call every operation over HTTP and pass", { timeout: 600_000 }, async () => {
  const files = outcomes.filter((outcome) => !outcome.clientError).map((outcome) => path.join(outcome.clientFolder, 'test/client.test.ts'));
  const result = await run(bin('tsx'), ['--test', '--test-concurrency=2', '--test-reporter=tap', ...files], scratch, {}, 540_000);
  assert.equal(result.code, 0, result.stdout.slice(-5000) + result.stderr.slice(-2000));
  assert.match(result.stdout, /^# fail 0/m);
  assert.equal(Number(/^# pass (\d+)/m.exec(result.stdout)?.[1]), files.length * 4);
  assert.equal(existsSync(canary), false, 'a payload ran');
});
