/**
 * For the auth tests: a local identity provider (an RSA key pair made for the
 * run, its JWKS served on 127.0.0.1), tokens minted with any claims or header,
 * subscription keys, and the credentials that meet a route's requirement.
 * Nothing outside this process is needed.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { base64url, exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/platform/config.js';
import { unsupported } from '../src/platform/auth.js';
import type { RouteSpec, SecuritySchemeSpec, VersionModule } from '../src/platform/version-module.js';

export const ISSUER = 'https://issuer.test.invalid/';
export const AUDIENCE = 'api://service-under-test';
export const KID = 'test-key-1';
/** The client_id of every minted token, unless a test says otherwise. */
export const TOKEN_CLIENT = 'token-client';
/** Subscription keys: two clients. */
export const API_KEYS = { 'key-client': randomBytes(24).toString('hex'), 'second-client': randomBytes(24).toString('hex') };

export interface MintOptions {
  claims?: Record<string, unknown>;
  issuer?: string;
  audience?: string | string[];
  /** Seconds from now; negative for a token that has expired. */
  expiresIn?: number;
  /** No `exp` claim at all. */
  noExpiry?: boolean;
  /** Seconds from now for `nbf`. */
  notBefore?: number;
  /** `null`: no kid in the header. */
  kid?: string | null;
  /** Sign with a key the JWKS does not publish. */
  foreignKey?: boolean;
}

export interface IdentityProvider {
  jwksUrl: string;
  /** A token for ISSUER and AUDIENCE, RS256 with the published key, valid for 10 minutes; options change that. */
  mint(options?: MintOptions): Promise<string>;
  /** `alg: none`: no signature, or a made-up one. */
  unsigned(withSignature: boolean): string;
  /** HS256 with the published public key (PEM) as the HMAC secret: the algorithm-confusion attack. */
  hmacWithPublicKey(): Promise<string>;
  /** How often the JWKS was fetched. */
  fetches(): number;
  close(): Promise<void>;
}

export async function startIdentityProvider(): Promise<IdentityProvider> {
  const published = await generateKeyPair('RS256', { extractable: true });
  const foreign = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(published.publicKey)), kid: KID, alg: 'RS256', use: 'sig' };
  const publicPem = await exportSPKI(published.publicKey);
  let fetches = 0;
  const server = createServer((request, response) => {
    if (request.url !== '/jwks.json') {
      response.writeHead(404).end();
      return;
    }
    fetches += 1;
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const now = () => Math.floor(Date.now() / 1000);
  const payloadOf = (options: MintOptions) => ({
    iss: options.issuer ?? ISSUER,
    aud: options.audience ?? AUDIENCE,
    sub: 'test-subject',
    client_id: TOKEN_CLIENT,
    iat: now(),
    ...(options.noExpiry ? {} : { exp: now() + (options.expiresIn ?? 600) }),
    ...(options.notBefore === undefined ? {} : { nbf: now() + options.notBefore }),
    ...options.claims,
  });
  const encode = (value: unknown) => base64url.encode(JSON.stringify(value));
  return {
    jwksUrl: `http://127.0.0.1:${port}/jwks.json`,
    async mint(options = {}) {
      const kid = options.kid === undefined ? KID : options.kid;
      const key: CryptoKey = options.foreignKey ? foreign.privateKey : published.privateKey;
      return new SignJWT(payloadOf(options) as JWTPayload).setProtectedHeader({ alg: 'RS256', typ: 'JWT', ...(kid === null ? {} : { kid }) }).sign(key);
    },
    unsigned(withSignature) {
      const token = `${encode({ alg: 'none', typ: 'JWT', kid: KID })}.${encode(payloadOf({}))}.`;
      return withSignature ? `${token}${base64url.encode(randomBytes(256))}` : token;
    },
    async hmacWithPublicKey() {
      return new SignJWT(payloadOf({}) as JWTPayload).setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: KID }).sign(new TextEncoder().encode(publicPem));
    },
    fetches: () => fetches,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The same token with one claim changed and the signature kept. */
export function tamper(token: string, claims: Record<string, unknown>): string {
  const [header, payload, signature] = token.split('.');
  const changed = { ...JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')), ...claims };
  return `${header}.${base64url.encode(JSON.stringify(changed))}.${signature}`;
}

/** The service configured against this identity provider and these keys. */
export function authApp(idp: IdentityProvider, env: NodeJS.ProcessEnv = {}) {
  return buildApp(loadConfig(authEnv(idp, env)));
}

export function authEnv(idp: IdentityProvider, env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    AUTH_JWKS_URL: idp.jwksUrl,
    AUTH_ISSUER: ISSUER,
    AUTH_AUDIENCE: AUDIENCE,
    API_KEYS: Object.entries(API_KEYS).map(([client, key]) => `${client}=${key}`).join(','),
    LOG_LEVEL: 'silent',
    // These tests are about inbound credentials: the APIs the service calls, if any, answer from their mocks.
    UPSTREAM_MODE: 'mock',
    ...env,
  };
}

export type Requirement = RouteSpec['security'][number];

/** The schemes of one alternative, when this service can meet them all (null otherwise). */
export function usable(version: VersionModule, requirement: Requirement): Array<{ scheme: SecuritySchemeSpec; scopes: string[] }> | null {
  const resolved = requirement.map(({ scheme, scopes }) => ({ scheme: version.securitySchemes.find((item) => item.name === scheme), scopes }));
  if (resolved.some(({ scheme, scopes }) => unsupported(scheme, scopes) !== null)) return null;
  return resolved as Array<{ scheme: SecuritySchemeSpec; scopes: string[] }>;
}

/** Token claims granting these scopes: `scope` (space-separated) when they are plain scope tokens, else a `scp` list. */
export function scopeClaims(scopes: readonly string[]): Record<string, unknown> {
  return scopes.every((scope) => /^[\x21\x23-\x5b\x5d-\x7e]+$/.test(scope)) ? { scope: scopes.join(' ') } : { scp: [...scopes] };
}

/** What a request presents: a valid token with these scopes, and keys in these headers (lower case). */
export interface Presented {
  tokenScopes: string[] | null;
  keyHeaders: string[];
}

/** The credentials an alternative needs, as a Presented (null when this service cannot meet it). */
export function presentedFor(version: VersionModule, requirement: Requirement): Presented | null {
  const schemes = usable(version, requirement);
  if (!schemes) return null;
  const jwt = schemes.filter(({ scheme }) => scheme.kind === 'jwt');
  return {
    tokenScopes: jwt.length > 0 ? [...new Set(jwt.flatMap(({ scopes }) => scopes))] : null,
    keyHeaders: schemes.filter(({ scheme }) => scheme.kind === 'apiKey').map(({ scheme }) => scheme.parameterName!.toLowerCase()),
  };
}

/** Whether any alternative of the route is met by what is presented (the OpenAPI rules). */
export function wouldPass(version: VersionModule, route: RouteSpec, presented: Presented): boolean {
  return route.security.some((requirement) => {
    const schemes = usable(version, requirement);
    if (!schemes) return false;
    return schemes.every(({ scheme, scopes }) =>
      scheme.kind === 'jwt'
        ? presented.tokenScopes !== null && scopes.every((scope) => presented.tokenScopes!.includes(scope))
        : presented.keyHeaders.includes(scheme.parameterName!.toLowerCase()),
    );
  });
}

/** Request headers carrying what is presented. */
export async function headersFor(idp: IdentityProvider, presented: Presented): Promise<Record<string, string>> {
  const headers: Record<string, string> = {};
  if (presented.tokenScopes !== null) headers.authorization = `Bearer ${await idp.mint({ claims: scopeClaims(presented.tokenScopes) })}`;
  for (const header of presented.keyHeaders) headers[header] = API_KEYS['key-client'];
  return headers;
}

/** The client a handler sees: the first scheme of the first alternative met names it. */
export function expectedClient(version: VersionModule, route: RouteSpec, presented: Presented, keyClient = 'key-client'): string | null {
  for (const requirement of route.security) {
    const single: RouteSpec = { ...route, security: [requirement] };
    if (!wouldPass(version, single, presented)) continue;
    const first = usable(version, requirement)![0]!;
    return first.scheme.kind === 'jwt' ? TOKEN_CLIENT : keyClient;
  }
  return null;
}
