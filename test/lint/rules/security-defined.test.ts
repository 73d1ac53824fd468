import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';
import { openapi } from '../../openapi-document.js';

const rule = 'security-defined';

describe(rule, () => {
  it('passes document-wide security, explicit public operations, and a wholly public API', async () => {
    const secured = openapi(`security: [{ key: [] }]
paths:
  /courses: { get: { responses: { '200': { description: ok } } } }
  /health: { get: { security: [], responses: { '200': { description: ok } } } }
components:
  securitySchemes:
    key: { type: apiKey, in: header, name: Ocp-Apim-Subscription-Key }
`);
    assert.deepEqual(await lintWith(rule, secured), []);
    const open = openapi(`security: []
paths:
  /courses: { get: { responses: { '200': { description: ok } } } }
`);
    assert.deepEqual(await lintWith(rule, open), []);
  });

  it('reports missing schemes, operations without security, and unknown scheme names', async () => {
    const yaml = openapi(`paths:
  /courses:
    get:
      responses: { '200': { description: ok } }
    post:
      security: [{ oauth: [write] }]
      responses: { '200': { description: ok } }
`);
    assert.deepEqual(summary(await lintWith(rule, yaml)), [
      [rule, 'error', 1],
      [rule, 'error', 5],
      [rule, 'error', 8],
    ]);
  });
});
