/**
 * Security Requirement Objects (src/model/security.ts): the effective security
 * of an operation as the auth guard reads it, an OR of AND-groups, `[]` for
 * public; a requirement that cannot be read refuses every call. With the
 * service model: the document's requirement, an operation's own in its place,
 * and the schemes the guard can check.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { effectiveSecurity } from '../../src/model/security.js';
import { openapi } from '../openapi-document.js';
import { versionOf } from './operation-context.js';

const REFUSED = [[{ scheme: '(unreadable security requirement)', scopes: [] }]];

describe('effectiveSecurity', () => {
  it('no requirement at all is public', () => {
    assert.deepEqual(effectiveSecurity(undefined), []);
  });

  it('[] is public; an empty requirement {} among the alternatives makes authentication optional, so public too', () => {
    assert.deepEqual(effectiveSecurity([]), []);
    assert.deepEqual(effectiveSecurity([{}]), []);
    assert.deepEqual(effectiveSecurity([{ bearer: ['read'] }, {}]), []);
    assert.deepEqual(effectiveSecurity([{}, { bearer: ['read'] }]), []);
  });

  it('alternatives are OR-ed, the schemes of one requirement AND-ed, in blueprint order, scopes kept', () => {
    assert.deepEqual(effectiveSecurity([{ bearer: ['pets:read', 'pets:write'] }]), [[{ scheme: 'bearer', scopes: ['pets:read', 'pets:write'] }]]);
    assert.deepEqual(effectiveSecurity([{ apiKey: [], appId: [] }, { oauth: ['admin'] }]), [
      [
        { scheme: 'apiKey', scopes: [] },
        { scheme: 'appId', scopes: [] },
      ],
      [{ scheme: 'oauth', scopes: ['admin'] }],
    ]);
  });

  it('keeps scheme names it does not know: the guard refuses what no declared scheme can check', () => {
    assert.deepEqual(effectiveSecurity([{ undeclared: [] }]), [[{ scheme: 'undeclared', scopes: [] }]]);
  });

  it('a requirement it cannot read refuses every call, never making the operation public', () => {
    for (const raw of [
      null,
      'bearer',
      { bearer: [] },
      ['bearer'],
      [null],
      [[{ bearer: [] }]],
      [{ bearer: 'admin' }],
      [{ bearer: ['admin', 7] }],
      [{ bearer: null }],
    ]) {
      assert.deepEqual(effectiveSecurity(raw), REFUSED, JSON.stringify(raw));
    }
  });

  it('one unreadable alternative refuses the whole operation, even beside readable ones', () => {
    assert.deepEqual(effectiveSecurity([{ bearer: ['read'] }, { apiKey: 'x' }]), REFUSED);
    assert.deepEqual(effectiveSecurity([{ bearer: ['read'] }, 'apiKey']), REFUSED);
  });

  it('the answer does not depend on the order of the alternatives', () => {
    assert.deepEqual(effectiveSecurity([{}, { bearer: 'admin' }]), effectiveSecurity([{ bearer: 'admin' }, {}]));
  });
});

describe('security in the service model (with operations.ts and build-model.ts)', () => {
  const SCHEMES = `
  securitySchemes:
    bearer: { type: http, scheme: bearer, bearerFormat: JWT }
    oauth: { type: oauth2, flows: { clientCredentials: { tokenUrl: 'https://auth.example.com/token', scopes: { 'pets:read': read } } } }
    oidc: { type: openIdConnect, openIdConnectUrl: 'https://auth.example.com/.well-known/openid-configuration' }
    key: { type: apiKey, in: header, name: X-Api-Key }
    queryKey: { type: apiKey, in: query, name: api_key }
    cookieKey: { type: apiKey, in: cookie, name: session }
    basic: { type: http, scheme: basic }
    digest: { type: http, scheme: Digest }
    mtls: { type: mutualTLS }
`;

  async function securityOf(global: string, operations: Record<string, string>) {
    const paths = Object.entries(operations)
      .map(
        ([id, security]) =>
          `  /${id}:\n    get:\n      operationId: ${id}\n${security ? `      security: ${security}\n` : ''}      responses: { '204': { description: done } }`,
      )
      .join('\n');
    const version = await versionOf(openapi(`${global ? `security: ${global}\n` : ''}paths:\n${paths}\ncomponents:${SCHEMES}`));
    return { version, security: Object.fromEntries(version.operations.map((operation) => [operation.operationId, operation.route.security])) };
  }

  it("the document's requirement applies to operations without their own; an operation's own replaces it, never adds to it", async () => {
    const { security } = await securityOf("[{ bearer: ['pets:read'] }]", { inherits: '', own: '[{ key: [] }]', both: "[{ key: [], bearer: ['pets:read'] }]" });
    assert.deepEqual(security, {
      inherits: [[{ scheme: 'bearer', scopes: ['pets:read'] }]],
      own: [[{ scheme: 'key', scopes: [] }]],
      both: [
        [
          { scheme: 'key', scopes: [] },
          { scheme: 'bearer', scopes: ['pets:read'] },
        ],
      ],
    });
  });

  it('security: [] on an operation makes it public under a document requirement; [{}] too', async () => {
    const { security } = await securityOf('[{ key: [] }]', { health: '[]', optional: '[{}]', guarded: '' });
    assert.deepEqual(security, { health: [], optional: [], guarded: [[{ scheme: 'key', scopes: [] }]] });
  });

  it('without a document requirement, operations without their own are public', async () => {
    const { security } = await securityOf('', { open: '', closed: '[{ oauth: [pets:read] }, { oidc: [] }]' });
    assert.deepEqual(security, { open: [], closed: [[{ scheme: 'oauth', scopes: ['pets:read'] }], [{ scheme: 'oidc', scopes: [] }]] });
  });

  it('an unreadable document requirement refuses every call of the operations that inherit it', async () => {
    const { security } = await securityOf('bearer', { inherits: '', own: '[{ bearer: [] }]', open: '[]' });
    assert.deepEqual(security, { inherits: REFUSED, own: [[{ scheme: 'bearer', scopes: [] }]], open: [] });
  });

  it('bearer, OAuth 2 and OpenID Connect are checked as JWTs, apiKey where it is sent; basic, digest and mutual TLS are unsupported', async () => {
    const { version, security } = await securityOf('', { login: '[{ basic: [] }]', either: '[{ mtls: [] }, { key: [] }]' });
    assert.deepEqual(version.securitySchemes, [
      { name: 'bearer', kind: 'jwt', in: null, parameterName: null },
      { name: 'oauth', kind: 'jwt', in: null, parameterName: null },
      { name: 'oidc', kind: 'jwt', in: null, parameterName: null },
      { name: 'key', kind: 'apiKey', in: 'header', parameterName: 'X-Api-Key' },
      { name: 'queryKey', kind: 'apiKey', in: 'query', parameterName: 'api_key' },
      { name: 'cookieKey', kind: 'apiKey', in: 'cookie', parameterName: 'session' },
      { name: 'basic', kind: 'unsupported', in: null, parameterName: null },
      { name: 'digest', kind: 'unsupported', in: null, parameterName: null },
      { name: 'mtls', kind: 'unsupported', in: null, parameterName: null },
    ]);
    // An operation that can only use an unsupported scheme keeps it: the guard refuses it, the operation is never public.
    assert.deepEqual(security, { login: [[{ scheme: 'basic', scopes: [] }]], either: [[{ scheme: 'mtls', scopes: [] }], [{ scheme: 'key', scopes: [] }]] });
  });
});
