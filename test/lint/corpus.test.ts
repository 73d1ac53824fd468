/**
 * Every document of ../shared/corpus/specs lints without a crash and without
 * an internal-error finding, under the built-in playbook and with example
 * validation on; prints the findings per rule. The output of a real document
 * validates against the SARIF schema.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import Ajv04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { loadBlueprint } from '../../src/blueprint/load.js';
import { activeRules, formatFindings, INTERNAL_ERROR_RULE, lintBlueprint, type Finding } from '../../src/lint/index.js';
import { loadPlaybook } from '../../src/playbook/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const corpus = path.resolve(here, '../../../shared/corpus/specs');
const available = existsSync(corpus);
const EXAMPLES_UP_TO_BYTES = 1_000_000;

describe('the corpus', { skip: !available && 'shared/corpus is not beside the checkout' }, () => {
  it('lints every document without a crash or an internal error', async () => {
    const base = await loadPlaybook();
    const withExamples = { ...base, examples: { validate: true }, rules: { ...base.rules, 'examples-valid': 'warn' as const } };
    const counts = new Map<string, number>(Object.keys(base.rules).map((id) => [id, 0]));
    const internal: Finding[] = [];
    const files = readdirSync(corpus)
      .filter((file) => /\.(json|ya?ml)$/.test(file))
      .sort();
    let sample: Finding[] = [];
    for (const file of files) {
      const full = path.join(corpus, file);
      const loaded = await loadBlueprint(full);
      const findings = await lintBlueprint(loaded, statSync(full).size <= EXAMPLES_UP_TO_BYTES ? withExamples : base);
      for (const finding of findings) counts.set(finding.rule, (counts.get(finding.rule) ?? 0) + 1);
      internal.push(...findings.filter((finding) => finding.rule === INTERNAL_ERROR_RULE));
      if (file === 'stripe.com.json') sample = findings;
    }
    const rows = [...counts].filter(([id]) => id !== INTERNAL_ERROR_RULE).map(([id, count]) => `| \`${id}\` | ${count} |`);
    console.log(`Findings per rule over ${files.length} documents (examples checked up to 1 MB):\n| rule | findings |\n|---|---|\n${rows.join('\n')}`);
    assert.equal(files.length, 151);
    assert.deepEqual(
      internal.map((f) => `${f.file}: ${f.message}`),
      [],
    );

    const schema = JSON.parse(readFileSync(path.join(here, 'fixtures/sarif-schema-2.1.0.json'), 'utf8')) as object;
    const ajv = new Ajv04Module.default({ strict: false, unicodeRegExp: false });
    addFormatsModule.default(ajv);
    const validate = ajv.compile(schema);
    const log = JSON.parse(formatFindings(sample, 'sarif', { color: false, rules: await activeRules(base) })) as unknown;
    assert.ok(sample.length > 1000);
    assert.equal(validate(log), true, JSON.stringify(validate.errors?.slice(0, 3)));
  });
});
