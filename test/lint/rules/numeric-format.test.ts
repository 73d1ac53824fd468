import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';
import { openapi } from '../../openapi-document.js';

const rule = 'numeric-format';

describe(rule, () => {
  it('passes numbers with formats', async () => {
    const yaml = openapi(`paths:
  /courses:
    get:
      parameters:
        - { name: page, in: query, schema: { type: integer, format: int32 } }
      responses: { '200': { description: ok } }
components:
  schemas:
    Price: { type: number, format: decimal }
    Count: { type: [integer, 'null'], format: int64 }
`);
    assert.deepEqual(await lintWith(rule, yaml), []);
  });

  it('reports integers and numbers without a format, wherever they are', async () => {
    const yaml = openapi(`paths:
  /courses:
    get:
      parameters:
        - { name: page, in: query, schema: { type: integer } }
      responses: { '200': { description: ok } }
components:
  schemas:
    Price: { type: number }
    Course:
      type: object
      properties:
        Places: { type: [integer, 'null'] }
`);
    assert.deepEqual(summary(await lintWith(rule, yaml)), [
      [rule, 'warning', 7],
      [rule, 'warning', 11],
      [rule, 'warning', 15],
    ]);
  });
});
