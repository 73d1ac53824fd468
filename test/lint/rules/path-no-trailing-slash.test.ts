import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';
import { openapi } from '../../openapi-document.js';

const rule = 'path-no-trailing-slash';
const header = openapi(`paths:
`);
const ok = "{ responses: { '200': { description: ok } } }";

describe(rule, () => {
  it('passes clean paths and the root', async () => {
    const yaml = `${header}  /:
    get: ${ok}
  /courses/{id}:
    get: ${ok}
`;
    assert.deepEqual(await lintWith(rule, yaml), []);
  });

  it('reports a trailing slash and an empty segment', async () => {
    const yaml = `${header}  /courses/:
    get: ${ok}
  /courses//levels:
    get: ${ok}
`;
    const findings = await lintWith(rule, yaml);
    assert.deepEqual(summary(findings), [
      [rule, 'error', 4],
      [rule, 'error', 6],
    ]);
  });
});
