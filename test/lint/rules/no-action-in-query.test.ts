import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';
import { openapi } from '../../openapi-document.js';

const rule = 'no-action-in-query';
const header = openapi(`paths:
`);

describe(rule, () => {
  it('passes ordinary query parameters', async () => {
    const yaml = `${header}  /courses:
    get:
      parameters:
        - { name: status, in: query, schema: { type: string } }
        - { name: action, in: header, schema: { type: string } }
      responses: { '200': { description: ok } }
`;
    assert.deepEqual(await lintWith(rule, yaml), []);
  });

  it('reports action, op, cmd and method query parameters', async () => {
    const yaml = `${header}  /courses:
    post:
      parameters:
        - { name: action, in: query, schema: { type: string } }
        - { name: op, in: query, schema: { type: string } }
        - { name: Method, in: query, schema: { type: string } }
      responses: { '200': { description: ok } }
`;
    const findings = await lintWith(rule, yaml);
    assert.deepEqual(summary(findings), [
      [rule, 'warning', 7],
      [rule, 'warning', 8],
      [rule, 'warning', 9],
    ]);
  });
});
