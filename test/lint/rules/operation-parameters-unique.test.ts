import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';

const rule = 'operation-parameters-unique';
const header = 'openapi: 3.1.0\ninfo: { title: T, version: 1.0.0 }\npaths:\n';

describe(rule, () => {
  it('passes one name in two locations', async () => {
    const yaml = `${header}  /courses:
    get:
      parameters:
        - { name: page, in: query, schema: { type: integer } }
        - { name: page, in: header, schema: { type: integer } }
      responses: { '200': { description: ok } }
`;
    assert.deepEqual(await lintWith(rule, yaml), []);
  });

  it('reports a parameter listed twice, also through a $ref and in another letter case for headers', async () => {
    const yaml = `${header}  /courses:
    get:
      parameters:
        - { $ref: '#/components/parameters/Page' }
        - { name: page, in: query, schema: { type: integer } }
        - { name: X-Trace, in: header, schema: { type: string } }
        - { name: x-trace, in: header, schema: { type: string } }
      responses: { '200': { description: ok } }
components:
  parameters:
    Page: { name: page, in: query, schema: { type: integer } }
`;
    assert.deepEqual(summary(await lintWith(rule, yaml)), [
      [rule, 'error', 8],
      [rule, 'error', 10],
    ]);
  });
});
