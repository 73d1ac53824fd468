import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';
import { openapi } from '../../openapi-document.js';

const rule = 'operation-tag-defined';
const yaml = (tags: string) =>
  openapi(`tags: [{ name: Courses }]
paths:
  /courses:
    get: { tags: ${tags}, responses: { '200': { description: ok } } }
`);

describe(rule, () => {
  it('passes declared tags', async () => {
    assert.deepEqual(await lintWith(rule, yaml('[Courses]')), []);
  });

  it('reports each undeclared tag at the tag', async () => {
    const findings = await lintWith(rule, yaml('[Courses, Providers]'));
    assert.deepEqual(summary(findings), [[rule, 'warning', 6]]);
    assert.equal(findings[0]!.pointer, '/paths/~1courses/get/tags/1');
  });
});
