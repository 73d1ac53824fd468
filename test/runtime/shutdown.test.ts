/**
 * Graceful shutdown of a running service (`tsx src/server.ts`, the pets
 * example), as a load balancer sees it. SIGTERM under load: /health/ready
 * fails at once, the instance keeps serving through SHUTDOWN_DRAIN_MS with
 * `Connection: close` on its answers, a request in flight through the whole
 * drain still finishes, and no client sees a connection reset. Kept-alive
 * connections left idle when SIGTERM arrives: the next request on each is
 * answered, not reset (what the hostile-traffic run found: 20 resets out of 20).
 */
import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { test, before } from 'node:test';
import { generate, startService, writeHandler, type Started } from './generated-service.js';
import { parseResponses, type RawResponse } from './raw-exchange.js';

const DRAIN_MS = 2000;
/** The balancer takes the instance out this long after a probe first fails (within the drain, as it must be configured). */
const BALANCER_REACTION_MS = 400;
const SLOW_PET = '497f6eca-6276-4993-bfeb-53cbbbba6f08';

let service: string;

before(async () => {
  service = await generate('shutdown', ['examples/pets/pets-v1.yaml']);
  // One pet takes longer to find than the whole drain.
  await writeHandler(
    service,
    'pets/getPet',
    'getPet',
    `async (request, context) => {
  if (request.params.petId === '${SLOW_PET}') await new Promise((resolve) => setTimeout(resolve, ${DRAIN_MS + 1000}));
  return context.mock();
}`,
  );
});

const env = { AUTH_MODE: 'mock', SHUTDOWN_DRAIN_MS: String(DRAIN_MS), SHUTDOWN_TIMEOUT_MS: '5000', LOG_LEVEL: 'info' };

interface Answer {
  status: number;
  connection: string | undefined;
}

/** One GET through a kept-alive agent; a failure is the error's code. */
function get(instance: Started, agent: Agent, path: string): Promise<Answer | string> {
  return new Promise((resolve) => {
    const outgoing = request(`${instance.url}${path}`, { agent }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode!, connection: response.headers.connection }));
      response.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    });
    outgoing.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    outgoing.end();
  });
}

function exited(instance: Started): Promise<{ code: number | null; at: number }> {
  return new Promise((resolve) => {
    if (instance.child.exitCode !== null) return resolve({ code: instance.child.exitCode, at: Date.now() });
    instance.child.once('exit', (code) => resolve({ code, at: Date.now() }));
  });
}

test('SIGTERM under load: ready fails first, the drain serves with Connection: close, in-flight work finishes, zero resets', { timeout: 60_000 }, async () => {
  const instance = await startService(service, env);
  try {
    let routing = true;
    const answers: Answer[] = [];
    const failures: string[] = [];
    // Sixteen clients, each on its own kept-alive connection, one request after another while the balancer routes to us.
    const clients = Array.from({ length: 16 }, async () => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      while (routing) {
        const answer = await get(instance, agent, '/v1/pets');
        if (typeof answer === 'string') failures.push(answer);
        else answers.push(answer);
      }
      agent.destroy();
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const slow = get(instance, new Agent({ keepAlive: true }), `/v1/pets/${SLOW_PET}`);
    await new Promise((resolve) => setTimeout(resolve, 100));

    const end = exited(instance);
    const signalled = Date.now();
    const before = answers.length;
    instance.child.kill('SIGTERM');
    // The balancer's probe.
    let unreadyAfter: number | null = null;
    while (unreadyAfter === null) {
      assert.ok(Date.now() - signalled < DRAIN_MS, `/health/ready did not fail during the drain:\n${instance.output().slice(-2000)}`);
      const probe = await get(instance, new Agent(), '/health/ready');
      if (typeof probe !== 'string' && probe.status === 503) unreadyAfter = Date.now() - signalled;
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, BALANCER_REACTION_MS));
    const servedWhileDraining = answers.length - before;
    routing = false;
    await Promise.all(clients);

    const slowAnswer = await slow;
    const { code, at } = await end;
    assert.deepEqual(failures, [], 'no client saw a reset, a refused connection or a hang-up');
    assert.ok(unreadyAfter < 500, `/health/ready failed ${unreadyAfter} ms after SIGTERM`);
    assert.ok(servedWhileDraining > 16, `${servedWhileDraining} requests served while draining`);
    assert.ok(
      answers.every((answer) => answer.status === 200),
      `statuses: ${[...new Set(answers.map((answer) => answer.status))].join(', ')}`,
    );
    assert.ok(
      answers.slice(before).some((answer) => answer.connection === 'close'),
      'answers while draining close their connection',
    );
    assert.deepEqual(slowAnswer, { status: 200, connection: 'keep-alive' }, 'the request in flight through the drain finished');
    assert.equal(code, 0, instance.output().slice(-2000));
    assert.ok(at - signalled >= DRAIN_MS, `exited ${at - signalled} ms after SIGTERM, before the drain ended`);
    assert.ok(at - signalled < DRAIN_MS + 4000, `exited ${at - signalled} ms after SIGTERM`);
    assert.match(instance.output(), /"forced":false,"msg":"shut down"/);
  } finally {
    await instance.stop();
  }
});

test('kept-alive connections idle at SIGTERM: the next request on each is answered (and told to close), none reset', { timeout: 60_000 }, async () => {
  const instance = await startService(service, env);
  try {
    // Twenty connections, each with one request answered and then idle: what a client's pool holds.
    const pool = await Promise.all(Array.from({ length: 20 }, () => openKeptAlive(instance.port)));
    for (const connection of pool) assert.equal((await connection.ask()).status, 200);
    const end = exited(instance);
    instance.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const answers = await Promise.all(pool.map((connection) => connection.ask()));
    const closed = await Promise.all(pool.map((connection) => connection.closed));
    assert.deepEqual(
      closed.map((outcome) => outcome.error),
      new Array(20).fill(null),
      'no connection was reset',
    );
    for (const answer of answers) {
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.headers.connection, ['close']);
    }
    assert.equal((await end).code, 0);
  } finally {
    await instance.stop();
  }
});

interface KeptAlive {
  /** Sends a GET on this connection and waits for its answer. */
  ask(): Promise<RawResponse>;
  /** When the server closed the connection; `error` is what the client saw (ECONNRESET for a reset). */
  closed: Promise<{ error: string | null }>;
}

function openKeptAlive(port: number): Promise<KeptAlive> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let buffer = '';
    let waiting: ((response: RawResponse) => void) | null = null;
    let error: string | null = null;
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      const { responses, rest } = parseResponses(buffer, false);
      if (responses.length === 0) return;
      buffer = rest;
      waiting?.(responses[0]!);
      waiting = null;
    });
    socket.on('error', (failure: NodeJS.ErrnoException) => (error ??= failure.code ?? failure.message));
    const closed = new Promise<{ error: string | null }>((done) => socket.on('close', () => done({ error })));
    socket.on('connect', () =>
      resolve({
        ask: () =>
          new Promise((answered) => {
            waiting = answered;
            socket.write('GET /v1/pets HTTP/1.1\r\nHost: pets.test\r\n\r\n');
          }),
        closed,
      }),
    );
    socket.once('error', reject);
  });
}
