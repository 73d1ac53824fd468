import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';
import { openapi } from '../../openapi-document.js';

const rule = 'oas3-schema';
const blueprint = (version: string, body = '') => `openapi: ${version}
info: { title: T, version: 1.0.0 }
paths:
  /courses/{id}:
    get:
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  Name: { type: string }
${body}`;

describe(rule, () => {
  it('passes valid 3.0 and 3.1 documents', async () => {
    assert.deepEqual(await lintWith(rule, blueprint('3.0.3')), []);
    assert.deepEqual(await lintWith(rule, blueprint('3.1.0')), []);
  });

  for (const version of ['3.0.3', '3.1.0']) {
    it(`reports each mistake once, at its key, in words (${version})`, async () => {
      const yaml = blueprint(version)
        .replace('Name: { type: string }', 'Name: { type: strin }')
        .replace('required: true', 'required: false')
        .replace('          description: ok\n', '')
        .replace('    get:\n', '    get:\n      summry: typo\n');
      const findings = await lintWith(rule, yaml);
      assert.deepEqual(
        findings.map((f) => [f.line, f.pointer, f.message]),
        [
          [6, '/paths/~1courses~1{id}/get/summry', '`summry` is not a field of an Operation Object (extensions start with x-)'],
          [8, '/paths/~1courses~1{id}/get/parameters/0/required', '`required` must be true, not false'],
          [10, '/paths/~1courses~1{id}/get/responses/200', 'a Response Object needs `description`'],
          [
            16,
            '/paths/~1courses~1{id}/get/responses/200/content/application~1json/schema/properties/Name/type',
            `\`type\` must be one of "array", "boolean", "integer", ${version === '3.1.0' ? '"null", ' : ''}"number", "object", "string", not "strin" (did you mean "string"?)`,
          ],
        ],
      );
      assert.ok(findings.every((f) => f.severity === 'error'));
    });
  }

  it('reports a parameter without `in`, a path without a leading slash and an invalid component name', async () => {
    const yaml = openapi(
      `paths:
  courses:
    get:
      parameters: [{ name: page, schema: { type: integer } }]
      responses: { '200': { description: ok } }
components:
  schemas:
    'Course Summary': { type: object }
`,
      { openapi: '3.0.3' },
    );
    assert.deepEqual(
      (await lintWith(rule, yaml)).map((f) => [f.line, f.message]),
      [
        [4, 'path `courses` does not start with /'],
        [10, 'component name "Course Summary" may hold only letters, digits, ".", "-" and "_"'],
      ],
    );
    const parameter = yaml.replace('  courses:', '  /courses:');
    assert.deepEqual(summary(await lintWith(rule, parameter)).slice(0, 1), [[rule, 'error', 6]]);
    assert.match((await lintWith(rule, parameter))[0]!.message, /needs `in`/);
  });
});
