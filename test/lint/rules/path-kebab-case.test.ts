import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';
import { openapi } from '../../openapi-document.js';

const rule = 'path-kebab-case';
const header = openapi(`paths:
`);
const ok = "{ responses: { '200': { description: ok } } }";

describe(rule, () => {
  it('passes kebab-case literals, versions and parameters', async () => {
    const yaml = `${header}  /v1/training-courses/{courseId}:
    get: ${ok}
  /v2/course-levels:
    get: ${ok}
`;
    assert.deepEqual(await lintWith(rule, yaml), []);
  });

  it('reports camelCase, underscores, capitals and file extensions, at the path', async () => {
    const yaml = `${header}  /trainingCourses:
    get: ${ok}
  /training_courses/{id}:
    get: ${ok}
  /Courses/{id}.json:
    get: ${ok}
`;
    const findings = await lintWith(rule, yaml);
    assert.deepEqual(summary(findings), [
      [rule, 'error', 4],
      [rule, 'error', 6],
      [rule, 'error', 8],
    ]);
    assert.match(findings[2]!.message, /Courses, .json/);
  });
});
