import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadBlueprint } from '../../../src/blueprint/load.js';
import { lintWithWaivers } from '../../../src/lint/index.js';
import type { WaiverPolicy } from '../../../src/playbook/index.js';
import { playbookWithOnly, summary, writeTemp } from '../helpers.js';
import { openapi } from '../../openapi-document.js';

const rule = 'ignore-not-allowed';
const yaml = openapi(`paths:
  /Courses:
    x-lint-ignore: [{ rule: path-kebab-case, reason: kept for existing clients }]
    get: { responses: { '200': { description: ok } } }
`);

async function lint(waivers: Partial<WaiverPolicy>) {
  const base = await playbookWithOnly(rule, { rules: { 'path-kebab-case': 'error', 'ignore-without-reason': 'warn' } });
  return lintWithWaivers(await loadBlueprint(await writeTemp('policy.yaml', yaml)), { ...base, waivers: { ...base.waivers, ...waivers } });
}

describe(rule, () => {
  it('passes waivers the policy allows', async () => {
    assert.deepEqual((await lint({})).findings, []);
  });

  it('reports, and does not honour, a blueprint waiver of a rule the playbook keeps to itself', async () => {
    const result = await lint({ forbidInBlueprint: ['path-kebab-case'] });
    assert.deepEqual(summary(result.findings), [
      ['path-kebab-case', 'error', 4],
      [rule, 'error', 5],
    ]);
    assert.match(result.findings[1]!.message, /does not let blueprints waive path-kebab-case/);
  });

  it('reports, and does not honour, a waiver without the expiry date the playbook requires', async () => {
    const result = await lint({ requireExpiry: true });
    assert.deepEqual(summary(result.findings), [
      ['path-kebab-case', 'error', 4],
      [rule, 'error', 5],
    ]);
    assert.match(result.findings[1]!.message, /gives no expiry date, which the playbook requires/);
  });
});
