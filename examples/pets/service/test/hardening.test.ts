/**
 * What the platform does with traffic no well-behaved client sends, for
 * whatever this service's blueprint is: HTTP that Node refuses before any
 * route (a missing or repeated Host, an unknown Expect, CONNECT, bytes that
 * are not HTTP, headers too large) answered in the error shape with a request
 * id; clients too slow to send their request cut with 408; a credential
 * header sent twice refused; `Accept: ...;q=0` honoured; and a shutdown that
 * drains before it closes. Over a loopback socket, with short timeouts.
 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { versions } from '../src/generated/versions.js';
import { MOCK_CLIENT_HEADER, unsupported } from '../src/platform/auth.js';
import { loadConfig } from '../src/platform/config.js';
import { settings } from '../src/platform/settings.js';
import type { RouteSpec, VersionModule } from '../src/platform/version-module.js';
import { encodeBody, samplesOf } from './helpers.js';

const TIMEOUTS = { HEADERS_TIMEOUT_MS: '200', REQUEST_TIMEOUT_MS: '400' };
const build = (env: NodeJS.ProcessEnv = {}) => buildApp(loadConfig({ AUTH_MODE: 'mock', LOG_LEVEL: 'silent', ...TIMEOUTS, ...env }));

interface Raw {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Milliseconds from the last byte sent to the server closing the connection. */
  closedAfterMs: number;
}

/** One loopback connection: send the text, read until the server closes it (at most 5 s). */
function raw(port: number, text: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    const sent = Date.now();
    let received = '';
    const give = setTimeout(() => socket.destroy(new Error(`connection still open after 5 s; received ${JSON.stringify(received.slice(0, 200))}`)), 5000);
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => {
      clearTimeout(give);
      const [head = '', ...rest] = received.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) headers[line.slice(0, line.indexOf(':')).toLowerCase()] = line.slice(line.indexOf(':') + 1).trim();
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: Buffer.from(rest.join('\r\n\r\n'), 'latin1').toString('utf8'), closedAfterMs: Date.now() - sent });
    });
  });
}

/** The answer is in the playbook's error shape, with the request id in X-Request-Id (and, in a problem, in requestId). */
function assertErrorShape(answer: { status: number; headers: Record<string, unknown>; body: string }, status: number): void {
  assert.equal(answer.status, status, answer.body);
  const id = String(answer.headers['x-request-id'] ?? '');
  assert.match(id, /^[A-Za-z0-9._:@+=-]{1,128}$/, 'every answer names its request');
  const body = JSON.parse(answer.body) as Record<string, unknown>;
  if (settings.errorShape === 'problem') {
    assert.match(String(answer.headers['content-type']), /^application\/problem\+json/);
    assert.equal(body.status, status);
    assert.equal(body.requestId, id);
  } else {
    assert.match(String(answer.headers['content-type']), /^application\/json/);
    assert.equal(Object.keys(body).length, 2);
  }
  assert.match(JSON.stringify(body), /not repeat the request unchanged/i);
}

/** An operation of this service, with the sample request its contract tests send; null when none fits. */
function operation(
  fits: (route: RouteSpec) => boolean,
): { version: VersionModule; route: RouteSpec; url: string; headers: Record<string, string> } | null {
  for (const version of versions) {
    const samples = samplesOf(version.key);
    for (const route of version.routes) {
      const sample = samples[route.operationId];
      if (!sample || route.dispatch || !fits(route)) continue;
      const query = new URLSearchParams(sample.query).toString();
      return { version, route, url: `${version.prefix}${sample.path}${query ? `?${query}` : ''}`, headers: { ...sample.headers } };
    }
  }
  return null;
}

// One service for all of it, shut down last: building one costs more than all these requests.
describe('one running service', () => {
  let app: FastifyInstance;
  let port: number;
  before(async () => {
    app = await build({ SHUTDOWN_DRAIN_MS: '300' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as { port: number }).port;
  });
  after(() => app.shutdown());

  test('HTTP refused before any route answers in the error shape, with a request id', async () => {
    const cases: Array<[string, number]> = [
      ['GET /health/live HTTP/1.1\r\n\r\n', 400],
      ['GET /health/live HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n', 400],
      ['GET /health/live HTTP/1.1\r\nHost: x\r\nExpect: x-weird\r\n\r\n', 417],
      ['CONNECT example.test:443 HTTP/1.1\r\nHost: example.test:443\r\n\r\n', 400],
      ['THIS IS NOT HTTP\r\n\r\n', 400],
      [`GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
    ];
    for (const [text, status] of cases) {
      const answer = await raw(port, text);
      assertErrorShape(answer, status);
      assert.equal(answer.headers.connection?.toLowerCase(), 'close', text.split('\r\n')[0]);
    }
  });

  test('a client too slow to send its headers is cut with 408, and not held open', async () => {
    const answer = await raw(port, 'GET /health/live HTTP/1.1\r\nHost: x\r\n');
    assertErrorShape(answer, 408);
    assert.ok(answer.closedAfterMs < 200 + 1000 + 1500, `closed ${answer.closedAfterMs} ms after the last byte`);
  });

  const withBody = operation((route) => route.bodyMediaTypes.some((type) => /json/i.test(type)));
  test('a body that never finishes arriving is cut with 408, quoting the request', { skip: withBody ? false : 'no operation takes a JSON body' }, async () => {
    const { route, url } = withBody!;
    const answer = await raw(port, `${route.method} ${url} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\nX-Request-Id: slow-body-1\r\n\r\n{`);
    assertErrorShape(answer, 408);
    assert.equal(answer.headers['x-request-id'], 'slow-body-1', 'the answer quotes the id the request was logged with');
    assert.ok(answer.closedAfterMs < 400 + 1000 + 1500, `closed ${answer.closedAfterMs} ms after the last byte`);
  });

  const answering = operation((route) => route.method === 'GET' && route.produces.some((type) => !type.includes('*') && type !== 'application/problem+json'));
  test('Accept with q=0 for what the operation answers in is 406; parameters besides q do not matter', { skip: answering ? false : 'no GET answers in a media type of its own' }, async () => {
    const { route, url, headers } = answering!;
    const type = route.produces.find((candidate) => !candidate.includes('*') && candidate !== 'application/problem+json')!.split(';')[0]!;
    // The sample request (its required headers too), each call as a client of its own, so only Accept can refuse it.
    const refused = await app.inject({ url, headers: { ...headers, accept: `${type};q=0, text/x-nothing`, [MOCK_CLIENT_HEADER]: 'accept-q0' } });
    assertErrorShape({ status: refused.statusCode, headers: refused.headers, body: refused.body }, 406);
    for (const [index, accept] of [`${type}; charset=utf-8`, `text/x-nothing;q=0.5, ${type};q=0.1`, `*/*;q=0.1, ${type};q=1`].entries()) {
      assert.notEqual((await app.inject({ url, headers: { ...headers, accept, [MOCK_CLIENT_HEADER]: `accept-${index}` } })).statusCode, 406, accept);
    }
  });

  /** The first header of a supported scheme the operation reads credentials from. */
  const credentialHeader = (version: VersionModule, route: RouteSpec): string | null => {
    const schemes = new Map(version.securitySchemes.map((scheme) => [scheme.name, scheme]));
    for (const { scheme: name, scopes } of route.security.flat()) {
      const scheme = schemes.get(name);
      if (!scheme || unsupported(scheme, scopes) !== null) continue;
      return scheme.kind === 'jwt' ? 'authorization' : scheme.parameterName;
    }
    return null;
  };
  const secured = operation((route) => route.method === 'GET' && versions.some((version) => version.routes.includes(route) && credentialHeader(version, route) !== null));
  test('a credential header sent twice is refused with 400', { skip: secured ? false : 'no GET operation reads credentials this service accepts' }, async () => {
    const { version, route, url } = secured!;
    const sample = samplesOf(version.key)[route.operationId]!;
    const header = credentialHeader(version, route)!;
    // Over the wire, as a client sends it: two header lines (inject's handling of an array differs between versions).
    const headers = { ...sample.headers, ...encodeBody(sample).headers, [MOCK_CLIENT_HEADER]: 'repeated-credential' };
    const lines = Object.entries(headers)
      .filter(([name, value]) => name !== header && !/[\r\n]/.test(`${name}${String(value)}`))
      .map(([name, value]) => `${name}: ${String(value)}\r\n`);
    const answer = await raw(port, `GET ${url} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${lines.join('')}${header}: one-credential-value\r\n${header}: another-credential-value\r\n\r\n`);
    assertErrorShape(answer, 400);
    assert.match(answer.body, /more than once/);
  });

  test('shutdown: /health/ready fails and answers close their connections while draining, then the service closes cleanly', async () => {
    const stopped = app.shutdown();
    const ready = await raw(port, 'GET /health/ready HTTP/1.1\r\nHost: x\r\n\r\n');
    assert.equal(ready.status, 503);
    assert.deepEqual(JSON.parse(ready.body), { status: 'fail', checks: { shutdown: 'fail' } });
    const live = await raw(port, 'GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n');
    assert.equal(live.status, 200, 'still serving while draining');
    assert.equal(live.headers.connection?.toLowerCase(), 'close');
    assert.equal(await stopped, 'clean');
    assert.equal(app.shutdown(), stopped, 'a second signal does not start a second shutdown');
  });
});
