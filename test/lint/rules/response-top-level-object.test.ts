import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';
import { openapi } from '../../openapi-document.js';

const rule = 'response-top-level-object';

describe(rule, () => {
  it('passes object responses, and arrays in error or non-JSON responses', async () => {
    const yaml = openapi(`paths:
  /courses:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { type: object, properties: { Courses: { type: array, items: { type: object } } } }
            text/csv: { schema: { type: array, items: { type: string } } }
        '400':
          description: bad
          content: { application/json: { schema: { type: array, items: { type: string } } } }
`);
    assert.deepEqual(await lintWith(rule, yaml), []);
  });

  it('reports top-level arrays, inline or through a $ref, at the use', async () => {
    const yaml = openapi(`paths:
  /courses:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { type: array, items: { type: object } }
  /levels:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Levels' }
components:
  schemas:
    Levels: { type: array, items: { type: string } }
`);
    assert.deepEqual(summary(await lintWith(rule, yaml)), [
      [rule, 'error', 11],
      [rule, 'error', 19],
    ]);
  });
});
