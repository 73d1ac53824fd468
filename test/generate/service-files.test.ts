/**
 * The files a team lives with besides its code, as generated: the CI workflow
 * that enforces the blueprint, the container files, the local stack, `.env`
 * loading, and what `new` says to do next. (e2e.test.ts runs the service;
 * these read what would run where this machine cannot: GitHub Actions, Docker.)
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { before, test } from 'node:test';
import { parse } from 'yaml';
import { runNew } from '../../src/cli/commands/new.js';
import { captureIo, repoRoot, run, scratchFolder } from './helpers.js';

let service: string;
let newOutput: string[];

before(async () => {
  service = path.join(await scratchFolder('service-files'), 'service');
  const io = captureIo();
  assert.equal(await runNew({ blueprints: ['examples/pets/pets-v1.yaml'], out: service, cwd: repoRoot }, io), 0, io.err.join('\n'));
  newOutput = io.out;
});

const read = (file: string) => readFile(path.join(service, file), 'utf8');

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  if?: string;
  'continue-on-error'?: boolean;
}
interface Job {
  steps: Step[];
  strategy?: { matrix: { node: number[] } };
  permissions?: Record<string, string>;
  needs?: string[];
}

test('the CI workflow: npm ci with cache, lint with SARIF uploaded, update --check, then lint, types, tests and build on Node 22 and 24', async () => {
  const workflow = parse(await read('.github/workflows/ci.yml')) as { jobs: Record<string, Job> };
  const runs = (job: Job) => job.steps.flatMap((step) => (step.run ? [step.run] : []));
  const setupNode = (job: Job) => job.steps.find((step) => step.uses?.startsWith('actions/setup-node@'))!;

  const design = workflow.jobs.design!;
  assert.equal(setupNode(design).with?.cache, 'npm');
  assert.deepEqual(runs(design)[0], 'npm ci');
  assert.match(runs(design)[1]!, /npx design-first lint blueprints\/\* .*--format sarif > design-first\.sarif/);
  const upload = design.steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
  assert.equal(upload.with?.sarif_file, 'design-first.sarif');
  assert.equal(upload.if, 'always()', 'findings are shown even when lint fails the job');
  assert.equal(design.permissions?.['security-events'], 'write');
  assert.equal(runs(design)[2], 'npx design-first update --check');

  const tests = workflow.jobs.test!;
  assert.deepEqual(tests.strategy?.matrix.node, [22, 24]);
  assert.equal(setupNode(tests).with?.cache, 'npm');
  assert.deepEqual(runs(tests), ['npm ci', 'npm run lint', 'npm run typecheck', 'npm test', 'npm run build']);
  assert.deepEqual(workflow.jobs.client?.needs, ['design', 'test']);
  assert.doesNotMatch(
    await read('.github/workflows/ci.yml'),
    /npm install(?! &&)|npx -p generator-design-first/,
    'the pinned design-first, installed with npm ci',
  );
});

/** The CI design job's lint step as bash runs it, with this checkout's built CLI standing in for the pinned `npx design-first`. */
async function runLintStep(
  dir: string,
): Promise<{ code: number; stderr: string; sarif: { runs: Array<{ tool: { driver: { rules: Array<{ id: string }> } } }> } }> {
  const workflow = parse(await readFile(path.join(dir, '.github/workflows/ci.yml'), 'utf8')) as { jobs: Record<string, Job> };
  const step = workflow.jobs.design!.steps.find((entry) => entry.run?.includes('design-first lint'))!;
  const script = step.run!.replaceAll('npx design-first', `node ${JSON.stringify(path.join(repoRoot, 'bin/design-first.js'))}`);
  const result = await run('bash', ['-e', '-c', script], dir);
  return { code: result.code, stderr: result.stderr, sarif: JSON.parse(await readFile(path.join(dir, 'design-first.sarif'), 'utf8')) };
}

test('the CI lint step lints with the playbook the manifest records: the built-in one, a file, or a package as npm ci installed it', async () => {
  const ruleIds = (sarif: Awaited<ReturnType<typeof runLintStep>>['sarif']) => sarif.runs[0]!.tool.driver.rules.map((rule) => rule.id);
  const builtIn = await runLintStep(service);
  assert.equal(builtIn.code, 0, builtIn.stderr);
  assert.ok(ruleIds(builtIn.sarif).includes('path-no-verbs'), 'the built-in playbook runs path-no-verbs');

  // A playbook that turns that rule off: the SARIF's rules show which playbook linted.
  const work = await scratchFolder('service-files-playbook');
  const rules = "# The council's API playbook\nrules: { path-no-verbs: off }\n";
  await writeFile(path.join(work, 'playbook.yaml'), rules);
  const packageRoot = path.join(work, 'node_modules/@council/api-playbook');
  await mkdir(packageRoot, { recursive: true });
  await writeFile(path.join(packageRoot, 'package.json'), JSON.stringify({ name: '@council/api-playbook', version: '2026.1.0' }));
  await writeFile(path.join(packageRoot, 'playbook.yaml'), rules);
  for (const playbook of ['playbook.yaml', '@council/api-playbook']) {
    const io = captureIo();
    const out = playbook.startsWith('@') ? 'from-package' : 'from-file';
    assert.equal(await runNew({ blueprints: [path.join(repoRoot, 'examples/pets/pets-v1.yaml')], out, playbook, cwd: work }, io), 0, io.err.join('\n'));
    const linted = await runLintStep(path.join(work, out));
    assert.equal(linted.code, 0, linted.stderr);
    assert.ok(!ruleIds(linted.sarif).includes('path-no-verbs'), `linted with ${playbook}: ${ruleIds(linted.sarif).join(', ')}`);
  }
});

test('the Dockerfile: a pinned Node LTS slim image, npm ci --omit=dev, non-root, a health check on /health/live; .dockerignore keeps secrets out', async () => {
  const dockerfile = await read('Dockerfile');
  const version = /^ARG NODE_VERSION=(\d+)\.(\d+)\.(\d+)$/m.exec(dockerfile);
  assert.ok(version, 'a pinned release');
  assert.ok(['22', '24'].includes(version[1]!), `Node ${version[1]} is an LTS line the service targets`);
  assert.equal((dockerfile.match(/^FROM node:\$\{NODE_VERSION\}-slim/gm) ?? []).length, 2);
  assert.match(dockerfile, /^RUN npm ci --omit=dev /m);
  assert.doesNotMatch(dockerfile, /npm install/);
  const lastFrom = dockerfile.lastIndexOf('\nFROM ');
  assert.match(dockerfile.slice(lastFrom), /^USER node$/m, 'the image runs as the unprivileged node user');
  assert.match(dockerfile.slice(lastFrom), /^HEALTHCHECK .*\n? *CMD .*\/health\/live/m);
  const ignored = (await read('.dockerignore')).split('\n');
  for (const entry of ['node_modules', '.env', '.git', 'test']) assert.ok(ignored.includes(entry), `${entry} is not copied into the image`);
  assert.ok(ignored.includes('!.env.example'));
});

test('docker-compose.yml: Redis, and two instances sharing it behind one address', async () => {
  const compose = parse(await read('docker-compose.yml')) as {
    services: Record<string, { image?: string; build?: string; environment?: Record<string, string>; ports?: string[]; depends_on?: unknown }>;
    configs: Record<string, { content: string }>;
  };
  assert.match(compose.services.redis!.image!, /^redis:\d+\.\d+/);
  const instances = Object.entries(compose.services).filter(([, definition]) => definition.build === '.');
  assert.equal(instances.length, 2);
  for (const [, definition] of instances) assert.equal(definition.environment?.REDIS_URL, 'redis://redis:6379/0');
  assert.deepEqual(compose.services.proxy!.ports, ['3000:80']);
  for (const [name] of instances) assert.match(compose.configs.proxy!.content, new RegExp(`server ${name}:3000;`));
});

test('.env is read when present, and the environment wins over it', async () => {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'design-first-env-'));
  const file = path.join(folder, '.env');
  await writeFile(file, 'DF_TEST_FROM_FILE=file\nDF_TEST_BOTH=file\n');
  process.env.DF_TEST_BOTH = 'environment';
  const { loadDotEnv } = (await import(pathToFileURL(path.join(service, 'src/platform/env.ts')).href)) as { loadDotEnv(file?: string): boolean };
  try {
    assert.equal(loadDotEnv(path.join(folder, 'absent.env')), false);
    assert.equal(loadDotEnv(file), true);
    assert.equal(process.env.DF_TEST_FROM_FILE, 'file');
    assert.equal(process.env.DF_TEST_BOTH, 'environment');
  } finally {
    delete process.env.DF_TEST_FROM_FILE;
    delete process.env.DF_TEST_BOTH;
  }
  // npm run dev and npm start both go through it; dev defaults to mock auth only after .env had its say.
  const dev = await read('src/dev.ts');
  assert.ok(dev.indexOf('loadDotEnv();') < dev.indexOf("process.env.AUTH_MODE ??= 'mock';"));
  assert.match(await read('src/server.ts'), /loadDotEnv\(\);\n\s+const config = loadConfig\(process\.env\);/);
  const scripts = JSON.parse(await read('package.json')).scripts as Record<string, string>;
  assert.equal(scripts.dev, 'tsx watch --include "src/generated/**/*.json*" --clear-screen=false src/dev.ts | pino-pretty');
  assert.equal(scripts['api:check'], 'design-first update --check');
});

test("new's next steps: for a secured blueprint, npm run dev, then the variables production needs; for a public one, npm start", async () => {
  assert.deepEqual(newOutput.slice(1, 4), [
    `next: cd ${JSON.stringify(service)} && npm install && npm test`,
    'next: npm run dev    (mock auth: secured operations answer without credentials; restarts on every change; http://localhost:3000/v1/docs)',
    'next: for production, set AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE as .env.example describes, then npm start (without them it refuses to start)',
  ]);
  const readme = await read('README.md');
  assert.match(readme, /npm run dev {7}# local development: mock auth/);
  assert.match(readme, /refuses to start \(exit 78, naming what is missing\) until `AUTH_JWKS_URL`, `AUTH_ISSUER`, `AUTH_AUDIENCE` are set/);

  const open = path.join(await scratchFolder('service-files-public'), 'open.yaml');
  const blueprint = parse(await readFile(path.join(repoRoot, 'examples/pets/pets-v1.yaml'), 'utf8')) as Record<string, unknown>;
  delete blueprint.security;
  for (const item of Object.values(blueprint.paths as Record<string, Record<string, Record<string, unknown>>>))
    for (const operation of Object.values(item)) delete operation.security;
  await writeFile(open, JSON.stringify(blueprint));
  const io = captureIo();
  assert.equal(await runNew({ blueprints: [open], out: path.join(path.dirname(open), 'service'), cwd: repoRoot, lint: false }, io), 0, io.err.join('\n'));
  assert.ok(io.out.includes('next: npm start      (builds, then serves on PORT, default 3000)'), io.out.join('\n'));
  assert.ok(!io.out.some((line) => line.includes('AUTH_JWKS_URL')));
});
