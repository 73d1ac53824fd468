import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';

const rule = 'no-ref-siblings';
const yaml = (version: string) => `openapi: ${version}
info: { title: T, version: 1.0.0 }
paths:
  /courses:
    get:
      responses:
        '200':
          $ref: '#/components/responses/Courses'
          description: the courses
          headers: { X-Total: { schema: { type: integer } } }
components:
  responses:
    Courses:
      description: ok
      content:
        application/json:
          schema:
            $ref: '#/components/schemas/Course'
            description: one course
  schemas:
    Course: { type: object }
`;

describe(rule, () => {
  it('in 3.0, reports every key beside a $ref, schemas included', async () => {
    const findings = await lintWith(rule, yaml('3.0.3'));
    assert.deepEqual(summary(findings), [
      [rule, 'warning', 9],
      [rule, 'warning', 19],
    ]);
    assert.match(findings[0]!.message, /description, headers beside \$ref are ignored in OpenAPI 3.0/);
  });

  it('in 3.1, allows summary and description on references and anything beside a schema $ref', async () => {
    const findings = await lintWith(rule, yaml('3.1.0'));
    assert.deepEqual(summary(findings), [[rule, 'warning', 10]]);
    assert.equal(findings[0]!.message, 'headers beside $ref is ignored');
  });
});
