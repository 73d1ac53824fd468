import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';

const rule = 'typed-enum';
const yaml = (schema: string, version = '3.0.3') =>
  `openapi: ${version}\ninfo: { title: T, version: 1.0.0 }\npaths: {}\ncomponents:\n  schemas:\n    Level: ${schema}\n`;

describe(rule, () => {
  it('passes values of the type, and null where the schema is nullable', async () => {
    assert.deepEqual(await lintWith(rule, yaml('{ type: integer, nullable: true, enum: [1, 2, null] }')), []);
    assert.deepEqual(await lintWith(rule, yaml("{ type: [string, 'null'], enum: [a, null] }", '3.1.0')), []);
  });

  it('reports each value of another type', async () => {
    const findings = await lintWith(rule, yaml("{ type: integer, enum: [1, '2', 2.5] }"));
    assert.deepEqual(summary(findings), [
      [rule, 'warning', 6],
      [rule, 'warning', 6],
    ]);
    assert.deepEqual(
      findings.map((f) => f.pointer),
      ['/components/schemas/Level/enum/1', '/components/schemas/Level/enum/2'],
    );
  });
});
