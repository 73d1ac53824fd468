/**
 * An organisation's Spectral ruleset, run beside the playbook: the example in
 * examples/spectral-ruleset (linted here, so in CI) gives the findings
 * Spectral itself gives, located and formatted as ours; waivers cover them;
 * and a document that names no Spectral ruleset never loads Spectral.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { runLint, type LintOptions } from '../../src/cli/commands/lint.js';
import { repoRoot } from '../generate/helpers.js';
import { writeTemp } from './helpers.js';

const example = path.join(repoRoot, 'examples/spectral-ruleset');
const blueprint = path.join(repoRoot, 'examples/pets/pets-v1.yaml');

async function lint(options: Partial<LintOptions>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runLint(
    { blueprints: [blueprint], format: 'json', allowRemoteRefs: false, color: false, cwd: repoRoot, ...options },
    { stdout: (text) => out.push(text), stderr: (text) => err.push(text) },
  );
  return {
    code,
    report: JSON.parse(out.join('')) as {
      findings: Array<{ rule: string; severity: string; line: number; column: number; pointer: string; message: string }>;
      waived: Array<{ rule: string }>;
    },
    stderr: err.join('\n'),
  };
}

/** What Spectral itself reports for the example ruleset, through its own packages. */
async function spectralOwn(ruleset: string, file: string) {
  const require = createRequire(import.meta.url);
  const { Spectral, Document } = require('@stoplight/spectral-core') as typeof import('@stoplight/spectral-core');
  const Parsers = require('@stoplight/spectral-parsers') as typeof import('@stoplight/spectral-parsers');
  const { fetch } = require('@stoplight/spectral-runtime') as typeof import('@stoplight/spectral-runtime');
  const { bundleAndLoadRuleset } =
    require('@stoplight/spectral-ruleset-bundler/with-loader') as typeof import('@stoplight/spectral-ruleset-bundler/with-loader');
  const spectral = new Spectral();
  spectral.setRuleset(await bundleAndLoadRuleset(ruleset, { fs: await import('node:fs'), fetch }));
  const results = await spectral.run(new Document(readFileSync(file, 'utf8'), Parsers.Yaml, file));
  return results
    .map((r) => ({ rule: `spectral/${String(r.code)}`, line: r.range.start.line + 1, column: r.range.start.character + 1, message: r.message }))
    .sort((a, b) => a.line - b.line);
}

describe('Spectral rulesets', () => {
  it('a playbook that extends .spectral.yaml gives the findings Spectral gives, beside its own rules', async () => {
    const { code, report } = await lint({ playbook: path.join(example, 'playbook.yaml') });
    assert.equal(code, 0);
    const ours = report.findings.filter((f) => f.rule.startsWith('spectral/')).map(({ rule, line, column, message }) => ({ rule, line, column, message }));
    assert.deepEqual(ours, await spectralOwn(path.join(example, '.spectral.yaml'), blueprint));
    // The house rule ran, its override for one path held, and the rule turned off stayed off.
    assert.deepEqual(
      ours.map((f) => [f.rule, f.line]),
      [
        ['spectral/acme-operation-owner', 22],
        ['spectral/acme-operation-owner', 50],
        ['spectral/acme-operation-owner', 81],
      ],
    );
    assert.equal(report.findings.find((f) => f.rule === 'spectral/acme-operation-owner')?.pointer, '/paths/~1pets/get');
  });

  it('--ruleset runs a ruleset beside any playbook, in every format, and x-lint-ignore waives its findings', async () => {
    const sarif = await runLintText({ rulesets: [path.join(example, '.spectral.yaml')], format: 'sarif' });
    const run = (
      JSON.parse(sarif) as {
        runs: Array<{ tool: { driver: { rules: Array<{ id: string; defaultConfiguration: { level: string } }> } }; results: Array<{ ruleId: string }> }>;
      }
    ).runs[0]!;
    assert.equal(run.results.filter((r) => r.ruleId === 'spectral/acme-operation-owner').length, 3);
    assert.equal(run.tool.driver.rules.find((r) => r.id === 'spectral/acme-operation-owner')?.defaultConfiguration.level, 'warning');

    const waived = await writeTemp(
      'pets-waived.yaml',
      readFileSync(blueprint, 'utf8').replace(
        /^paths:\n/m,
        'x-lint-ignore: [{ rule: spectral/acme-operation-owner, reason: owners are tracked in the catalogue }]\npaths:\n',
      ),
    );
    const { report } = await lint({ blueprints: [waived], rulesets: [path.join(example, '.spectral.yaml')] });
    assert.deepEqual(
      report.findings.filter((f) => f.rule.startsWith('spectral/')),
      [],
    );
    assert.equal(report.waived.length, 3);
  });

  it('spectral:oas by name', async () => {
    const bare = await writeTemp(
      'bare.yaml',
      "openapi: 3.0.3\ninfo: { title: T, version: 1.0.0 }\npaths:\n  /a:\n    get: { responses: { '200': { description: ok } } }\n",
    );
    const { report } = await lint({ blueprints: [bare], rulesets: ['spectral:oas'] });
    const rules = new Set(report.findings.map((f) => f.rule));
    for (const rule of ['spectral/info-contact', 'spectral/operation-operationId', 'spectral/oas3-api-servers']) assert.ok(rules.has(rule), rule);
  });

  it('a document that names no Spectral ruleset never loads Spectral', async () => {
    const script = `
      import { createRequire } from 'node:module';
      const { lintBlueprint } = await import(${JSON.stringify(path.join(repoRoot, 'dist/src/lint/index.js'))});
      const { loadBlueprint } = await import(${JSON.stringify(path.join(repoRoot, 'dist/src/blueprint/load.js'))});
      const { loadPlaybook } = await import(${JSON.stringify(path.join(repoRoot, 'dist/src/playbook/index.js'))});
      await lintBlueprint(await loadBlueprint(${JSON.stringify(blueprint)}), await loadPlaybook());
      const cache = createRequire(import.meta.url).cache;
      console.log(Object.keys(cache).filter((key) => key.includes('@stoplight')).length);`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script]);
    assert.equal(stdout.trim(), '0');
  });
});

async function runLintText(options: Partial<LintOptions>): Promise<string> {
  const out: string[] = [];
  await runLint(
    { blueprints: [blueprint], format: 'json', allowRemoteRefs: false, color: false, cwd: repoRoot, ...options },
    { stdout: (text) => out.push(text), stderr: () => {} },
  );
  return out.join('');
}
