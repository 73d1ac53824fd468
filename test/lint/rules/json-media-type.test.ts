import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';
import { openapi } from '../../openapi-document.js';

const rule = 'json-media-type';

describe(rule, () => {
  it('passes JSON, problem+json, binary downloads and multipart uploads', async () => {
    const yaml = openapi(`paths:
  /courses:
    post:
      requestBody:
        content:
          application/json: { schema: { type: object } }
          application/xml: { schema: { type: object } }
      responses:
        '400': { description: bad, content: { application/problem+json: { schema: { type: object } } } }
  /courses/{id}/brochure:
    get:
      responses:
        '200': { description: ok, content: { application/pdf: {} } }
        '204': { description: none }
  /courses/{id}/photo:
    put:
      requestBody:
        content:
          multipart/form-data:
            schema: { type: object, properties: { File: { type: string, format: binary } } }
          text/csv: { schema: { type: string, format: binary } }
      responses: { '204': { description: ok } }
`);
    assert.deepEqual(await lintWith(rule, yaml), []);
  });

  it('reports request and response content without JSON, at the content', async () => {
    const yaml = openapi(`paths:
  /courses:
    post:
      requestBody:
        content:
          application/xml: { schema: { type: object } }
      responses:
        '200':
          description: ok
          content:
            text/plain: { schema: { type: string } }
            text/html: { schema: { type: string } }
`);
    const findings = await lintWith(rule, yaml);
    assert.deepEqual(summary(findings), [
      [rule, 'warning', 7],
      [rule, 'warning', 12],
    ]);
    assert.match(findings[1]!.message, /text\/plain, text\/html but no JSON/);
  });
});
