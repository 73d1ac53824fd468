import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';

const rule = 'no-script-tags-in-markdown';
const yaml = (text: string) => `openapi: 3.1.0
info: { title: T, version: 1.0.0, description: ${JSON.stringify(text)} }
paths:
  /courses:
    get:
      responses: { '200': { description: ok, content: { application/json: { example: { description: '<script>' } } } } }
`;

describe(rule, () => {
  it('passes plain Markdown, and a script in example data', async () => {
    assert.deepEqual(await lintWith(rule, yaml('Courses, *with* `code`')), []);
  });

  it('reports a script tag in a description', async () => {
    const findings = await lintWith(rule, yaml('Hello <SCRIPT src="x.js"></SCRIPT>'));
    assert.deepEqual(summary(findings), [[rule, 'warning', 2]]);
    assert.equal(findings[0]!.pointer, '/info/description');
  });
});
