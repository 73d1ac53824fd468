/**
 * Hostile requests for the tenancies service (fixtures/tenancies.yaml), drawn
 * from a seeded generator so a failure can be replayed: malformed request
 * lines and headers, conflicting framing, repeated Host and credential
 * headers, unknown expectations, CONNECT, traversal and broken encodings,
 * credentials in query strings, bodies with numbers too large for a double,
 * broken or deeply nested JSON, over-long parameters, media types and Accept
 * headers no operation takes, and clients too slow to finish.
 */
import type { Piece } from './raw-exchange.js';

export interface Secrets {
  /** A valid bearer token, with both scopes. */
  token: string;
  /** A configured subscription key. */
  apiKey: string;
}

export interface FuzzCase {
  kind: string;
  pieces: Piece[];
  /** The request is HEAD: answers carry no body. */
  head: boolean;
  /** The client stops before the request is whole: the server must cut it (408). */
  stalls: boolean;
}

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TENANCY = '0b6f7f1e-2c5d-4a51-9d8e-3f3c4c1f2a77';

export function fuzzCases(seed: number, count: number, secrets: Secrets): FuzzCase[] {
  const random = seeded(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const chance = (p: number) => random() < p;

  const paths = [
    '/v1/tenancies',
    `/v1/tenancies/${TENANCY}`,
    '/v1/tenancies/not-a-uuid',
    `/v1/tenancies/${'x'.repeat(600)}`,
    '/health/live',
    '/health/ready',
    '/versions',
    '/v1/openapi.json',
    '/v1/docs',
    '/docs-assets/swagger-ui.css',
    '/docs-assets/../../../etc/passwd',
    '/docs-assets/%2e%2e/%2e%2e/package.json',
    '/v1/tenancies/%zz',
    '/v1//tenancies',
    '/v1/tenancies/%00',
    '/%ff%fe',
    '/v1/tenancies/..%2f..%2fsecret',
    '/nowhere',
    '/v1/tenancies?',
  ];
  const credentialQueries = [
    `access_token=${secrets.token}`,
    `token=${secrets.token}`,
    `api_key=${secrets.apiKey}`,
    `subscription-key=${secrets.apiKey}`,
    `key=${secrets.apiKey}`,
    `Access_Token=${secrets.token}`,
    `access%5Ftoken=${secrets.token}`,
    `ocp-apim-subscription-key=${secrets.apiKey}`,
  ];
  const otherQueries = [
    'page=1',
    'page=0',
    'page=-3',
    'page=1e309',
    'page=NaN',
    'page=x',
    'minimumRent=1e309',
    'minimumRent=Infinity',
    'minimumRent=-1',
    'minimumRent=12.5',
    'page=1&page=2',
    'a[b][c]=1',
    '%zz=1',
    `q=${'y'.repeat(3000)}`,
  ];
  const accepts = [
    'application/json',
    'application/json;q=0',
    'text/html',
    '*/*',
    'application/*;q=0.5, text/plain',
    'application/json; charset=utf-8',
    'garbage',
    '*/*;q=0',
  ];
  const contentTypes = [
    'application/json',
    'application/json; charset=utf-8',
    'text/plain',
    'application/x-www-form-urlencoded',
    'application/xml',
    'application/json; charset=utf-16',
    'nonsense',
    'application/vnd.x+json',
  ];
  const bodies = [
    '{"FullName":"Ada Lovelace","WeeklyRent":125.5,"StartDate":"2026-01-05"}',
    '{"FullName":"Ada Lovelace","WeeklyRent":1e309,"StartDate":"2026-01-05"}',
    '{"FullName":"Ada Lovelace","WeeklyRent":-1e400,"StartDate":"2026-01-05"}',
    '{"FullName":"Ada","WeeklyRent":NaN,"StartDate":"2026-01-05"}',
    '{"FullName":"Ada","WeeklyRent":Infinity}',
    '{"FullName":"Ada","Extra":{"deep":[1,2,3e999]}}',
    '{}',
    '[]',
    'null',
    '"text"',
    '{"FullName":',
    '{"__proto__":{"admin":true},"FullName":"x"}',
    '{"constructor":{"prototype":{}}}',
    `${'['.repeat(5000)}${']'.repeat(5000)}`,
    `{"FullName":"${'\\u0000'.repeat(10)}"}`,
    '{"WeeklyRent":"12"}',
    '\u0000\u0001\u0002',
    '',
  ];
  const methods = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'PROPFIND', 'get', 'SEARCH'];

  const request = (method: string, target: string, headers: Array<[string, string]>, body?: string): string => {
    const lines = [`${method} ${target} HTTP/1.1`, ...headers.map(([name, value]) => `${name}: ${value}`)];
    return `${lines.join('\r\n')}\r\n\r\n${body ?? ''}`;
  };
  const credentials = (): Array<[string, string]> => {
    const headers: Array<[string, string]> = [];
    if (chance(0.4))
      headers.push([
        'Authorization',
        pick([`Bearer ${secrets.token}`, 'Bearer not.a.jwt', `Basic ${Buffer.from('a:b').toString('base64')}`, 'Bearer', `bearer ${secrets.token}`]),
      ]);
    if (chance(0.15)) headers.push(['Authorization', `Bearer ${secrets.token}`]);
    if (chance(0.3)) headers.push(['Ocp-Apim-Subscription-Key', pick([secrets.apiKey, `made-up-${Math.floor(random() * 1e9)}-key-value`, ''])]);
    if (chance(0.1)) headers.push(['ocp-apim-subscription-key', secrets.apiKey]);
    return headers;
  };

  const kinds: Array<() => Omit<FuzzCase, 'stalls'> & { stalls?: boolean }> = [
    // A request to a real address, with credentials, queries and headers mixed.
    () => {
      const method = pick(methods);
      const query = [chance(0.5) ? pick(credentialQueries) : null, chance(0.5) ? pick(otherQueries) : null].filter(Boolean).join('&');
      const target = `${pick(paths)}${query ? `?${query}` : ''}`;
      const headers: Array<[string, string]> = [];
      const host = random();
      if (host < 0.9) headers.push(['Host', 'tenancies.test']);
      if (host > 0.95) headers.push(['Host', 'other.test']);
      headers.push(...credentials());
      if (chance(0.4)) headers.push(['Accept', pick(accepts)]);
      if (chance(0.2)) headers.push(['X-Request-Id', pick(['trace-1', 'bad id with spaces', 'x'.repeat(200), '{"level":60}'])]);
      const body = ['POST', 'PATCH', 'PUT'].includes(method.toUpperCase()) || chance(0.1) ? pick(bodies) : undefined;
      if (body !== undefined) headers.push(['Content-Type', pick(contentTypes)], ['Content-Length', String(Buffer.byteLength(body))]);
      headers.push(['Connection', 'close']);
      return { kind: 'route', pieces: [request(method, target, headers, body)], head: method === 'HEAD' };
    },
    // Bytes that are not HTTP, or nearly.
    () => ({
      kind: 'garbage',
      head: false,
      pieces: [
        pick([
          'THIS IS NOT HTTP\r\n\r\n',
          'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n',
          'GET / HTTP/9.9\r\nHost: x\r\n\r\n',
          'GET http://evil.test/v1/tenancies HTTP/1.1\r\nHost: x\r\n\r\n',
          'GET /v1/tenancies HTTP/1.1 extra\r\nHost: x\r\n\r\n',
          'GET  /v1/tenancies HTTP/1.1\r\nHost: x\r\n\r\n',
          'GET /v1/ten ancies HTTP/1.1\r\nHost: x\r\n\r\n',
          '\r\n\r\n\r\n',
          'GET /\u0000 HTTP/1.1\r\nHost: x\r\n\r\n',
          Buffer.from(Array.from({ length: 64 }, () => Math.floor(random() * 256))),
          'GET /v1/tenancies HTTP/1.0\r\n\r\n',
          'G\u00c9T /v1/tenancies HTTP/1.1\r\nHost: x\r\n\r\n',
        ]),
      ],
    }),
    // Header lines a parser must refuse, or that are too large.
    () => ({
      kind: 'headers',
      head: false,
      pieces: [
        request('GET', '/v1/tenancies', [
          ['Host', 'x'],
          pick<[string, string]>([
            ['Bad Name', 'v'],
            ['X-Ctl', 'a\u0001b'],
            ['X-Fold', 'a\r\n continued'],
            ['X-Big', 'a'.repeat(20_000)],
            ['X-Empty', ''],
            [':authority', 'x'],
            ['Content-Length', '-1'],
            ['Content-Length', '1, 2'],
            ['X-Injected', 'a\rb'],
            ['Transfer-Encoding', 'gzip'],
          ]),
          ['Connection', 'close'],
        ]),
      ],
    }),
    // Framing: Content-Length and Transfer-Encoding that disagree, broken chunks, a body over the limit.
    () => ({
      kind: 'framing',
      head: false,
      pieces: [
        pick([
          'POST /v1/tenancies HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
          'POST /v1/tenancies HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\nabc\r\n0\r\n\r\n',
          'POST /v1/tenancies HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}',
          `POST /v1/tenancies HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${secrets.token}\r\nContent-Type: application/json\r\nContent-Length: 2097152\r\nConnection: close\r\n\r\n{`,
          `PATCH /v1/tenancies/${TENANCY} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${secrets.token}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n2\r\n{}\r\n0\r\n\r\n`,
          'GET /health/live HTTP/1.1\r\nHost: x\r\n\r\nGET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
        ]),
      ],
    }),
    // Methods no operation has, and expectations the service cannot meet.
    () => ({
      kind: 'expect',
      head: false,
      pieces: [
        pick([
          'CONNECT tenancies.test:443 HTTP/1.1\r\nHost: tenancies.test:443\r\n\r\n',
          'GET /v1/tenancies HTTP/1.1\r\nHost: x\r\nExpect: x-weird\r\nConnection: close\r\n\r\n',
          `POST /v1/tenancies HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nAuthorization: Bearer ${secrets.token}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
          'GET /v1/tenancies HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
        ]),
      ],
    }),
  ];

  // Clients that stop: headers never finished, a body that trickles or never comes, nothing at all.
  const stalls: Array<() => FuzzCase> = [
    () => ({ kind: 'stall: headers', head: false, stalls: true, pieces: [`GET /v1/tenancies?access_token=${secrets.token} HTTP/1.1\r\nHost: x\r\n`] }),
    () => ({
      kind: 'stall: body trickles',
      head: false,
      stalls: true,
      pieces: [
        `POST /v1/tenancies HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${secrets.token}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{`,
        ...Array.from({ length: 12 }, () => [{ pauseMs: 150 }, ' '] as Piece[]).flat(),
      ],
    }),
    () => ({
      kind: 'stall: body never comes',
      head: false,
      stalls: true,
      pieces: [
        `PATCH /v1/tenancies/${TENANCY} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${secrets.token}\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n{"Full`,
      ],
    }),
    () => ({ kind: 'stall: nothing sent', head: false, stalls: true, pieces: [] }),
  ];

  const cases: FuzzCase[] = [];
  for (let index = 0; index < count; index++) {
    // One stall in forty: each costs the timeout, not a round trip.
    if (index % 40 === 7) cases.push(stalls[((index / 40) % stalls.length) | 0]!());
    else cases.push({ stalls: false, ...pick(kinds)() });
  }
  return cases;
}
