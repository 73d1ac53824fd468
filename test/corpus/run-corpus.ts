/**
 * `npm run test:corpus`: the whole corpus, end to end. Every document in
 * ../shared/corpus is generated (lint off); the services are type-checked in
 * one pass; each is then booted by its own contract tests (a few services to
 * a process, one after another), which call every operation in mock mode and
 * validate each answer against the blueprint.
 * Prints a table and exits 1 when a document crashes the generator, a service
 * does not type-check or boot, or an operation's answer does not validate.
 *
 *   npm run test:corpus [-- [--dir FOLDER] [name-filter ...]]
 *
 * FOLDER (or CORPUS_DIR) holds the descriptions to run (default ../shared/corpus/specs),
 * so any set of descriptions can be run; name filters run only the documents whose file
 * names contain one of them.
 */
import { readdirSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runNew } from '../../src/cli/commands/new.js';
import { unsatisfiable } from '../../src/blueprint/unsatisfiable.js';
import { bin, repoRoot, run } from '../generate/helpers.js';
import { runTestProcess } from '../templates/matrix/run-services.js';

interface Row {
  document: string;
  operations: number;
  generated: boolean;
  typeChecked: boolean;
  booted: boolean;
  answered: number;
  /** Operations the contract test skips, with its reason (only 1xx declared: no handler can answer them). */
  skipped: number;
  failed: string[];
  /** For each failed operation, the first words of its assertion. */
  reasons: string[];
  /** Failed operations whose blueprint provably allows no valid answer (or request): name -> place and reason. */
  unsatisfiable: Record<string, string>;
  refused: string | null;
}

const argv = process.argv.slice(2);
const dirFlag = argv.indexOf('--dir');
const corpus = path.resolve(dirFlag >= 0 ? (argv[dirFlag + 1] ?? '') : process.env.CORPUS_DIR || path.join(repoRoot, '../shared/corpus/specs'));
// CORPUS_RUN_FOLDER (a name under .tmp/) lets two people run the corpus from one checkout without clobbering each other.
const folder = path.join(repoRoot, '.tmp', process.env.CORPUS_RUN_FOLDER?.replace(/[^\w.-]/g, '') || 'corpus-run');
const only = argv.filter((_arg, index) => dirFlag < 0 || (index !== dirFlag && index !== dirFlag + 1));

await rm(folder, { recursive: true, force: true });
await mkdir(folder, { recursive: true });
const documents = readdirSync(corpus)
  .filter((file) => /\.(json|ya?ml)$/.test(file) && (only.length === 0 || only.some((name) => file.includes(name))))
  .sort();
const rows: Row[] = [];
let crashed = 0;
/** Refusals that are not the one clear line the CLI promises (exit 2, `design-first: <file>... [DF_ERR_...]`, no stack). */
const unclearRefusals: string[] = [];

// Each service's contract tests start as soon as it is generated, one lane per core; generating (in this process) and then
// the one tsc pass over all services run beside them, so that both cores stay busy from the first document to the last.
// A lane takes up to BATCH services waiting and runs their contract tests in one process, one service after another
// (runTestProcess, test/templates/matrix/run-services.ts): the libraries they share load once per process, not once per service.
// A service's modules stay loaded to the end of its process: the corpus's six largest services (GitHub's three, Stripe,
// Bungie, Security Hub) in one process peaked at 1 GB here.
const BATCH = 6;
const queue: Row[] = [];
let generating = true;
const lanes = Array.from({ length: Math.max(1, os.availableParallelism()) }, async () => {
  for (;;) {
    const batch = queue.splice(0, BATCH);
    if (batch.length > 0) await contractTests(batch);
    else if (generating) await new Promise((resolve) => setTimeout(resolve, 100));
    else return;
  }
});

for (const document of documents) {
  const name = document.replace(/\.(json|ya?ml)$/, '');
  const errors: string[] = [];
  const code = await runNew(
    { blueprints: [path.join(corpus, document)], out: path.join(folder, name), lint: false },
    { stdout: () => {}, stderr: (line) => errors.push(line) },
  );
  const refusal = errors.find((line) => line.startsWith('design-first:'));
  if (code !== 0 && code !== 2) crashed++;
  const lines = errors.filter((line) => !line.startsWith('note:'));
  if (code === 2 && (lines.length !== 1 || !/^design-first: .*\[DF_ERR_[A-Z_]+\]/.test(lines[0]!) || /\n\s+at /.test(lines[0]!))) {
    unclearRefusals.push(`${document}: ${lines.join(' | ').slice(0, 500)}`);
  }
  const row: Row = {
    document,
    operations: 0,
    generated: code === 0,
    typeChecked: false,
    booted: false,
    answered: 0,
    skipped: 0,
    failed: [],
    reasons: [],
    unsatisfiable: {},
    refused: code === 0 ? null : (refusal ?? `exit ${code}`),
  };
  rows.push(row);
  if (row.generated) queue.push(row);
}
generating = false;

await writeFile(
  path.join(folder, 'tsconfig.json'),
  JSON.stringify({
    compilerOptions: { target: 'es2023', module: 'nodenext', moduleResolution: 'nodenext', strict: true, skipLibCheck: true, noEmit: true, types: ['node'] },
    include: ['*/src/**/*.ts', '*/test/**/*.ts'],
  }),
);
const typecheck = await run(bin('tsc'), ['-p', '.'], folder, {}, 600_000);
const notTypeChecked = new Set([...typecheck.stdout.matchAll(/^([^/\s]+)\//gm)].map((match) => match[1]!));
// tsc failing without naming a service (killed at its timeout, out of memory, an error in the shared tsconfig) checked nothing.
const typecheckBroken = typecheck.code !== 0 && notTypeChecked.size === 0;
if (typecheckBroken) console.log(`TYPE-CHECK FAILED naming no service (exit ${typecheck.code}): ${typecheck.stdout.slice(0, 2000)}`);
for (const row of rows) row.typeChecked = row.generated && !notTypeChecked.has(row.document.replace(/\.(json|ya?ml)$/, ''));
await Promise.all(lanes);

interface OperationResult {
  name: string;
  ok: boolean;
  skip: string | null;
  error: string | null;
}

/**
 * The contract tests of a few services in one process (operation-reporter.mjs reports each operation). A batch that
 * does not report (a crash, a hang) or leaves a service without results (its process ended early) has those services
 * run again one to a process, so that the one to blame is found.
 */
async function contractTests(batch: Row[]): Promise<void> {
  const { summary: files = {} } = await runTestProcess<Record<string, { loaded: boolean; operations: OperationResult[] }>>(batch.map(serviceOf), {
    reporter: path.join(repoRoot, 'test/corpus/operation-reporter.mjs'),
    only: 'contract.test.ts',
    cwd: folder,
    // GitHub's 845 operations take under a minute; a hang is cut in minutes, not after half an hour.
    timeout: 120_000 + 60_000 * batch.length,
  });
  for (const row of batch) {
    const file = files[path.join(serviceOf(row), 'test', 'contract.test.ts')];
    if (file === undefined && batch.length > 1) await contractTests([row]);
    else await recordOperations(row, file === undefined || !file.loaded ? [] : file.operations);
  }
}

function serviceOf(row: Row): string {
  return path.join(folder, row.document.replace(/\.(json|ya?ml)$/, ''));
}

async function recordOperations(row: Row, operations: OperationResult[]): Promise<void> {
  const failed = operations.filter((operation) => !operation.ok);
  row.operations = operations.length;
  row.answered = operations.filter((operation) => operation.ok && operation.skip === null).length;
  row.skipped = operations.filter((operation) => operation.skip !== null).length;
  row.failed = failed.map((operation) => operation.name);
  // Whole: the validator's list of errors is what says why an answer is wrong.
  row.reasons = failed.map((operation) =>
    (operation.error ?? '')
      .replace(/\s+/g, ' ')
      .replace(/"requestId":"[^"]*",?/, '')
      .trim(),
  );
  row.booted = operations.length > 0;
  if (row.failed.length > 0) await classifyUnsatisfiable(row, serviceOf(row));
}

/**
 * A failure the blueprint itself makes certain is not design-first's: each failed operation's
 * response schema (or required request body, when the request was refused) is checked for a
 * structural contradiction (unsatisfiable.ts); proven ones leave the failures for their own column.
 */
async function classifyUnsatisfiable(row: Row, service: string): Promise<void> {
  interface Route {
    operationId: string;
    bodyRequired: boolean;
    mock: { status: number };
    schema: { body?: { content: Record<string, { schema: unknown }> }; response: Record<string, unknown> };
  }
  interface Version {
    routes: Route[];
    definitions: Record<'request' | 'response', { $id: string; $defs: Record<string, unknown> }>;
  }
  const { versions } = (await import(pathToFileURL(path.join(service, 'src/generated/versions.ts')).href)) as { versions: Version[] };
  const defs = new Map(versions.flatMap((version) => Object.values(version.definitions).map((d) => [d.$id, d.$defs] as const)));
  const resolve = (ref: string) => {
    const [id, key] = ref.split('#/$defs/');
    const found = defs.get(id!);
    return found && key !== undefined ? (found[decodeURIComponent(key)] as never) : undefined;
  };
  const kept: number[] = [];
  row.failed.forEach((name, index) => {
    const operationId = /\(([^()]*)\)$/.exec(name)?.[1];
    const route = versions.flatMap((version) => version.routes).find((r) => r.operationId === operationId);
    // Only the two failures a contradiction explains: the request refused as invalid, or the answer not matching its schema.
    // The wording of the service's contract test (templates/service/test/contract.test.ts and contract-check.ts).
    const refused = /^[`'"]?operation \S+ \(a mock stub\) answered 400, not its mock's \d+; body: \{"type":"about:blank","title":"Bad Request"/.test(
      row.reasons[index]!,
    );
    const mismatched = / with a body the blueprint does not allow: /.test(row.reasons[index]!);
    const requestSchemas = route?.bodyRequired ? Object.values(route.schema.body?.content ?? {}).map((c) => c.schema) : [];
    const schemas = !route ? [] : refused ? requestSchemas : mismatched ? [route.schema.response[String(route.mock.status)]] : [];
    const reasons = schemas.map((schema) => unsatisfiable(schema as never, resolve));
    if (schemas.length > 0 && reasons.every(Boolean)) row.unsatisfiable[name] = `${refused ? 'request' : 'response'} ${reasons[0]}`;
    else kept.push(index);
  });
  row.reasons = kept.map((index) => row.reasons[index]!);
  row.failed = kept.map((index) => row.failed[index]!);
}

const sum = (pick: (row: Row) => number) => rows.reduce((total, row) => total + pick(row), 0);
const lines = [
  '| document | generated | type-checked | booted | operations answered | blueprint unsatisfiable | refused (reason) |',
  '|---|---|---|---|---|---|---|',
  ...rows.map(
    (row) =>
      `| ${row.document} | ${row.generated ? 'yes' : 'no'} | ${row.typeChecked ? 'yes' : row.generated ? 'NO' : '-'} | ${row.booted ? 'yes' : row.generated ? 'NO' : '-'} | ${row.generated ? `${row.answered}/${row.operations}` : '-'} | ${Object.keys(row.unsatisfiable).length || ''} | ${(row.refused ?? '').replace(/\|/g, '\\|').replace(/^design-first: /, '')} |`,
  ),
  '',
  `documents: ${rows.length}; generated: ${sum((r) => Number(r.generated))}; type-checked: ${sum((r) => Number(r.typeChecked))}; booted: ${sum((r) => Number(r.booted))}; operations answered: ${sum((r) => r.answered)}/${sum((r) => r.operations)}; skipped: ${sum((r) => r.skipped)}; blueprint unsatisfiable: ${sum((r) => Object.keys(r.unsatisfiable).length)}; refused: ${sum((r) => Number(!r.generated))}; crashed: ${crashed}`,
  ...rows.flatMap((row) => Object.entries(row.unsatisfiable).map(([name, reason]) => `blueprint unsatisfiable: ${row.document}: ${name}: ${reason}`)),
];
console.log(lines.join('\n'));

// Operations known not to answer validly, each with why (mostly blueprints whose own examples or
// schemas contradict themselves). The run fails on any failure not listed, and says which listed
// ones now pass, so the list only shrinks.
const knownFile = new URL('./known-failures.json', import.meta.url);
const known = JSON.parse(await readFile(knownFile, 'utf8').catch(() => '{}')) as Record<string, Record<string, string>>;
const current: Record<string, Record<string, string>> = {};
for (const row of rows.filter((r) => r.failed.length > 0)) {
  current[row.document] = Object.fromEntries(row.failed.map((name, i) => [name, row.reasons[i] ?? '']));
}
const unexpected = Object.entries(current).flatMap(([document, failures]) =>
  Object.keys(failures)
    .filter((name) => !known[document]?.[name])
    .map((name) => `${document}: ${name}: ${failures[name]}`),
);
// Only documents of this run: another corpus, or a filtered run, says nothing about the others.
const ran = new Set(documents);
const nowPassing = Object.entries(known).flatMap(([document, failures]) =>
  !ran.has(document)
    ? []
    : Object.keys(failures)
        .filter((name) => !current[document]?.[name])
        .map((name) => `${document}: ${name}`),
);
if (process.env.UPDATE_KNOWN_FAILURES === '1') {
  // Documents this run did not cover keep their entries.
  const kept = Object.fromEntries(Object.entries(known).filter(([document]) => !ran.has(document)));
  await writeFile(knownFile, `${JSON.stringify({ ...kept, ...current }, null, 1)}\n`);
  console.log(`wrote ${Object.values(current).reduce((n, f) => n + Object.keys(f).length, 0)} known failures to test/corpus/known-failures.json`);
}
for (const line of unexpected) console.log(`NEW FAILURE ${line}`);
for (const line of unclearRefusals) console.log(`UNCLEAR REFUSAL (not one line naming a DF_ERR code) ${line}`);
for (const line of nowPassing) console.log(`now passing (remove from known-failures.json): ${line}`);
const broken = crashed + unclearRefusals.length + Number(typecheckBroken) + sum((r) => Number(r.generated && (!r.typeChecked || !r.booted)));
console.log(
  `known failures: ${sum((r) => r.failed.length) - unexpected.length}; new failures: ${unexpected.length}; services that did not type-check or boot: ${broken - crashed - unclearRefusals.length - Number(typecheckBroken)}; unclear refusals: ${unclearRefusals.length}; crashes: ${crashed}`,
);
process.exitCode = broken + (process.env.UPDATE_KNOWN_FAILURES === '1' ? 0 : unexpected.length) === 0 ? 0 : 1;
