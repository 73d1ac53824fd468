import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';
import { openapi } from '../../openapi-document.js';

const rule = 'examples-valid';

describe(rule, () => {
  it('passes examples that fit their schemas (3.0 nullable and exclusiveMinimum included)', async () => {
    const yaml = openapi(
      `paths:
  /courses/{id}:
    get:
      parameters:
        - { name: id, in: path, required: true, schema: { type: integer, minimum: 0, exclusiveMinimum: true }, example: 4 }
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Course' }
              examples:
                one: { value: { Title: Maths, Level: null } }
components:
  schemas:
    Course:
      type: object
      required: [Title]
      properties:
        Title: { type: string }
        Level: { type: integer, nullable: true }
      example: { Title: English, Level: 3 }
`,
      { openapi: '3.0.3' },
    );
    assert.deepEqual(await lintWith(rule, yaml), []);
  });

  it('reports examples that do not fit, at the example', async () => {
    const yaml = openapi(`paths:
  /courses:
    get:
      parameters:
        - { name: page, in: query, schema: { type: integer, minimum: 1 }, example: 0 }
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Course' }
              example: { Level: 2 }
components:
  schemas:
    Course:
      type: object
      required: [Title]
      properties:
        Title: { type: string }
      examples:
        - { Title: 5 }
`);
    const findings = await lintWith(rule, yaml);
    assert.deepEqual(summary(findings), [
      [rule, 'warning', 7],
      [rule, 'warning', 14],
      [rule, 'warning', 23],
    ]);
    assert.match(findings[1]!.message, /Title/);
  });
});
