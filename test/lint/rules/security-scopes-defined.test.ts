import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';

const rule = 'security-scopes-defined';
const yaml = (scopes: string, version = '3.0.3') => `openapi: ${version}
info: { title: T, version: 1.0.0 }
paths:
  /courses:
    get:
      security: [{ oauth: ${scopes} }, { key: [] }]
      responses: { '200': { description: ok } }
components:
  securitySchemes:
    oauth:
      type: oauth2
      flows: { clientCredentials: { tokenUrl: https://login.example.gov.uk/token, scopes: { courses.read: read courses } } }
    key: { type: apiKey, in: header, name: X-Key }
`;

describe(rule, () => {
  it('passes scopes that a flow declares', async () => {
    assert.deepEqual(await lintWith(rule, yaml('[courses.read]')), []);
  });

  it('reports a scope no flow declares, at the scope', async () => {
    const findings = await lintWith(rule, yaml('[courses.read, courses.write]'));
    assert.deepEqual(summary(findings), [[rule, 'error', 6]]);
    assert.equal(findings[0]!.message, 'scope courses.write is not declared by scheme oauth');
    assert.equal(findings[0]!.pointer, '/paths/~1courses/get/security/0/oauth/1');
  });

  it('reports scopes on an API key in OpenAPI 3.0, and accepts them (roles) in 3.1', async () => {
    const withKeyScopes = (version: string) => yaml('[courses.read]', version).replace('{ key: [] }', '{ key: [admin] }');
    assert.match((await lintWith(rule, withKeyScopes('3.0.3')))[0]!.message, /scheme key takes no scopes, yet admin is asked for/);
    assert.deepEqual(await lintWith(rule, withKeyScopes('3.1.0')), []);
  });
});
