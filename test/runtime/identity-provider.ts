/**
 * A local identity provider for runtime tests: an RS256 key pair made for the
 * run, its JWKS served on 127.0.0.1 (a port that can be stopped and served
 * again, as an outage would), and tokens minted for ISSUER and AUDIENCE.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { freePort } from './generated-service.js';

export const ISSUER = 'https://login.test.invalid/';
export const AUDIENCE = 'api://tenancies';
const KID = 'runtime-test-key';

export interface IdentityProvider {
  jwksUrl: string;
  /** Environment for a service that verifies this provider's tokens. */
  env: Record<string, string>;
  mint(claims?: Record<string, unknown>): Promise<string>;
  /** JWKS requests answered so far. */
  fetches(): number;
  /** Stop serving the key set (connections are refused), and serve it again on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function startIdentityProvider(): Promise<IdentityProvider> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: KID, alg: 'RS256', use: 'sig' };
  const port = await freePort();
  let fetches = 0;
  let server: Server | null = null;
  const start = async () => {
    if (server) return;
    server = createServer((_request, response) => {
      fetches += 1;
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
  };
  await start();
  const jwksUrl = `http://127.0.0.1:${(server!.address() as AddressInfo).port}/jwks.json`;
  const key: CryptoKey = privateKey;
  return {
    jwksUrl,
    env: { AUTH_JWKS_URL: jwksUrl, AUTH_ISSUER: ISSUER, AUTH_AUDIENCE: AUDIENCE },
    mint: (claims = {}) =>
      new SignJWT({ client_id: 'token-client', scope: 'tenancies.read tenancies.write', ...claims })
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: KID })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(key),
    fetches: () => fetches,
    stop: async () => {
      const running = server;
      server = null;
      if (running) await new Promise<void>((resolve) => running.close(() => resolve()).closeAllConnections());
    },
    start,
  };
}
