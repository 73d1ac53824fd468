import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';
import { openapi } from '../../openapi-document.js';

const rule = 'error-body-schema';

const document = (responses: string, paths = ''): string =>
  openapi(`paths:
  /courses:
    get:
      responses:
        '200': { description: ok }
${responses}
${paths}components:
  schemas:
    Problem:
      type: object
      properties: { type: { type: string }, title: { type: string }, status: { type: integer }, detail: { type: string } }
  responses:
    NotFound:
      description: none
      content: { text/plain: { schema: { type: string } } }
`);

describe(rule, () => {
  it('passes RFC 9457 problem details', async () => {
    const yaml = document(`        '400':
          description: bad
          content:
            application/problem+json: { schema: { $ref: '#/components/schemas/Problem' } }`);
    assert.deepEqual(await lintWith(rule, yaml), []);
  });

  it('reports an error without body, a shared error response in another type (once), and a non-problem schema', async () => {
    const yaml = document(
      `        '400': { description: bad }
        '404': { $ref: '#/components/responses/NotFound' }
        '500':
          description: broken
          content:
            application/problem+json: { schema: { type: object, properties: { Message: { type: string } } } }`,
      `  /levels:
    get:
      responses:
        '404': { $ref: '#/components/responses/NotFound' }
`,
    );
    const findings = await lintWith(rule, yaml);
    assert.deepEqual(summary(findings), [
      [rule, 'error', 8],
      [rule, 'error', 13],
      [rule, 'error', 26],
    ]);
    assert.deepEqual(
      findings[2]!.usedAt?.map((place) => place.line),
      [9, 17],
    );
  });

  it('checks the playbook error shape when the profile says so', async () => {
    const profile = { propertyCasing: 'pascal' as const, paging: 'page' as const, errorShape: 'playbook' as const, versioning: 'path' as const };
    const good = document(`        '400':
          description: bad
          content: { application/json: { schema: { type: object, properties: { Message: { type: string }, Errors: { type: array } } } } }`);
    assert.deepEqual(await lintWith(rule, good, { profile }), []);
    const bad = document(`        '400':
          description: bad
          content: { application/problem+json: { schema: { $ref: '#/components/schemas/Problem' } } }`);
    const findings = await lintWith(rule, bad, { profile });
    assert.deepEqual(summary(findings), [[rule, 'error', 13]]);
    assert.match(findings[0]!.message, /playbook error shape \(Message, Errors\)/);
  });
});
