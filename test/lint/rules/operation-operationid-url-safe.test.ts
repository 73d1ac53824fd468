import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';

const rule = 'operation-operationid-url-safe';
const yaml = (id: string) =>
  `openapi: 3.1.0\ninfo: { title: T, version: 1.0.0 }\npaths:\n  /courses:\n    get: { operationId: ${JSON.stringify(id)}, responses: { '200': { description: ok } } }\n`;

describe(rule, () => {
  it('passes camelCase and dotted ids', async () => {
    assert.deepEqual(await lintWith(rule, yaml('courses.list_v2-beta')), []);
  });

  it('reports spaces and other unsafe characters', async () => {
    const findings = await lintWith(rule, yaml('list courses'));
    assert.deepEqual(summary(findings), [[rule, 'warning', 5]]);
    assert.match(findings[0]!.message, /"list courses" holds characters that are not URL-safe/);
  });
});
