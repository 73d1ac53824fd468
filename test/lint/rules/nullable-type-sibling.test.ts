import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';

const rule = 'nullable-type-sibling';
const yaml = (schema: string, version = '3.0.3') =>
  `openapi: ${version}\ninfo: { title: T, version: 1.0.0 }\npaths: {}\ncomponents:\n  schemas:\n    Note: ${schema}\n`;

describe(rule, () => {
  it('passes nullable beside a type in 3.0', async () => {
    assert.deepEqual(await lintWith(rule, yaml('{ type: string, nullable: true }')), []);
  });

  it('reports nullable without a type in 3.0, and nullable at all in 3.1', async () => {
    assert.deepEqual(summary(await lintWith(rule, yaml('{ nullable: true, allOf: [{ type: string }] }'))), [[rule, 'warning', 6]]);
    const findings = await lintWith(rule, yaml('{ type: string, nullable: true }', '3.1.0'));
    assert.match(findings[0]!.message, /not part of OpenAPI 3.1/);
  });
});
