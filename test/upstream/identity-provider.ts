/**
 * A local OAuth2 authorisation server on 127.0.0.1 for the upstream tests: a
 * client-credentials token endpoint (RFC 6749 section 4.4, client
 * authentication by HTTP Basic or in the body) that issues RS256 JWTs, and the
 * JWKS that verifies them. It counts token requests per client, so a test can
 * prove a token is fetched once and reused.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

export const ISSUER = 'https://login.test.invalid/';

export interface TokenRequest {
  clientId: string;
  scope: string | null;
  audience: string | null;
  /** How the client authenticated. */
  auth: 'basic' | 'post';
}

export interface LocalIdentityProvider {
  tokenUrl: string;
  jwksUrl: string;
  /** Every token request answered with a token, in order. */
  issued: TokenRequest[];
  /** Requests refused (unknown client, wrong secret, wrong grant). */
  refused: number;
  /** A token as the endpoint would issue it, without counting as a request (for a test calling a service directly). */
  mint(clientId: string, audience: string, scope: string, expiresIn?: number): Promise<string>;
  close(): Promise<void>;
}

export async function startIdentityProvider(clients: Record<string, string>, options: { expiresIn?: number } = {}): Promise<LocalIdentityProvider> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: 'local-1', alg: 'RS256', use: 'sig' };
  const issued: TokenRequest[] = [];
  let refused = 0;
  const mint = (clientId: string, audience: string, scope: string, expiresIn = options.expiresIn ?? 3600) =>
    new SignJWT({ client_id: clientId, scope })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: 'local-1' })
      .setIssuer(ISSUER)
      .setAudience(audience)
      .setSubject(clientId)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + expiresIn)
      .sign(privateKey);

  const server = createServer((request, response) => {
    const answer = (status: number, body: unknown) =>
      response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
    if (request.method === 'GET' && request.url === '/jwks.json') return answer(200, { keys: [jwk] });
    if (request.method !== 'POST' || request.url !== '/oauth2/token') return answer(404, { error: 'not_found' });
    void readForm(request).then(async (form) => {
      const basic = /^Basic (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
      const [id, secret] = basic
        ? Buffer.from(basic, 'base64')
            .toString('utf8')
            .split(':')
            .map((part) => decodeURIComponent(part.replace(/\+/g, ' ')))
        : [form.get('client_id') ?? '', form.get('client_secret') ?? ''];
      if (form.get('grant_type') !== 'client_credentials') {
        refused++;
        return answer(400, { error: 'unsupported_grant_type' });
      }
      if (id === undefined || clients[id] === undefined || clients[id] !== secret) {
        refused++;
        return answer(401, { error: 'invalid_client', error_description: 'unknown client or wrong secret' });
      }
      const expiresIn = options.expiresIn ?? 3600;
      issued.push({ clientId: id, scope: form.get('scope'), audience: form.get('audience'), auth: basic ? 'basic' : 'post' });
      const token = await mint(id, form.get('audience') ?? 'api://default', form.get('scope') ?? '', expiresIn);
      answer(200, { access_token: token, token_type: 'Bearer', expires_in: expiresIn });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    tokenUrl: `http://127.0.0.1:${port}/oauth2/token`,
    jwksUrl: `http://127.0.0.1:${port}/jwks.json`,
    issued,
    get refused() {
      return refused;
    },
    mint,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
