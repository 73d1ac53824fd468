/**
 * Upstream calls: the adoptions service answering GET /v1/adoptions/{petId}
 * by calling the pets service, (a) through the generated client
 * (`context.upstreams.pets.getPet`: openapi-fetch, cockatiel's timeout,
 * retry and circuit breaker, the token cache, metrics) against (b) the same
 * service whose handler calls the pets service with a hand-written `fetch`
 * (a token sent as it is, a timeout, no retries, breaker or measures: the
 * least a call in production needs), in the same run, both
 * against one pets service. The client's token comes from a token endpoint
 * here (fetched once). Goal: at least 0.8 of the hand-written call's rate.
 *
 *   npx tsx bench/upstream.ts [--duration S] [--warmup S] [--rounds N]
 */
import { rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { runNew } from '../src/cli/commands/new.js';
import { measure, type Sample, type Scenario, type Target } from './serve.js';
import { buildService, flag, freePort, isMain, progress, ratio, repoScratch, root, startServer, table, waitForAnswer } from './support.js';

const PET = '5b0a5e36-6a0c-4f0e-9d7c-2b0f8f1f3c11';

const GENERATED_CLIENT = `import type { Handlers } from '../../../generated/v1/handlers.js';
import { problem } from '../../../platform/problem.js';

export const getAdoption: Handlers['getAdoption'] = async (request, context) => {
  const found = await context.upstreams.pets.getPet({ params: { petId: request.params.petId } });
  if (found.status !== 200) throw problem(404, 'The pet register has no such pet.');
  return { status: 200, body: { PetId: request.params.petId, Name: found.body.Name, Adoptable: found.body.Species !== 'tortoise' } };
};
`;

const HAND_WRITTEN = `import type { Handlers } from '../../../generated/v1/handlers.js';
import { problem } from '../../../platform/problem.js';

const base = process.env.UPSTREAM_PETS_URL;

export const getAdoption: Handlers['getAdoption'] = async (request, context) => {
  const answer = await fetch(\`\${base}/pets/\${encodeURIComponent(request.params.petId)}\`, {
    headers: { authorization: 'Bearer bench-token', 'x-request-id': context.requestId, accept: 'application/json' },
    signal: AbortSignal.timeout(5000),
  });
  if (answer.status !== 200) throw problem(404, 'The pet register has no such pet.');
  const pet = (await answer.json()) as { Name: string; Species: string };
  return { status: 200, body: { PetId: request.params.petId, Name: pet.Name, Adoptable: pet.Species !== 'tortoise' } };
};
`;

export async function runUpstreamBench(options: { duration?: number; warmup?: number; rounds?: number } = {}): Promise<string> {
  const duration = options.duration ?? 10;
  const warmup = options.warmup ?? 3;
  const rounds = options.rounds ?? 2;
  const scratch = repoScratch('upstream');
  const tokenPort = await freePort();
  let tokens = 0;
  const tokenEndpoint = createServer((request, response) => {
    request.resume();
    tokens++;
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ access_token: 'bench-token', token_type: 'Bearer', expires_in: 3600 }));
  });
  await new Promise<void>((resolve) => tokenEndpoint.listen(tokenPort, '127.0.0.1', resolve));
  try {
    progress('upstream: generating and building the pets service and two adoptions services');
    const quiet = { stdout: () => {}, stderr: () => {} };
    const pets = path.join(scratch, 'pets');
    await runNew({ blueprints: ['examples/pets/pets-v1.yaml'], out: pets, cwd: root, lint: false }, quiet);
    const outers: Record<'client' | 'fetch', string> = { client: path.join(scratch, 'adoptions-client'), fetch: path.join(scratch, 'adoptions-fetch') };
    for (const [kind, folder] of Object.entries(outers)) {
      await runNew(
        { blueprints: ['examples/adoptions/adoptions.yaml'], out: folder, cwd: root, lint: false, upstream: ['pets=examples/pets/pets-v1.yaml'] },
        quiet,
      );
      writeFileSync(path.join(folder, 'src/handlers/v1/adoptions/getAdoption.ts'), kind === 'client' ? GENERATED_CLIENT : HAND_WRITTEN);
    }
    for (const folder of [pets, ...Object.values(outers)]) buildService(folder);

    const inner = await startServer(process.execPath, ['dist/src/server.js'], { cwd: pets, env: { LOG_LEVEL: 'silent', AUTH_MODE: 'mock' } });
    try {
      await waitForAnswer(inner, `${inner.base}/health/live`, 60_000, 50);
      const upstreamEnv = {
        UPSTREAM_PETS_MODE: 'live',
        UPSTREAM_PETS_URL: `${inner.base}/v1`,
        UPSTREAM_PETS_TOKEN_URL: `http://127.0.0.1:${tokenPort}/token`,
        UPSTREAM_PETS_CLIENT_ID: 'bench',
        UPSTREAM_PETS_CLIENT_SECRET: 'bench',
      };
      const scenario: Scenario = {
        name: `GET /v1/adoptions/${PET}`,
        path: `/v1/adoptions/${PET}`,
        headers: {},
        serviceEnv: { AUTH_MODE: 'mock', ...upstreamEnv },
      };
      const targets: Target[] = [
        {
          name: 'generated client (openapi-fetch, cockatiel, token cache, metrics)',
          start: (s) => startServer(process.execPath, ['dist/src/server.js'], { cwd: outers.client, env: { LOG_LEVEL: 'silent', ...s.serviceEnv } }),
        },
        {
          name: 'hand-written fetch with a timeout',
          start: (s) => startServer(process.execPath, ['dist/src/server.js'], { cwd: outers.fetch, env: { LOG_LEVEL: 'silent', ...s.serviceEnv } }),
        },
      ];
      const probe = await targets[0]!.start(scenario);
      let expected: unknown;
      try {
        const answer = await waitForAnswer(probe, `${probe.base}${scenario.path}`, 60_000, 50);
        if (answer.status !== 200) throw new Error(`the adoptions service answered ${answer.status}: ${probe.log()}`);
        expected = await answer.json();
      } finally {
        await probe.stop();
      }
      const samples = new Map<Target, Sample[]>(targets.map((target) => [target, []]));
      for (let round = 0; round < rounds; round++) {
        for (const target of targets) {
          progress(`upstream: ${target.name}, round ${round + 1}/${rounds}`);
          samples.get(target)!.push(await measure(target, scenario, expected, warmup, duration));
        }
      }
      const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
      const rps = (target: Target) => mean(samples.get(target)!.map((sample) => sample.requestsPerSecond));
      const cpu = (target: Target) => mean(samples.get(target)!.map((sample) => sample.cpuMicrosPerRequest ?? Number.NaN));
      const latency = (target: Target) => mean(samples.get(target)!.map((sample) => sample.latencyMean));
      const [client, hand] = targets as [Target, Target];
      return [
        `${rounds} rounds of ${duration} s after ${warmup} s warm-up, 10 connections to the adoptions service, each request one call to the pets service (AUTH_MODE=mock there) on the same machine.`,
        '',
        table(
          ['adoptions handler', 'req/s (mean)', 'latency ms (mean)', 'adoptions CPU µs/req', 'ratio to hand-written (req/s)', 'non-2xx + errors'],
          ['l', 'r', 'r', 'r', 'r', 'r'],
          targets.map((target) => [
            target.name,
            rps(target).toFixed(0),
            latency(target).toFixed(2),
            cpu(target).toFixed(0),
            ratio(rps(target), rps(hand)),
            samples.get(target)!.reduce((sum, sample) => sum + sample.non2xx + sample.errors, 0),
          ]),
        ),
        '',
        `Token requests during the run: ${tokens} (one per start of the generated-client service).`,
        `Goal: at least 0.8 of the hand-written call: **${Number(ratio(rps(client), rps(hand))) >= 0.8 ? 'met' : 'not met'}** (${ratio(rps(client), rps(hand))}).`,
      ].join('\n');
    } finally {
      await inner.stop();
    }
  } finally {
    tokenEndpoint.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  console.log(await runUpstreamBench({ duration: flag('--duration', 10), warmup: flag('--warmup', 3), rounds: flag('--rounds', 2) }));
}
