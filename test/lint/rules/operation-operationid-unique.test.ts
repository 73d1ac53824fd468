import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';

const rule = 'operation-operationid-unique';
const header = 'openapi: 3.1.0\ninfo: { title: T, version: 1.0.0 }\npaths:\n';

describe(rule, () => {
  it('passes distinct operationIds', async () => {
    const yaml = `${header}  /courses:\n    get: { operationId: listCourses, responses: { '200': { description: ok } } }\n    post: { operationId: createCourse, responses: { '201': { description: ok } } }\n`;
    assert.deepEqual(await lintWith(rule, yaml), []);
  });

  it('reports a repeated operationId as an error, in the words new uses', async () => {
    const yaml = `${header}  /courses:\n    get: { operationId: listCourses, responses: { '200': { description: ok } } }\n  /providers:\n    get: { operationId: listCourses, responses: { '200': { description: ok } } }\n`;
    const findings = await lintWith(rule, yaml);
    assert.deepEqual(summary(findings), [[rule, 'error', 7]]);
    assert.equal(findings[0]!.message, 'operationId "listCourses" is also used at #/paths/~1courses/get');
    assert.equal(findings[0]!.pointer, '/paths/~1providers/get/operationId');
  });
});
