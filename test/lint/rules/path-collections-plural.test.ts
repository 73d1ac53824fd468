import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';
import { openapi } from '../../openapi-document.js';

const rule = 'path-collections-plural';
const header = openapi(`paths:
`);
const ok = "{ responses: { '200': { description: ok } } }";

describe(rule, () => {
  it('passes plural collections and known plurals', async () => {
    const yaml = `${header}  /courses/{id}:
    get: ${ok}
  /people/{id}/addresses/{addressId}:
    get: ${ok}
  /v1/data/{key}:
    get: ${ok}
`;
    assert.deepEqual(await lintWith(rule, yaml), []);
  });

  it('reports singular segments followed by an id, at info severity', async () => {
    const yaml = `${header}  /course/{id}:
    get: ${ok}
  /courses/{id}/address/{addressId}:
    get: ${ok}
  /status/{id}:
    get: ${ok}
`;
    const findings = await lintWith(rule, yaml);
    assert.deepEqual(summary(findings), [
      [rule, 'info', 4],
      [rule, 'info', 6],
      [rule, 'info', 8],
    ]);
  });
});
