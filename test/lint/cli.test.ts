/** `design-first lint` as CI calls it: exit codes, formats, --max-warnings, load and playbook failures. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import yargs from 'yargs';
import { lint, lintCommand, type LintOptions } from '../../src/cli/commands/lint.js';
import { exitCodeBox } from '../../src/cli/exit-code.js';
import type { CommandIo } from '../../src/cli/run-command.js';
import { writeTemp } from './helpers.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const clean = path.join(fixtures, 'courses.yaml');

function capture(): CommandIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (text) => out.push(text), stderr: (text) => err.push(text) };
}

async function run(options: Partial<LintOptions> & { blueprints: string[] }) {
  const io = capture();
  const code = await lint({ format: 'stylish', allowRemoteRefs: false, color: false, cwd: process.cwd(), ...options }, io);
  return { code, stdout: io.out.join(''), stderr: io.err.join('\n') };
}

const warningsOnly = (): Promise<string> => writeTemp('warn-playbook.yaml', 'rules:\n  property-casing: warn\n');
const badCasing = (): Promise<string> => writeTemp('casing.yaml', readFileSync(clean, 'utf8').replace('DateRegistered:', 'date_registered:'));

describe('design-first lint', () => {
  it('exits 0 on a blueprint that meets the playbook', async () => {
    const result = await run({ blueprints: [clean] });
    assert.equal(result.code, 0);
    assert.equal(result.stdout, '✔ no problems\n');
  });

  it('exits 1 with the findings and a one-line verdict when there are errors', async () => {
    const result = await run({ blueprints: [clean, await badCasing()] });
    assert.equal(result.code, 1);
    assert.match(result.stdout, /error {4}property not in pascal case: date_registered \(DateRegistered\) {2}property-casing/);
    assert.match(result.stdout, /✖ 1 problem \(1 error, 0 warnings, 0 infos\)/);
    assert.match(result.stderr, /^design-first: 1 error, 0 warnings \[DF_ERR_LINT_FAILED\]/);
  });

  it('allows warnings, unless there are more than --max-warnings', async () => {
    const blueprint = await badCasing();
    const playbook = await warningsOnly();
    assert.equal((await run({ blueprints: [blueprint], playbook })).code, 0);
    assert.equal((await run({ blueprints: [blueprint], playbook, maxWarnings: 1 })).code, 0);
    const over = await run({ blueprints: [blueprint], playbook, maxWarnings: 0 });
    assert.equal(over.code, 1);
    assert.match(over.stderr, /1 warning, more than --max-warnings 0 \[DF_ERR_LINT_MAX_WARNINGS\]/);
  });

  it('exits 2 when a blueprint cannot be loaded, after reporting the others', async () => {
    const broken = await writeTemp('broken.yaml', 'openapi: 3.1.0\ninfo: [\n');
    const result = await run({ blueprints: [await badCasing(), broken, 'missing.yaml'], format: 'json' });
    assert.equal(result.code, 2);
    assert.equal((JSON.parse(result.stdout) as { findings: unknown[] }).findings.length, 1);
    assert.match(result.stderr, /broken\.yaml:\d+:\d+: invalid YAML.*\[DF_ERR_LOAD_SYNTAX\]/);
    assert.match(result.stderr, /missing\.yaml.*\[DF_ERR_LOAD_NOT_FOUND\]/);
  });

  it('exits 2 with file, line and field when the playbook is invalid', async () => {
    const playbook = await writeTemp('bad-playbook.yaml', 'profile:\n  propertyCasing: kebab\n');
    const result = await run({ blueprints: [clean], playbook });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /bad-playbook\.yaml:2:3 #\/profile\/propertyCasing: profile\.propertyCasing: must be one of pascal, camel, snake \[DF_ERR_PLAYBOOK_INVALID\]/);
    assert.equal(result.stdout, '');
  });

  it('reports a Swagger 2.0 file as an openapi-version-3 error', async () => {
    const swagger = await writeTemp('swagger.json', '{ "swagger": "2.0", "info": {}, "paths": {} }');
    const result = await run({ blueprints: [swagger], format: 'github' });
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^::error file=.*swagger\.json,line=1,col=3,title=openapi-version-3 \(error\)::Swagger 2\.0 is not OpenAPI 3/);
  });

  it('parses its arguments with yargs', async () => {
    const blueprint = await badCasing();
    const writes: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((chunk: string) => writes.push(String(chunk)) > 0) as typeof process.stdout.write;
    try {
      await yargs(['lint', blueprint, '--format', 'json', '--max-warnings', '0', '--no-color']).command(lintCommand).strict().exitProcess(false).parseAsync();
    } finally {
      process.stdout.write = write;
    }
    assert.equal(exitCodeBox.value, 1);
    const report = JSON.parse(writes.join('')) as { findings: Array<{ rule: string }>; summary: { errors: number } };
    assert.deepEqual(report.findings.map((f) => f.rule), ['property-casing']);
    exitCodeBox.value = 0;
  });
});
