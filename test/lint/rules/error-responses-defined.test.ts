import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';
import { openapi } from '../../openapi-document.js';

const rule = 'error-responses-defined';

describe(rule, () => {
  it('passes operations that declare the errors they can return', async () => {
    const yaml = openapi(`security: [{ key: [] }]
paths:
  /courses/{id}:
    put:
      requestBody: { content: { application/json: { schema: { type: object } } } }
      responses:
        '204': { description: ok }
        '400': { description: bad }
        '401': { description: who }
        '403': { description: no }
        '404': { description: none }
        '5XX': { description: broken }
  /health:
    get:
      security: []
      responses:
        '200': { description: ok }
        default: { description: broken }
components:
  securitySchemes:
    key: { type: apiKey, in: header, name: Ocp-Apim-Subscription-Key }
`);
    assert.deepEqual(await lintWith(rule, yaml), []);
  });

  it('reports every missing error response in one finding, at the responses', async () => {
    const yaml = openapi(`security: [{ key: [] }]
paths:
  /courses/{id}:
    get:
      parameters: [{ name: fields, in: query, schema: { type: string } }]
      responses:
        '200': { description: ok }
components:
  securitySchemes:
    key: { type: apiKey, in: header, name: Ocp-Apim-Subscription-Key }
`);
    const findings = await lintWith(rule, yaml);
    assert.deepEqual(summary(findings), [[rule, 'error', 8]]);
    assert.equal(
      findings[0]!.message,
      'GET /courses/{id} lacks error responses: 400 (it takes input), 404 (the path names a resource), 401 (it is secured), 403 (it is secured), 5xx or default',
    );
  });
});
