import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';

const rule = 'duplicated-entry-in-enum';
const yaml = (values: string) =>
  `openapi: 3.1.0\ninfo: { title: T, version: 1.0.0 }\npaths: {}\ncomponents:\n  schemas:\n    Level:\n      type: string\n      enum: ${values}\n`;

describe(rule, () => {
  it('passes distinct values', async () => {
    assert.deepEqual(await lintWith(rule, yaml('[a, b]')), []);
  });

  it('reports the repeat', async () => {
    const findings = await lintWith(rule, yaml('[a, b, a]'));
    assert.deepEqual(summary(findings), [[rule, 'warning', 8]]);
    assert.equal(findings[0]!.pointer, '/components/schemas/Level/enum/2');
  });
});
