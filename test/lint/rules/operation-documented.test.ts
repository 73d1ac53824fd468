import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';
import { openapi } from '../../openapi-document.js';

const rule = 'operation-documented';

describe(rule, () => {
  it('passes documented operations', async () => {
    const yaml = openapi(`paths:
  /courses:
    get:
      operationId: listCourses
      summary: List courses
      tags: [Courses]
      parameters:
        - { name: page, in: query, description: Page number, schema: { type: integer } }
      responses: { '200': { description: ok } }
`);
    assert.deepEqual(await lintWith(rule, yaml), []);
  });

  it('reports a missing operationId, summary, tags and parameter description (duplicates are operation-operationid-unique)', async () => {
    const yaml = openapi(`paths:
  /courses:
    get:
      parameters:
        - { name: page, in: query, schema: { type: integer } }
      responses: { '200': { description: ok } }
    post:
      operationId: createCourse
      summary: Create
      tags: [Courses]
      responses: { '201': { description: ok } }
  /course-list:
    put:
      operationId: createCourse
      description: Again
      tags: [Courses]
      responses: { '200': { description: ok } }
`);
    const findings = await lintWith(rule, yaml);
    assert.deepEqual(summary(findings), [
      [rule, 'warning', 5],
      [rule, 'warning', 5],
      [rule, 'warning', 5],
      [rule, 'warning', 7],
    ]);
  });
});
