import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';
import { openapi } from '../../openapi-document.js';

const rule = 'no-system-keys';
const header = openapi(`paths:
`);

describe(rule, () => {
  it('passes domain names', async () => {
    const yaml = `${header}  /courses:
    get:
      parameters:
        - { name: courseCode, in: query, schema: { type: string } }
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { type: object, properties: { Backpack: { type: string }, Title: { type: string } } }
`;
    assert.deepEqual(await lintWith(rule, yaml), []);
  });

  it('reports database-flavoured property and parameter names', async () => {
    const yaml = `${header}  /courses:
    get:
      parameters:
        - { name: course_fk, in: query, schema: { type: string } }
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  CoursePk: { type: integer }
                  RowId: { type: integer }
                  tblCourseName: { type: string }
`;
    const findings = await lintWith(rule, yaml);
    assert.deepEqual(summary(findings), [
      [rule, 'warning', 7],
      [rule, 'warning', 16],
      [rule, 'warning', 17],
      [rule, 'warning', 18],
    ]);
  });
});
