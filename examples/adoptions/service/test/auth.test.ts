/**
 * Authentication and authorisation against a local identity provider (a key
 * pair made for this run, its JWKS served on 127.0.0.1) and subscription keys
 * made for this run: every secured operation refuses without credentials and
 * answers with the ones its blueprint asks for; forged, expired and misdirected
 * tokens, unknown keys and missing scopes are refused before any handler runs.
 */
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { after, beforeEach, describe, test } from 'node:test';
import { versions } from '../src/generated/versions.js';
import { createJwtVerifier, TokenRefused } from '../src/platform/auth-jwt.js';
import { ConfigError, loadConfig } from '../src/platform/config.js';
import type { AnyHandler, RouteSpec, VersionModule } from '../src/platform/version-module.js';
import { buildApp } from '../src/app.js';
import {
  API_KEYS,
  AUDIENCE,
  authApp,
  authEnv,
  expectedClient,
  headersFor,
  ISSUER,
  KID,
  presentedFor,
  scopeClaims,
  startIdentityProvider,
  tamper,
  TOKEN_CLIENT,
  usable,
  wouldPass,
  type IdentityProvider,
  type Presented,
} from './auth-helpers.js';
import { encodeBody, errorOf, samplesOf, wrapHandlers } from './helpers.js';

// Every handler records who called it, so a test can tell that a refused request never reached one.
let reached: { client: string | null } | undefined;
for (const version of versions) {
  wrapHandlers(version, (handler): AnyHandler => async (request, context) => {
    reached = { client: context.client };
    return handler(request, context);
  });
}

const idp: IdentityProvider = await startIdentityProvider();
const app = await authApp(idp);
after(async () => {
  await app.close();
  await idp.close();
});
beforeEach(() => {
  reached = undefined;
});

async function call(
  version: VersionModule,
  route: RouteSpec,
  headers: Record<string, string>,
  method = route.method,
): Promise<LightMyRequestResponse> {
  const sample = samplesOf(version.key)[route.operationId]!;
  const body = encodeBody(sample);
  return app.inject({
    method: method as 'GET',
    url: version.prefix + sample.path,
    query: sample.query,
    headers: { ...sample.headers, ...body.headers, ...headers },
    ...(body.payload === undefined || method === 'HEAD' ? {} : { payload: body.payload }),
  });
}

function assertRefused(
  response: LightMyRequestResponse,
  status: 401 | 403,
  challenge?: RegExp,
): void {
  assert.equal(response.statusCode, status, response.body.slice(0, 300));
  // HEAD answers carry no body: errorOf then checks nothing but is still called, for the media type.
  if (response.body !== '') assert.match(errorOf(response).detail, /not repeat/i);
  const header = String(response.headers['www-authenticate'] ?? '');
  assert.notEqual(header, '', 'WWW-Authenticate is sent');
  if (challenge) assert.match(header, challenge);
  assert.equal(reached, undefined, 'no handler ran');
}

function assertAccepted(response: LightMyRequestResponse, client: string): void {
  assert.ok(
    ![401, 403, 503].includes(response.statusCode),
    `refused: ${response.statusCode} ${response.body.slice(0, 300)}`,
  );
  assert.deepEqual(reached, { client });
}

const label = (requirement: RouteSpec['security'][number]) =>
  requirement
    .map(({ scheme, scopes }) => (scopes.length ? `${scheme} [${scopes.join(' ')}]` : scheme))
    .join(' + ');

for (const version of versions) {
  describe(`${version.key}: every operation asks for what its blueprint says`, () => {
    for (const route of version.routes) {
      const name = `${route.method} ${version.prefix}${route.url} (${route.operationId})`;
      if (route.security.length === 0) {
        test(`${name} is public`, async () => {
          const response = await call(version, route, {});
          assert.ok(![401, 403].includes(response.statusCode), `refused: ${response.statusCode}`);
        });
        continue;
      }
      test(`${name} refuses a call without credentials (401)`, async () => {
        assertRefused(await call(version, route, {}), 401);
        if (route.method === 'GET') assertRefused(await call(version, route, {}, 'HEAD'), 401);
      });
      if (route.security.every((requirement) => presentedFor(version, requirement) === null)) {
        test(`${name} refuses every call, even with every credential: it needs a scheme this service does not support`, async () => {
          const everything: Presented = {
            tokenScopes: [
              ...new Set(
                version.routes.flatMap((item) =>
                  item.security.flat().flatMap(({ scopes }) => scopes),
                ),
              ),
            ],
            keyHeaders: version.securitySchemes.flatMap((scheme) =>
              scheme.kind === 'apiKey' && scheme.parameterName
                ? [scheme.parameterName.toLowerCase()]
                : [],
            ),
          };
          assertRefused(await call(version, route, await headersFor(idp, everything)), 401);
        });
      }
      for (const requirement of route.security) {
        const presented = presentedFor(version, requirement);
        if (!presented) {
          test(
            `${name} with ${label(requirement)}`,
            { skip: 'a scheme this service does not support: the alternative always refuses' },
            () => {},
          );
          continue;
        }
        test(`${name} answers with ${label(requirement)}`, async () => {
          const response = await call(version, route, await headersFor(idp, presented));
          assertAccepted(response, expectedClient(version, route, presented)!);
        });
        for (const scope of presented.tokenScopes ?? []) {
          const lacking: Presented = {
            ...presented,
            tokenScopes: presented.tokenScopes!.filter((item) => item !== scope),
          };
          if (wouldPass(version, route, lacking)) continue;
          test(`${name} refuses a token without scope ${scope} (403)`, async () => {
            assertRefused(
              await call(version, route, await headersFor(idp, lacking)),
              403,
              /error="insufficient_scope"/,
            );
          });
        }
      }
    }
  });
}

/**
 * An operation and an alternative to try bad credentials on: one that needs a
 * bearer token (or a key) and is not met without it; alternatives of one kind
 * of credentials only are preferred, so that the other kind cannot change the answer.
 */
function target(kind: 'token' | 'key') {
  for (const pure of [true, false]) {
    for (const version of versions) {
      for (const route of version.routes) {
        for (const requirement of route.security) {
          const presented = presentedFor(version, requirement);
          if (!presented) continue;
          const hasToken = presented.tokenScopes !== null;
          const hasKey = presented.keyHeaders.length > 0;
          if (kind === 'token' ? !hasToken || (pure && hasKey) : !hasKey || (pure && hasToken))
            continue;
          const without: Presented =
            kind === 'token'
              ? { ...presented, tokenScopes: null }
              : { ...presented, keyHeaders: presented.keyHeaders.slice(1) };
          if (wouldPass(version, route, without)) continue;
          return { version, route, presented };
        }
      }
    }
  }
  return undefined;
}

const bearer = target('token');
describe('bearer tokens', { skip: bearer ? false : 'no operation takes a bearer token' }, () => {
  const { version, route, presented } = bearer!;
  const scopes = presented.tokenScopes ?? [];
  const granted = scopeClaims(scopes);
  const withToken = async (authorization: string | undefined) => {
    const headers = await headersFor(idp, { ...presented, tokenScopes: null });
    if (authorization !== undefined) headers.authorization = authorization;
    return call(version, route, headers);
  };
  const invalid = /^Bearer realm="api", error="invalid_token"/;

  test('a valid token is accepted, and the handler knows the client', async () => {
    const response = await withToken(`Bearer ${await idp.mint({ claims: granted })}`);
    assertAccepted(response, expectedClient(version, route, presented)!);
  });
  test('scopes may come from scp (string or list) and roles', async () => {
    for (const claims of [
      ...('scope' in granted ? [{ scp: granted.scope }] : []),
      { scp: scopes },
      { roles: scopes },
    ]) {
      reached = undefined;
      assertAccepted(
        await withToken(`Bearer ${await idp.mint({ claims })}`),
        expectedClient(version, route, presented)!,
      );
    }
  });
  test('no token: 401 with a Bearer challenge and no error', async () => {
    const response = await withToken(undefined);
    assertRefused(response, 401, /Bearer realm="api"/);
    assert.doesNotMatch(String(response.headers['www-authenticate']), /error=/);
  });
  test('a malformed Authorization header', async () => {
    const token = await idp.mint({ claims: granted });
    for (const header of [
      'Bearer',
      'Bearer ',
      `Bearer ${token} ${token}`,
      'Bearer not-a-jwt',
      'Bearer a.b',
      `Bearer ${'a'.repeat(9000)}.b.c`,
    ]) {
      assertRefused(await withToken(header), 401, invalid);
    }
    for (const header of [
      `Basic ${Buffer.from('user:pass').toString('base64')}`,
      `Token ${token}`,
      token,
    ]) {
      assertRefused(await withToken(header), 401, /Bearer realm="api"/);
    }
  });
  // Each bad token is refused for its own reason, not by accident: the verifier says why (the caller is not told).
  const verifier = createJwtVerifier({
    jwksUrl: idp.jwksUrl,
    issuers: [ISSUER],
    audiences: [AUDIENCE],
    clockToleranceSeconds: 5,
  });
  const refusals: Array<[string, () => Promise<string>, RegExp]> = [
    ['expired', () => idp.mint({ claims: granted, expiresIn: -120 }), /ERR_JWT_EXPIRED/],
    ['not yet valid', () => idp.mint({ claims: granted, notBefore: 120 }), /"nbf"/],
    ['without exp', () => idp.mint({ claims: granted, noExpiry: true }), /"exp"/],
    [
      'for another audience',
      () => idp.mint({ claims: granted, audience: 'api://another-service' }),
      /"aud"/,
    ],
    [
      'from another issuer',
      () => idp.mint({ claims: granted, issuer: 'https://evil.test.invalid/' }),
      /"iss"/,
    ],
    [
      'signed with an unknown key id',
      () => idp.mint({ claims: granted, kid: 'unknown-key', foreignKey: true }),
      /ERR_JWKS_NO_MATCHING_KEY/,
    ],
    ['without a key id', () => idp.mint({ claims: granted, kid: null }), /names no key/],
    [
      "signed by another key under the published key's id",
      () => idp.mint({ claims: granted, kid: KID, foreignKey: true }),
      /ERR_JWS_SIGNATURE_VERIFICATION_FAILED/,
    ],
    [
      'with a tampered payload',
      async () => tamper(await idp.mint({ claims: { scope: '' } }), { ...granted, admin: true }),
      /ERR_JWS_SIGNATURE_VERIFICATION_FAILED/,
    ],
    [
      'with another client in a tampered payload',
      async () => tamper(await idp.mint({ claims: granted }), { client_id: 'someone-else' }),
      /ERR_JWS_SIGNATURE_VERIFICATION_FAILED/,
    ],
    ['with alg none and no signature', async () => idp.unsigned(false), /not a signed JWT/],
    [
      'with alg none and a made-up signature',
      async () => idp.unsigned(true),
      /ERR_JOSE_ALG_NOT_ALLOWED/,
    ],
    ['HS256-signed with the public key', () => idp.hmacWithPublicKey(), /ERR_JOSE_ALG_NOT_ALLOWED/],
  ];
  for (const [what, token, reason] of refusals) {
    test(`a token ${what}: 401 invalid_token`, async () => {
      const value = await token();
      const response = await withToken(`Bearer ${value}`);
      assertRefused(response, 401, invalid);
      assert.ok(!response.body.includes(value), 'the token is not echoed');
      await assert.rejects(
        verifier.verify(value),
        (error: Error) => error instanceof TokenRefused && reason.test(error.reason),
      );
    });
  }
  test('a valid token for one of the configured audiences or issuers', async () => {
    const multi = await authApp(idp, {
      AUTH_ISSUER: `https://other.test.invalid/, ${ISSUER}`,
      AUTH_AUDIENCE: `api://other, ${AUDIENCE}`,
    });
    try {
      const headers = await headersFor(idp, presented);
      const sample = samplesOf(version.key)[route.operationId]!;
      const body = encodeBody(sample);
      const response = await multi.inject({
        method: route.method as 'GET',
        url: version.prefix + sample.path,
        query: sample.query,
        headers: { ...sample.headers, ...body.headers, ...headers },
        ...(body.payload === undefined ? {} : { payload: body.payload }),
      });
      assert.ok(![401, 403, 503].includes(response.statusCode), response.body);
    } finally {
      await multi.close();
    }
  });
  test('when the JWKS cannot be fetched, tokens are not accepted (503)', async () => {
    const down = await authApp(idp, { AUTH_JWKS_URL: 'http://127.0.0.1:9/jwks.json' });
    try {
      const sample = samplesOf(version.key)[route.operationId]!;
      const body = encodeBody(sample);
      const headers = await headersFor(idp, presented);
      const response = await down.inject({
        method: route.method as 'GET',
        url: version.prefix + sample.path,
        query: sample.query,
        headers: { ...sample.headers, ...body.headers, ...headers },
        ...(body.payload === undefined ? {} : { payload: body.payload }),
      });
      assert.equal(response.statusCode, 503, response.body);
      errorOf(response);
      assert.equal(reached, undefined);
    } finally {
      await down.close();
    }
  });
});

describe('the verified-token cache', () => {
  test('a token is verified once, then served from the cache until it expires', async () => {
    let clock = Date.now();
    const verifier = createJwtVerifier(
      { jwksUrl: idp.jwksUrl, issuers: [ISSUER], audiences: [AUDIENCE], clockToleranceSeconds: 0 },
      { now: () => clock },
    );
    const token = await idp.mint({ claims: { scope: 'a b' }, expiresIn: 60 });
    for (let i = 0; i < 100; i += 1)
      assert.equal((await verifier.verify(token)).client, TOKEN_CLIENT);
    assert.deepEqual(verifier.stats(), { cached: 1, verified: 1, hits: 99 });
    clock += 61_000;
    await assert.rejects(verifier.verify(token), { name: 'TokenRefused' });
    assert.equal(verifier.stats().cached, 0);
  });
  test('a token that ends like a cached one is still verified, and refused when its signature does not match', async () => {
    const verifier = createJwtVerifier({
      jwksUrl: idp.jwksUrl,
      issuers: [ISSUER],
      audiences: [AUDIENCE],
      clockToleranceSeconds: 5,
    });
    const token = await idp.mint({ claims: { scope: 'a' } });
    await verifier.verify(token);
    // Same signature, another payload: the cache finds the entry by the signature's end, and must not trust it.
    const [header, , signature] = token.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ sub: 'someone-else', scope: 'admin' })).toString('base64url')}.${signature}`;
    assert.equal(verifier.cached(forged), undefined);
    await assert.rejects(verifier.verify(forged), { name: 'TokenRefused' });
    assert.equal((await verifier.verify(token)).client, TOKEN_CLIENT);
  });
  test('the cache is bounded', async () => {
    const verifier = createJwtVerifier(
      { jwksUrl: idp.jwksUrl, issuers: [ISSUER], audiences: [AUDIENCE], clockToleranceSeconds: 5 },
      { cacheEntries: 3 },
    );
    for (let i = 0; i < 5; i += 1) await verifier.verify(await idp.mint({ claims: { n: i } }));
    assert.equal(verifier.stats().cached, 3);
  });
});

const keyed = target('key');
describe(
  'subscription keys',
  { skip: keyed ? false : 'no operation takes a subscription key' },
  () => {
    const { version, route, presented } = keyed!;
    const header = presented.keyHeaders[0]!;
    const withKey = async (value: string | undefined) => {
      const headers = await headersFor(idp, presented);
      if (value === undefined) delete headers[header];
      else headers[header] = value;
      return call(version, route, headers);
    };
    const challenge = new RegExp(
      `ApiKey realm="api", header="${header.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`,
      'i',
    );

    test('each configured key is accepted, and the handler knows its client', async () => {
      assertAccepted(
        await withKey(API_KEYS['key-client']),
        expectedClient(version, route, presented)!,
      );
      reached = undefined;
      assertAccepted(
        await withKey(API_KEYS['second-client']),
        expectedClient(version, route, presented, 'second-client')!,
      );
    });
    test('no key: 401 naming the header', async () => {
      assertRefused(await withKey(undefined), 401, challenge);
    });
    test('a wrong key, of the same length or not, or a key with more around it', async () => {
      const right = API_KEYS['key-client'];
      for (const value of [
        right.replace(/.$/, (c) => (c === '0' ? '1' : '0')),
        right.slice(1),
        `${right}x`,
        `${right},${right}`,
        '',
        'x'.repeat(600),
      ]) {
        assertRefused(await withKey(value), 401, challenge);
      }
    });
    test('a key in the Authorization header instead', async () => {
      const headers = await headersFor(idp, { ...presented, keyHeaders: [] });
      headers.authorization = `Bearer ${API_KEYS['key-client']}`;
      const response = await call(version, route, headers);
      assert.equal(response.statusCode, 401);
    });
  },
);

describe('configuration', () => {
  const needsJwt = versions.some((version) =>
    version.routes.some((route) =>
      route.security.some((requirement) =>
        usable(version, requirement)?.some(({ scheme }) => scheme.kind === 'jwt'),
      ),
    ),
  );
  const needsKeys = versions.some((version) =>
    version.routes.some((route) =>
      route.security.some((requirement) =>
        usable(version, requirement)?.some(({ scheme }) => scheme.kind === 'apiKey'),
      ),
    ),
  );

  test('the service refuses to start without the credentials configuration its blueprint needs', async () => {
    if (needsJwt) {
      await assert.rejects(
        buildApp(
          loadConfig(authEnv(idp, { AUTH_JWKS_URL: '', AUTH_ISSUER: '', AUTH_AUDIENCE: '' })),
        ),
        (error: Error) => error instanceof ConfigError && /AUTH_JWKS_URL/.test(error.message),
      );
    }
    if (needsKeys) {
      await assert.rejects(
        buildApp(loadConfig(authEnv(idp, { API_KEYS: '' }))),
        (error: Error) => error instanceof ConfigError && /API_KEYS/.test(error.message),
      );
    }
  });
  test('partial or invalid settings are refused, naming the variable', () => {
    assert.throws(() => loadConfig(authEnv(idp, { AUTH_ISSUER: '' })), /AUTH_ISSUER is not set/);
    assert.throws(() => loadConfig(authEnv(idp, { AUTH_JWKS_URL: 'not a url' })), /AUTH_JWKS_URL/);
    assert.throws(
      () =>
        loadConfig(
          authEnv(idp, { AUTH_JWKS_URL: 'http://idp.example/jwks', NODE_ENV: 'production' }),
        ),
      /AUTH_JWKS_URL must be an https URL/,
    );
    assert.throws(
      () => loadConfig(authEnv(idp, { AUTH_CLOCK_TOLERANCE_SECONDS: '3600' })),
      /AUTH_CLOCK_TOLERANCE_SECONDS/,
    );
    assert.throws(() => loadConfig(authEnv(idp, { API_KEYS: 'no-equals-sign' })), /API_KEYS/);
    assert.throws(() => loadConfig(authEnv(idp, { API_KEYS: 'short=abc' })), /16 to 512/);
    assert.throws(
      () => loadConfig(authEnv(idp, { API_KEYS: `a=${'k'.repeat(20)},b=${'k'.repeat(20)}` })),
      /same key/,
    );
    assert.throws(
      () => loadConfig(authEnv(idp, { API_KEYS_FILE: '/nonexistent/keys' })),
      /both set/,
    );
    assert.throws(() => loadConfig(authEnv(idp, { AUTH_MODE: 'off' })), /AUTH_MODE/);
    const secret = 'k'.repeat(40);
    assert.throws(
      () => loadConfig(authEnv(idp, { API_KEYS: `bad name=${secret}` })),
      (error: Error) => !error.message.includes(secret),
    );
  });
  test('AUTH_MODE=mock is refused in production', () => {
    assert.throws(
      () => loadConfig({ AUTH_MODE: 'mock', NODE_ENV: 'production' }),
      (error: Error) => error instanceof ConfigError && /AUTH_MODE=mock/.test(error.message),
    );
  });
});
