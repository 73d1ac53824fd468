import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';

const rule = 'path-params';
const header = 'openapi: 3.1.0\ninfo: { title: T, version: 1.0.0 }\npaths:\n';
const ok = "responses: { '200': { description: ok } }";

describe(rule, () => {
  it('passes path parameters declared on the path item or the operation', async () => {
    const yaml = `${header}  /courses/{id}/levels/{level}:
    parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
    get:
      parameters: [{ name: level, in: path, required: true, schema: { type: string } }]
      ${ok}
`;
    assert.deepEqual(await lintWith(rule, yaml), []);
  });

  it('reports a template name without a parameter, a parameter not in the template, and a name used twice', async () => {
    const yaml = `${header}  /courses/{id}:
    get:
      parameters: [{ name: courseId, in: path, required: true, schema: { type: string } }]
      ${ok}
  /a/{x}/b/{x}:
    get:
      parameters: [{ name: x, in: path, required: true, schema: { type: string } }]
      ${ok}
`;
    const findings = await lintWith(rule, yaml);
    assert.deepEqual(summary(findings), [
      [rule, 'error', 5],
      [rule, 'error', 6],
      [rule, 'error', 8],
    ]);
    assert.deepEqual(
      findings.map((f) => f.message),
      [
        'GET /courses/{id} does not declare the path parameter {id}',
        'path parameter courseId is not in the path /courses/{id}',
        'path /a/{x}/b/{x} names {x} twice',
      ],
    );
  });
});
