import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';

const rule = 'no-empty-paths';

describe(rule, () => {
  it('passes a blueprint with an operation, or with webhooks only', async () => {
    assert.deepEqual(
      await lintWith(rule, "openapi: 3.1.0\ninfo: { title: T, version: 1.0.0 }\npaths:\n  /a:\n    get: { responses: { '200': { description: ok } } }\n"),
      [],
    );
    assert.deepEqual(
      await lintWith(
        rule,
        "openapi: 3.1.0\ninfo: { title: T, version: 1.0.0 }\nwebhooks:\n  newCourse:\n    post: { responses: { '200': { description: ok } } }\n",
      ),
      [],
    );
  });

  it('reports empty paths without webhooks, in the words new uses', async () => {
    const findings = await lintWith(rule, 'openapi: 3.1.0\ninfo: { title: T, version: 1.0.0 }\npaths: {}\n');
    assert.deepEqual(summary(findings), [[rule, 'error', 3]]);
    assert.equal(findings[0]!.message, 'the blueprint has no operations under paths or webhooks');
  });
});
