/**
 * The security schemes of `components` (security-schemes.ts), compared once
 * by name: added, removed, type and location changed, OAuth flows, URLs and scopes.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bothWays, diffTexts, expectChange, lineOf } from './helpers.js';

const document = (schemes: string, security = '  - oauth: [read]\n') => `openapi: 3.0.3
info: { title: T, version: '1' }
security:
${security}paths: {}
components:
  securitySchemes:
${schemes}`;
const oauth = (scopes: string, tokenUrl = 'https://auth.example.com/token') => `    oauth:
      type: oauth2
      flows:
        clientCredentials:
          tokenUrl: ${tokenUrl}
          scopes: ${scopes}
`;
const key = '    key: { type: apiKey, in: header, name: Api-Key }\n';

test('a scheme added is info; removed is info, or breaking while a requirement still names it', async () => {
  assert.deepEqual(await bothWays(document(oauth('{ read: r }')), document(oauth('{ read: r }') + key)), {
    forward: ['api-security-component-added info'],
    backward: ['api-security-component-removed info'],
  });
  const before = document(oauth('{ read: r }') + key, '  - key: []\n');
  expectChange(await diffTexts(before, document(oauth('{ read: r }'), '  - key: []\n')), {
    id: 'api-security-component-removed',
    severity: 'breaking',
    oldLine: lineOf(before, 'key: {'),
    message: /security scheme `key`: the security scheme was removed while security requirements still name it/,
  });
});

test('a scheme of another type is breaking; another header name breaking, unless only its case differs', async () => {
  assert.deepEqual((await bothWays(document(key, '  - key: []\n'), document('    key: { type: http, scheme: bearer }\n', '  - key: []\n'))).forward, [
    'api-security-component-type-changed breaking',
  ]);
  assert.deepEqual((await bothWays(document(key, '  - key: []\n'), document(key.replace('Api-Key', 'X-Key'), '  - key: []\n'))).forward, [
    'security-scheme-changed breaking',
  ]);
  assert.deepEqual((await bothWays(document(key, '  - key: []\n'), document(key.replace('Api-Key', 'api-key'), '  - key: []\n'))).forward, []);
});

test('OAuth scopes: one added is info; one removed a warning, breaking while a requirement asks for it; a token URL changed a warning', async () => {
  assert.deepEqual(await bothWays(document(oauth('{ read: r }')), document(oauth('{ read: r, write: w }'))), {
    forward: ['api-security-component-oauth-scope-added info'],
    backward: ['api-security-component-oauth-scope-removed warning'],
  });
  assert.deepEqual((await bothWays(document(oauth('{ read: r, write: w }')), document(oauth('{ write: w }')))).forward, [
    'api-security-component-oauth-scope-removed breaking',
  ]);
  assert.deepEqual((await bothWays(document(oauth('{ read: r }')), document(oauth('{ read: reading }')))).forward, [
    'api-security-component-oauth-scope-changed info',
  ]);
  assert.deepEqual((await bothWays(document(oauth('{ read: r }')), document(oauth('{ read: r }', 'https://login.example.com/token')))).forward, [
    'api-security-component-oauth-token-url-changed warning',
  ]);
});

test('an OAuth flow removed is breaking; added is info', async () => {
  const twoFlows = `${oauth('{ read: r }')}        authorizationCode:\n          authorizationUrl: https://auth.example.com/authorize\n          tokenUrl: https://auth.example.com/token\n          scopes: { read: r }\n`;
  assert.deepEqual(await bothWays(document(twoFlows), document(oauth('{ read: r }'))), {
    forward: ['security-scheme-changed breaking'],
    backward: ['api-security-component-flow-added info'],
  });
});
