import assert from 'node:assert/strict';
import { test } from 'node:test';
import { api, diffTexts, expectChange, expectIds, lineOf } from './helpers.js';

const schemes = `securitySchemes:
  oauth:
    type: oauth2
    flows:
      clientCredentials:
        tokenUrl: https://auth.example.com/token
        scopes: { read: read, write: write, admin: admin }
  key:
    type: apiKey
    in: header
    name: Subscription-Key
`;

function secured(security: string, scheme = schemes): string {
  return api(
    `/pets:
  get:
${security}    responses:
      '200': { description: ok }
  post:
    responses:
      '201': { description: created }
`,
    scheme,
  );
}

test('requiring authentication where none was needed is breaking', async () => {
  const before = secured('');
  const after = secured('    security: [{ oauth: [read] }]\n');
  const changes = await diffTexts(before, after);
  expectIds(changes, ['security-added']);
  expectChange(changes, {
    id: 'security-added',
    severity: 'breaking',
    oldLine: lineOf(before, 'get:'),
    newLine: lineOf(after, 'security:'),
    message: /now requires `oauth` \(read\)/,
  });
  expectChange(await diffTexts(after, before), { id: 'security-removed', severity: 'info' });
});

test('dropping the anonymous alternative ({}) is breaking too', async () => {
  expectChange(await diffTexts(secured('    security: [{}, { oauth: [read] }]\n'), secured('    security: [{ oauth: [read] }]\n')), {
    id: 'security-added',
    severity: 'breaking',
  });
});

test('more scopes on a requirement are breaking; fewer are info', async () => {
  const before = secured('    security: [{ oauth: [read] }]\n');
  const after = secured('    security: [{ oauth: [read, admin] }]\n');
  expectChange(await diffTexts(before, after), {
    id: 'security-scopes-added',
    severity: 'breaking',
    oldLine: lineOf(before, 'security:'),
    newLine: lineOf(after, 'security:'),
    message: /needs scope `admin`/,
  });
  expectIds(await diffTexts(after, before), ['security-scopes-removed']);
  expectChange(await diffTexts(after, before), { id: 'security-scopes-removed', severity: 'info', message: /no longer needs scope `admin`/ });
});

test('replacing one way of authenticating with another is breaking; adding an alternative is info', async () => {
  const before = secured('    security: [{ key: [] }]\n');
  expectChange(await diffTexts(before, secured('    security: [{ oauth: [read] }]\n')), {
    id: 'security-requirement-changed',
    severity: 'breaking',
  });
  const changes = await diffTexts(before, secured('    security: [{ key: [] }, { oauth: [read] }]\n'));
  expectIds(changes, ['security-alternative-added']);
  expectChange(changes, { id: 'security-alternative-added', severity: 'info' });
});

test('document-wide security applies to every operation, reported once', async () => {
  const global = (security: string) => secured('').replace('paths:', `${security}paths:`);
  const before = global('');
  const after = global('security: [{ key: [] }]\n');
  expectChange(await diffTexts(before, after), {
    id: 'security-added',
    severity: 'breaking',
    newLine: lineOf(after, 'security:'),
    message: /also reached from 1 other place/,
  });
});

test('a security scheme of another type or header name is breaking; a changed token URL is a warning', async () => {
  const before = secured('    security: [{ key: [] }]\n');
  const renamed = secured('    security: [{ key: [] }]\n', schemes.replace('name: Subscription-Key', 'name: Api-Key'));
  expectChange(await diffTexts(before, renamed), {
    id: 'security-scheme-changed',
    severity: 'breaking',
    oldLine: lineOf(before, '  key:'),
    newLine: lineOf(renamed, '  key:'),
    message: /name `Subscription-Key` -> `Api-Key`/,
  });
  const sameButCase = secured('    security: [{ key: [] }]\n', schemes.replace('name: Subscription-Key', 'name: subscription-key'));
  assert.deepEqual(await diffTexts(before, sameButCase), []);
  const moved = secured('    security: [{ key: [] }]\n', schemes.replace('auth.example.com', 'login.example.com'));
  expectChange(await diffTexts(before, moved), {
    id: 'api-security-component-oauth-token-url-changed',
    severity: 'warning',
    oldLine: lineOf(before, 'oauth:'),
    newLine: lineOf(moved, 'oauth:'),
  });
});
