import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadBlueprint } from '../../../src/blueprint/load.js';
import { lintWithWaivers } from '../../../src/lint/index.js';
import { playbookWithOnly, summary, writeTemp } from '../helpers.js';
import { openapi } from '../../openapi-document.js';

const rule = 'ignore-unused';
const yaml = (path: string) =>
  openapi(`paths:
  ${path}:
    x-lint-ignore: [{ rule: path-kebab-case, reason: kept for existing clients }]
    get: { responses: { '200': { description: ok } } }
`);

async function lint(text: string) {
  const playbook = await playbookWithOnly(rule, { rules: { 'path-kebab-case': 'error' } });
  return lintWithWaivers(await loadBlueprint(await writeTemp('waived.yaml', text)), playbook);
}

describe(rule, () => {
  it('passes a waiver that waives a finding, which is kept apart with its reason', async () => {
    const result = await lint(yaml('/Courses'));
    assert.deepEqual(result.findings, []);
    assert.deepEqual(summary(result.waived), [['path-kebab-case', 'error', 4]]);
    assert.equal(result.waived[0]!.waiver?.reason, 'kept for existing clients');
    assert.equal(result.waived[0]!.waiver?.line, 5);
  });

  it('reports a waiver that matches no finding', async () => {
    const result = await lint(yaml('/courses'));
    assert.deepEqual(summary(result.findings), [[rule, 'warning', 5]]);
    assert.equal(result.findings[0]!.message, 'x-lint-ignore of path-kebab-case matches no finding here; remove it');
  });
});
