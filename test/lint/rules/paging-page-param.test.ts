import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';
import { openapi } from '../../openapi-document.js';

const rule = 'paging-page-param';

const collection = (parameters: string): string =>
  openapi(`paths:
  /courses:
    get:
      parameters:
${parameters}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { type: object, properties: { Courses: { type: array, items: { type: object } } } }
  /courses/{id}:
    get:
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: object } } } }
`);

describe(rule, () => {
  it('passes an optional integer page with minimum 1 (and ignores single resources)', async () => {
    const yaml = collection('        - { name: page, in: query, schema: { type: integer, format: int32, minimum: 1 } }');
    assert.deepEqual(await lintWith(rule, yaml), []);
  });

  it('reports a collection GET without page, at the operation', async () => {
    const yaml = collection('        - { name: status, in: query, schema: { type: string } }');
    assert.deepEqual(summary(await lintWith(rule, yaml)), [[rule, 'warning', 5]]);
  });

  it('reports a required, mistyped or unbounded page, at the parameter', async () => {
    for (const parameter of [
      '        - { name: page, in: query, required: true, schema: { type: integer, minimum: 1 } }',
      '        - { name: page, in: query, schema: { type: string } }',
      '        - { name: page, in: query, schema: { type: integer, minimum: 0 } }',
    ]) {
      assert.deepEqual(summary(await lintWith(rule, collection(parameter))), [[rule, 'warning', 7]]);
    }
  });

  it('follows the paging profile', async () => {
    const profile = { propertyCasing: 'pascal' as const, paging: 'offset' as const, errorShape: 'problem' as const, versioning: 'path' as const };
    const offsetOnly = collection('        - { name: offset, in: query, schema: { type: integer, minimum: 0 } }');
    const findings = await lintWith(rule, offsetOnly, { profile });
    assert.deepEqual(summary(findings), [[rule, 'warning', 5]]);
    assert.match(findings[0]!.message, /`limit`/);
  });
});
