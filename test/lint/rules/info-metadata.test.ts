import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';

const rule = 'info-metadata';

describe(rule, () => {
  it('passes a complete info', async () => {
    const yaml = `openapi: 3.1.0
info:
  title: Courses
  description: Training courses
  version: 1.2.0
  contact: { name: Team, email: team@example.com }
  license: { name: MIT }
paths: {}
`;
    assert.deepEqual(await lintWith(rule, yaml), []);
  });

  it('reports each missing piece and a version that is not semver', async () => {
    const yaml = `openapi: 3.1.0
info:
  title: Courses
  version: v1
paths: {}
`;
    const findings = await lintWith(rule, yaml);
    assert.deepEqual(summary(findings), [
      [rule, 'warning', 2],
      [rule, 'warning', 2],
      [rule, 'warning', 2],
      [rule, 'warning', 4],
    ]);
    assert.deepEqual(findings.map((f) => f.message).sort(), [
      'info has no contact (name, email or url)',
      'info has no description',
      'info has no license with a name',
      'info.version "v1" is not a semantic version (major.minor.patch)',
    ]);
  });
});
