import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';

const rule = 'security-internal-oauth2-cc';

const document = (audience: string, security: string, scheme: string): string => `openapi: 3.1.0
info: { title: T, version: 1.0.0, x-audience: ${audience} }
paths:
  /courses:
    get:
      security: ${security}
      responses: { '200': { description: ok } }
components:
  securitySchemes:
    aad: ${scheme}
`;
const clientCredentials = "{ type: oauth2, flows: { clientCredentials: { tokenUrl: 'https://login.example.com/token', scopes: { courses.read: Read } } } }";

describe(rule, () => {
  it('passes an internal API that requires client credentials with a scope', async () => {
    assert.deepEqual(await lintWith(rule, document('internal', '[{ aad: [courses.read] }]', clientCredentials)), []);
  });

  it('does not apply to APIs not marked internal', async () => {
    assert.deepEqual(await lintWith(rule, document('external', '[{ aad: [] }]', '{ type: http, scheme: bearer }')), []);
  });

  it('reports an internal API without a client-credentials scheme', async () => {
    assert.deepEqual(summary(await lintWith(rule, document('internal', '[{ aad: [] }]', '{ type: http, scheme: bearer }'))), [[rule, 'warning', 9]]);
  });

  it('reports operations that require no scope', async () => {
    assert.deepEqual(summary(await lintWith(rule, document('internal', '[{ aad: [] }]', clientCredentials))), [[rule, 'warning', 5]]);
  });
});
