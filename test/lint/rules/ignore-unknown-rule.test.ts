import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';
import { openapi } from '../../openapi-document.js';

const rule = 'ignore-unknown-rule';
const yaml = (ignored: string) =>
  openapi(`paths:
  /Courses:
    x-lint-ignore: [{ rule: ${ignored}, reason: kept for existing clients }]
    get: { responses: { '200': { description: ok } } }
`);

describe(rule, () => {
  it('passes waivers of rules that exist', async () => {
    assert.deepEqual(await lintWith(rule, yaml('path-kebab-case')), []);
  });

  it('reports a waiver naming no rule, as an error at the entry', async () => {
    const findings = await lintWith(rule, yaml('path-kebabcase'));
    assert.deepEqual(summary(findings), [[rule, 'error', 5]]);
    assert.equal(findings[0]!.message, 'x-lint-ignore of path-kebabcase: no built-in or custom rule is named "path-kebabcase"');
  });
});
