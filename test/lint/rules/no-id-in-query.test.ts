import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';
import { openapi } from '../../openapi-document.js';

const rule = 'no-id-in-query';
const header = openapi(`paths:
`);

describe(rule, () => {
  it('passes filters and ids in the path', async () => {
    const yaml = `${header}  /courses/{id}:
    get:
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
      responses: { '200': { description: ok } }
  /orders:
    get:
      parameters:
        - { name: customerId, in: query, schema: { type: string } }
        - { name: ids, in: query, schema: { type: array, items: { type: string } } }
      responses: { '200': { description: ok } }
`;
    assert.deepEqual(await lintWith(rule, yaml), []);
  });

  it('reports ?id= inline and in a component, once per component', async () => {
    const yaml = `${header}  /courses:
    get:
      parameters:
        - { name: id, in: query, schema: { type: string } }
        - $ref: '#/components/parameters/Id'
      responses: { '200': { description: ok } }
  /levels:
    get:
      parameters: [{ $ref: '#/components/parameters/Id' }]
      responses: { '200': { description: ok } }
components:
  parameters:
    Id: { name: ID, in: query, schema: { type: string } }
`;
    const findings = await lintWith(rule, yaml);
    assert.deepEqual(summary(findings), [
      [rule, 'error', 7],
      [rule, 'error', 16],
    ]);
    assert.deepEqual(
      findings[1]!.usedAt?.map((place) => place.line),
      [8, 12],
    );
  });
});
