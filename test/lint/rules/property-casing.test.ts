import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';
import { openapi } from '../../openapi-document.js';

const rule = 'property-casing';

const problemAndGeo = openapi(`paths: {}
components:
  schemas:
    Problem:
      type: object
      properties:
        type: { type: string }
        title: { type: string }
        status: { type: integer }
        errors:
          type: array
          items: { type: object, properties: { pointer: { type: string }, detail: { type: string } } }
    Point:
      type: object
      properties: { type: { type: string }, coordinates: { type: array, items: { type: number } } }
`);

describe(rule, () => {
  it('passes PascalCase by default, and problem details and GeoJSON in their own casing', async () => {
    const yaml = `${problemAndGeo}    Course:
      type: object
      properties:
        CourseId: { type: integer }
        Title: { type: string }
        Links: { type: array, items: { type: object, properties: { Rel: { type: string } } } }
`;
    assert.deepEqual(await lintWith(rule, yaml), []);
  });

  it('reports one finding per object, at its properties, naming the offenders and the fix', async () => {
    const yaml = `${problemAndGeo}    Course:
      type: object
      properties:
        courseId: { type: integer }
        course_title: { type: string }
        Level:
          type: object
          properties: { levelName: { type: string } }
`;
    const findings = await lintWith(rule, yaml);
    assert.deepEqual(summary(findings), [
      [rule, 'error', 20],
      [rule, 'error', 25],
    ]);
    assert.equal(findings[0]!.message, 'properties not in pascal case: courseId (CourseId), course_title (CourseTitle)');
    assert.equal(findings[0]!.pointer, '/components/schemas/Course/properties');
  });

  it('reads the casing from the profile', async () => {
    const yaml = openapi(`paths: {}
components:
  schemas:
    Course:
      type: object
      properties: { course_id: { type: integer }, CourseTitle: { type: string }, links: { type: array } }
`);
    const base = { propertyCasing: 'snake' as const, paging: 'page' as const, errorShape: 'problem' as const, versioning: 'path' as const };
    const findings = await lintWith(rule, yaml, { profile: base });
    assert.deepEqual(summary(findings), [[rule, 'error', 8]]);
    assert.equal(findings[0]!.message, 'property not in snake case: CourseTitle (course_title)');
    assert.deepEqual(await lintWith(rule, yaml.replace('CourseTitle', 'course_title'), { profile: base }), []);
  });
});
