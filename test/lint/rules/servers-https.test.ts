import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';
import { openapi } from '../../openapi-document.js';

const rule = 'servers-https';

describe(rule, () => {
  it('passes https, localhost, relative URLs and https-only variables', async () => {
    const yaml = openapi(`servers:
  - url: https://api.example.com/v1
  - url: http://localhost:3000
  - url: http://127.0.0.1:8080
  - url: /v1
  - url: '{scheme}://api.example.com'
    variables: { scheme: { default: https, enum: [https] } }
paths: {}
`);
    assert.deepEqual(await lintWith(rule, yaml), []);
  });

  it('reports http servers at every level, and http among the values of a variable', async () => {
    const yaml = openapi(`servers:
  - url: http://api.example.com
  - url: '{scheme}://api.example.com'
    variables: { scheme: { default: https, enum: [https, http] } }
paths:
  /courses:
    servers:
      - url: http://legacy.example.com
    get:
      servers: [{ url: 'http://old.example.com' }]
      responses: { '200': { description: ok } }
`);
    assert.deepEqual(summary(await lintWith(rule, yaml)), [
      [rule, 'error', 4],
      [rule, 'error', 5],
      [rule, 'error', 10],
      [rule, 'error', 12],
    ]);
  });
});
