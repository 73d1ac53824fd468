import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';
import { openapi } from '../../openapi-document.js';

const rule = 'path-max-depth';
const header = openapi(`paths:
`);
const ok = "{ responses: { '200': { description: ok } } }";

describe(rule, () => {
  it('passes three resources deep, versions not counted', async () => {
    const yaml = `${header}  /v1/providers/{id}/courses/{courseId}/standards:
    get: ${ok}
  /v1/providers/{id}/courses/{courseId}/standards/{standardId}:
    get: ${ok}
`;
    assert.deepEqual(await lintWith(rule, yaml), []);
  });

  it('reports a fourth resource level', async () => {
    const yaml = `${header}  /providers/{id}/courses/{courseId}/standards/{standardId}/options:
    get: ${ok}
`;
    const findings = await lintWith(rule, yaml);
    assert.deepEqual(summary(findings), [[rule, 'warning', 4]]);
  });
});
