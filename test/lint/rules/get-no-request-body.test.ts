import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';
import { openapi } from '../../openapi-document.js';

const rule = 'get-no-request-body';
const header = openapi(`paths:
`);

describe(rule, () => {
  it('passes bodies on POST, PUT and PATCH', async () => {
    const yaml = `${header}  /courses:
    post:
      requestBody: { content: { application/json: { schema: { type: object } } } }
      responses: { '201': { description: ok } }
`;
    assert.deepEqual(await lintWith(rule, yaml), []);
  });

  it('reports bodies on GET, HEAD and DELETE, at the body', async () => {
    const yaml = `${header}  /courses/{id}:
    get:
      requestBody: { content: { application/json: { schema: { type: object } } } }
      responses: { '200': { description: ok } }
    delete:
      responses: { '204': { description: ok } }
      requestBody: { content: { application/json: { schema: { type: object } } } }
`;
    const findings = await lintWith(rule, yaml);
    assert.deepEqual(summary(findings), [
      [rule, 'error', 6],
      [rule, 'error', 10],
    ]);
  });
});
