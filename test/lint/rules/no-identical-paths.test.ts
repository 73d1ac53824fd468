import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';

const rule = 'no-identical-paths';
const header = 'openapi: 3.1.0\ninfo: { title: T, version: 1.0.0 }\npaths:\n';
const get = "    get: { responses: { '200': { description: ok } } }\n";

describe(rule, () => {
  it('passes paths that differ in a literal', async () => {
    assert.deepEqual(await lintWith(rule, `${header}  /courses/{id}:\n${get}  /providers/{id}:\n${get}`), []);
  });

  it('reports a path that differs from another only in parameter names, at the second', async () => {
    const findings = await lintWith(rule, `${header}  /courses/{id}:\n${get}  /courses/{courseId}:\n${get}`);
    assert.deepEqual(summary(findings), [[rule, 'error', 6]]);
    assert.equal(findings[0]!.message, 'path /courses/{courseId} is identical to /courses/{id} apart from parameter names');
    assert.equal(findings[0]!.pointer, '/paths/~1courses~1{courseId}');
  });
});
