import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadBlueprint } from '../../../src/blueprint/load.js';
import { lintWithWaivers } from '../../../src/lint/index.js';
import { playbookWithOnly, summary, writeTemp } from '../helpers.js';
import { openapi } from '../../openapi-document.js';

const rule = 'ignore-expired';
const yaml = (expires: string) =>
  openapi(`paths:
  /Courses:
    x-lint-ignore: [{ rule: path-kebab-case, reason: kept until clients move, expires: ${expires} }]
    get: { responses: { '200': { description: ok } } }
`);

async function lint(text: string) {
  const playbook = await playbookWithOnly(rule, { rules: { 'path-kebab-case': 'error' } });
  return lintWithWaivers(await loadBlueprint(await writeTemp('expiring.yaml', text)), playbook, { today: '2026-06-01' });
}

describe(rule, () => {
  it('passes a waiver until its last day', async () => {
    const result = await lint(yaml('2026-06-01'));
    assert.deepEqual(result.findings, []);
    assert.equal(result.waived[0]!.waiver?.expires, '2026-06-01');
  });

  it('reports an expired waiver, which no longer waives, and a date that is not one', async () => {
    const expired = await lint(yaml('2026-05-31'));
    assert.deepEqual(summary(expired.findings), [
      ['path-kebab-case', 'error', 4],
      [rule, 'warning', 5],
    ]);
    assert.match(expired.findings[1]!.message, /expired on 2026-05-31; the findings it waived are reported again/);
    assert.deepEqual(expired.waived, []);
    const notADate = await lint(yaml('soon'));
    assert.match(notADate.findings[1]!.message, /expires "soon" is not a date/);
  });
});
