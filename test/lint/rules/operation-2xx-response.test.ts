import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';

const rule = 'operation-2xx-response';
const yaml = (responses: string) => `openapi: 3.1.0\ninfo: { title: T, version: 1.0.0 }\npaths:\n  /courses:\n    get:\n      responses: ${responses}\n`;

describe(rule, () => {
  it('passes a 2xx status or a 2XX range', async () => {
    assert.deepEqual(await lintWith(rule, yaml("{ '204': { description: done } }")), []);
    assert.deepEqual(await lintWith(rule, yaml("{ '2XX': { description: done } }")), []);
  });

  it('reports an operation with only error responses', async () => {
    const findings = await lintWith(rule, yaml("{ '400': { description: bad }, default: { description: error } }"));
    assert.deepEqual(summary(findings), [[rule, 'warning', 6]]);
    assert.equal(findings[0]!.message, 'GET /courses declares no 2xx response');
  });
});
