import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';
import { openapi } from '../../openapi-document.js';

const rule = 'path-no-verbs';
const header = openapi(`paths:
`);
const ok = "{ responses: { '200': { description: ok } } }";

describe(rule, () => {
  it('passes nouns (including words that merely contain a verb)', async () => {
    const yaml = `${header}  /courses/{id}/settings:
    get: ${ok}
  /gadgets:
    get: ${ok}
`;
    assert.deepEqual(await lintWith(rule, yaml), []);
  });

  it('reports action verbs in any literal segment', async () => {
    const yaml = `${header}  /get-courses:
    get: ${ok}
  /courses/{id}/update:
    post: ${ok}
  /courses/search:
    get: ${ok}
`;
    const findings = await lintWith(rule, yaml);
    assert.deepEqual(summary(findings), [
      [rule, 'warning', 4],
      [rule, 'warning', 6],
      [rule, 'warning', 8],
    ]);
  });
});
