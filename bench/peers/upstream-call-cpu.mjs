// @ts-check
/**
 * The upstream benchmark's in-process measure: run in a built service that
 * calls the pets API (its folder as the working directory), it makes GET
 * /pets/{petId} calls to PETS_URL through the service's own outbound-call
 * runtime (dist/src/upstream/) and through a bare fetch with a timeout, in
 * turns, 10 at a time, and prints each round's CPU per call of this process
 * for both as JSON. Only the caller's own work is measured: the pets service
 * runs in another process (pinned to another core by the benchmark when it
 * can), so what the runtime adds shows above the noise of a whole service.
 *
 *   node upstream-call-cpu.mjs ROUNDS CALLS_PER_ROUND  (PETS_URL, TOKEN_URL in the environment)
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Registry } from 'prom-client';

const [rounds, perRound] = [Number(process.argv[2] ?? 20), Number(process.argv[3] ?? 1000)];
const here = (file) => pathToFileURL(path.resolve(file)).href;
const { UpstreamCall } = await import(here('dist/src/upstream/call.js'));
const { UpstreamMetrics } = await import(here('dist/src/upstream/metrics.js'));
const { readUpstreamSettings } = await import(here('dist/src/upstream/settings.js'));
const { description, calls } = await import(here('dist/src/generated/upstreams/pets/client.js'));

const PET = '5b0a5e36-6a0c-4f0e-9d7c-2b0f8f1f3c11';
const env = {
  UPSTREAM_PETS_MODE: 'live',
  UPSTREAM_PETS_URL: process.env.PETS_URL,
  UPSTREAM_PETS_TOKEN_URL: process.env.TOKEN_URL,
  UPSTREAM_PETS_CLIENT_ID: 'bench',
  UPSTREAM_PETS_CLIENT_SECRET: 'bench',
};
const log = { info() {}, warn() {}, error() {}, debug() {} };
const settings = readUpstreamSettings(description, env, { production: false, authMode: 'mock', env });
const runtime = new UpstreamCall(settings, new UpstreamMetrics(new Registry()), log);

const ways = {
  client: () => runtime.call(calls.getPet, { params: { petId: PET } }, { requestId: 'bench-1', log }),
  fetch: async () => {
    const answer = await fetch(`${process.env.PETS_URL}/pets/${encodeURIComponent(PET)}`, {
      headers: { authorization: 'Bearer bench-token', 'x-request-id': 'bench-1', accept: 'application/json' },
      signal: AbortSignal.timeout(5000),
    });
    return { status: answer.status, body: await answer.json() };
  },
};

/** CPU µs per call of this process over `count` calls, 10 at a time. */
async function round(call, count) {
  let left = count;
  const before = process.cpuUsage();
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (left-- > 0) {
        const answer = await call();
        if (answer.status !== 200) throw new Error(`the pets service answered ${answer.status}`);
      }
    }),
  );
  const used = process.cpuUsage(before);
  return (used.user + used.system) / count;
}

for (const call of Object.values(ways)) await round(call, 2000);
const results = { client: [], fetch: [] };
for (let index = 0; index < rounds; index++) {
  // Each goes first in every other round.
  const order = index % 2 === 0 ? ['client', 'fetch'] : ['fetch', 'client'];
  for (const way of order) results[way].push(await round(ways[way], perRound));
}
process.stdout.write(`${JSON.stringify(results)}\n`);
