import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';
import { openapi } from '../../openapi-document.js';

const rule = 'ignore-without-reason';

describe(rule, () => {
  it('passes ignores that give a reason', async () => {
    const yaml = openapi(`paths:
  /Courses:
    x-lint-ignore: [{ rule: path-kebab-case, reason: kept for existing clients }]
    get: { responses: { '200': { description: ok } } }
`);
    assert.deepEqual(await lintWith(rule, yaml), []);
  });

  it('reports blueprint ignores without a reason, at the entry', async () => {
    const yaml = openapi(`paths:
  /Courses:
    x-lint-ignore:
      - path-kebab-case
      - { rule: path-no-verbs }
    get: { responses: { '200': { description: ok } } }
`);
    assert.deepEqual(summary(await lintWith(rule, yaml)), [
      [rule, 'warning', 6],
      [rule, 'warning', 7],
    ]);
  });

  it('reports playbook ignores without a reason', async () => {
    const yaml = 'openapi: 3.1.0\ninfo: { title: T, version: 1.0.0 }\npaths: {}\n';
    const findings = await lintWith(rule, yaml, { ignore: [{ rule: 'path-kebab-case', pointer: '/paths', reason: null, expires: null }] });
    assert.deepEqual(
      findings.map((f) => [f.rule, f.severity, f.file]),
      [[rule, 'warning', '(built-in playbook)']],
    );
  });
});
