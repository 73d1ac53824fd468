/** `design-first lint` as CI calls it: exit codes, formats, --max-warnings, load and playbook failures. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import yargs from 'yargs';
import { runLint, lintCommand, type LintOptions } from '../../src/cli/commands/lint.js';
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
  const code = await runLint({ format: 'stylish', allowRemoteRefs: false, color: false, cwd: process.cwd(), ...options }, io);
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
    // Each rule's fix is shown once, and lint's hint never names a flag lint does not take.
    assert.match(result.stdout, /How to fix:\n {2}property-casing {2}rename the property in the profile casing/);
    assert.doesNotMatch(result.stderr, /--force|--allow-lint-errors/);
    assert.match(
      result.stderr,
      /^design-first: 1 error, 0 warnings \[DF_ERR_LINT_ERRORS\] - fix the findings above, or waive one on purpose with `x-lint-ignore/,
    );
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

  it('reports a blueprint it could not load in every format, never as a clean run', async () => {
    const broken = await writeTemp('broken.yaml', 'openapi: 3.1.0\ninfo: [\n');
    const run2 = (format: LintOptions['format']) => run({ blueprints: [clean, broken], format });

    const stylish = await run2('stylish');
    assert.equal(stylish.code, 2);
    assert.doesNotMatch(stylish.stdout, /no problems/);
    assert.match(stylish.stdout, /broken\.yaml\n {2}\d+:\d+ +error {4}could not be linted: invalid YAML.* {2}DF_ERR_LOAD_SYNTAX/);
    assert.match(stylish.stdout, /✖ 1 blueprint could not be linted; 0 problems/);

    const json = JSON.parse((await run2('json')).stdout) as {
      findings: unknown[];
      error?: { code: string; file: string; line: number };
      loadErrors: unknown[];
      summary: { loadFailures: number };
    };
    assert.equal(json.error?.code, 'DF_ERR_LOAD_SYNTAX');
    assert.match(json.error?.file ?? '', /broken\.yaml$/);
    assert.ok((json.error?.line ?? 0) >= 2);
    assert.equal(json.summary.loadFailures, 1);

    const sarif = JSON.parse((await run2('sarif')).stdout) as {
      runs: Array<{
        invocations: Array<{
          executionSuccessful: boolean;
          exitCode: number;
          toolExecutionNotifications: Array<{
            level: string;
            message: { text: string };
            locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>;
          }>;
        }>;
      }>;
    };
    const invocation = sarif.runs[0]!.invocations[0]!;
    assert.equal(invocation.executionSuccessful, false);
    assert.equal(invocation.exitCode, 2);
    const notification = invocation.toolExecutionNotifications[0]!;
    assert.equal(notification.level, 'error');
    assert.match(notification.message.text, /invalid YAML/);
    assert.match(notification.locations[0]!.physicalLocation.artifactLocation.uri, /broken\.yaml$/);

    assert.match(
      (await run2('github')).stdout,
      /^::error file=[^,]*broken\.yaml,line=\d+,col=\d+,title=could not be linted \(DF_ERR_LOAD_SYNTAX\)::invalid YAML/m,
    );

    const junit = (await run2('junit')).stdout;
    assert.match(junit, /<testsuites name="design-first lint" tests="\d+" failures="0" errors="1">/);
    assert.match(junit, /<testcase classname="design-first.lint.load" name="[^"]*broken\.yaml">\n {6}<error type="DF_ERR_LOAD_SYNTAX"/);
  });

  it('says why the run failed on --max-warnings in JUnit and SARIF', async () => {
    const blueprint = await badCasing();
    const playbook = await warningsOnly();
    const junit = await run({ blueprints: [blueprint], playbook, maxWarnings: 0, format: 'junit' });
    assert.equal(junit.code, 1);
    assert.match(
      junit.stdout,
      /<testcase classname="design-first.lint" name="max-warnings">\n {6}<failure type="max-warnings" message="1 warning, more than --max-warnings 0">/,
    );
    const sarif = JSON.parse((await run({ blueprints: [blueprint], playbook, maxWarnings: 0, format: 'sarif' })).stdout) as {
      runs: Array<{
        invocations: Array<{ exitCode: number; exitCodeDescription: string; toolExecutionNotifications: Array<{ level: string; message: { text: string } }> }>;
      }>;
    };
    const invocation = sarif.runs[0]!.invocations[0]!;
    assert.equal(invocation.exitCode, 1);
    assert.deepEqual(
      invocation.toolExecutionNotifications.map((n) => [n.level, n.message.text]),
      [['error', '1 warning, more than --max-warnings 0']],
    );
  });

  it('refuses a --max-warnings that is not a whole number of 0 or more, in one line', async () => {
    for (const bad of [-1, 1.5, Number.NaN]) {
      const result = await run({ blueprints: [clean], maxWarnings: bad });
      assert.equal(result.code, 2);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /^design-first: --max-warnings takes a whole number, 0 or more \(got [^)]+\) \[DF_ERR_USAGE\]/);
    }
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
    assert.match(
      result.stderr,
      /bad-playbook\.yaml:2:3 #\/profile\/propertyCasing: profile\.propertyCasing: must be one of pascal, camel, snake \[DF_ERR_PLAYBOOK_INVALID\]/,
    );
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
    assert.deepEqual(
      report.findings.map((f) => f.rule),
      ['property-casing'],
    );
    exitCodeBox.value = 0;
  });
});
