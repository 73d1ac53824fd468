import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';

const rule = 'array-items';
const yaml = (schema: string) => `openapi: 3.1.0\ninfo: { title: T, version: 1.0.0 }\npaths: {}\ncomponents:\n  schemas:\n    List: ${schema}\n`;

describe(rule, () => {
  it('passes arrays with items or prefixItems', async () => {
    assert.deepEqual(await lintWith(rule, yaml('{ type: array, items: { type: string } }')), []);
    assert.deepEqual(await lintWith(rule, yaml('{ type: array, prefixItems: [{ type: string }] }')), []);
  });

  it('reports an array without items, also in a type list', async () => {
    assert.deepEqual(summary(await lintWith(rule, yaml('{ type: array }'))), [[rule, 'error', 6]]);
    assert.deepEqual(summary(await lintWith(rule, yaml("{ type: [array, 'null'] }"))), [[rule, 'error', 6]]);
  });
});
