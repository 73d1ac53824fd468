import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';
import { openapi } from '../../openapi-document.js';

const rule = 'one-uri-per-resource';
const header = openapi(`paths:
`);
const ok = "{ responses: { '200': { description: ok } } }";

describe(rule, () => {
  it('passes one template per resource', async () => {
    const yaml = `${header}  /courses:
    get: ${ok}
  /courses/{id}:
    get: ${ok}
    put: ${ok}
  /courses/{id}/levels:
    get: ${ok}
`;
    assert.deepEqual(await lintWith(rule, yaml), []);
  });

  it('reports the same resource under another parameter name or with an action segment', async () => {
    const yaml = `${header}  /courses/{id}:
    get: ${ok}
  /courses/{courseId}:
    put: ${ok}
  /courses/{id}/update:
    post: ${ok}
`;
    const findings = await lintWith(rule, yaml);
    assert.deepEqual(summary(findings), [
      [rule, 'warning', 6],
      [rule, 'warning', 8],
    ]);
    assert.match(findings[0]!.message, /same resource as \/courses\/\{id\}/);
  });
});
