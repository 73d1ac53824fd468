/**
 * The single-defect corpus (defects/catalogue.ts): one blueprint per generic
 * OpenAPI mistake, each caught by lint's default playbook on target, by the
 * rule meant for it. `npm run bench` prints how many of the same files
 * Redocly and Spectral catch.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadBlueprint } from '../../src/blueprint/load.js';
import { lintBlueprint, type Finding } from '../../src/lint/index.js';
import { GENERIC_RULES } from '../../src/playbook/generic-rules.js';
import { loadPlaybook } from '../../src/playbook/index.js';
import { baseBlueprint } from './defects/base.js';
import { DEFECTS, withDefect } from './defects/catalogue.js';
import { writeTemp } from './helpers.js';

const key = (finding: Finding) => `${finding.rule} ${finding.pointer} ${finding.message}`;
const within = (pointer: string, target: string) => pointer === target || pointer.startsWith(`${target}/`);

async function lintDocument(document: object, examples = false): Promise<Finding[]> {
  const playbook = await loadPlaybook();
  const withExamples = examples ? { ...playbook, examples: { validate: true }, rules: { ...playbook.rules, 'examples-valid': 'warn' as const } } : playbook;
  return lintBlueprint(await loadBlueprint(await writeTemp('defect.json', JSON.stringify(document, null, 2))), withExamples);
}

describe('the single-defect corpus', () => {
  it('has at least 40 defects, one rule each, and a base that no generic rule finds fault with', async () => {
    assert.ok(DEFECTS.length >= 40, `${DEFECTS.length} defects`);
    const generic = new Set(Object.keys(GENERIC_RULES));
    assert.deepEqual((await lintDocument(baseBlueprint(), true)).filter((f) => generic.has(f.rule) || f.rule === 'examples-valid').map(key), []);
  });

  const base = lintDocument(baseBlueprint(), true).then((findings) => new Set(findings.map(key)));
  for (const defect of DEFECTS) {
    it(`catches: ${defect.name} (${defect.rule})`, async () => {
      const seen = await base;
      const fresh = (await lintDocument(withDefect(defect), defect.examples)).filter((finding) => !seen.has(key(finding)));
      const onTarget = fresh.filter((finding) => finding.rule === defect.rule && within(finding.pointer, defect.target));
      assert.ok(onTarget.length > 0, `no ${defect.rule} finding at ${defect.target}; new findings:\n${fresh.map(key).join('\n')}`);
    });
  }
});
