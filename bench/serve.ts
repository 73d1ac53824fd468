/**
 * Serving speed: the generated pets service (built by tsc, `node
 * dist/src/server.js`, AUTH_MODE=mock, LOG_LEVEL=silent) beside two peers
 * answering the same request with the same body in the same run:
 *   - bench/peers/fastify-pets.mjs: GET /v1/pets written by hand with Fastify and the same schemas;
 *   - bench/peers/express-pets.mjs: Express with express-openapi-validator on the same blueprint.
 * Load: autocannon's programmatic API, 10 connections, loopback only, a
 * warm-up then a measured window per target; the targets take turns, and
 * each round starts every target afresh. Each figure is the median of the
 * rounds: the same server, started again, can cost 3 µs more per request for
 * its whole life (a process.nextTick shape V8 drops in a start-up garbage
 * collection: docs/runtime.md, "The next-tick shape"), and the hand-written
 * peer, which does not hold that shape, drew it in about one start of eight
 * here. The median of five starts is not decided by one such draw, for either
 * side. Besides req/s, the server's own CPU time per request (from /proc)
 * shows cost independently of the load generator sharing the machine.
 *
 * Scenarios are (request, service settings) pairs: the auth-cost variant
 * (a JWT on every request, AUTH_MODE=verify) is one more entry in SCENARIOS
 * with an Authorization header and the environment that configures verification.
 *
 *   npx tsx bench/serve.ts [--duration S] [--warmup S] [--rounds N]
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import {
  buildService,
  compileDesignFirst,
  flag,
  generate,
  isMain,
  median,
  peakRssMiB,
  progress,
  ratio,
  ratioAgainst,
  repoScratch,
  root,
  startServer,
  table,
  waitForAnswer,
  type Started,
} from './support.js';

export interface Scenario {
  name: string;
  path: string;
  /** Sent with every request (the auth variant: `authorization: Bearer <token>`). */
  headers: Record<string, string>;
  /** Extra environment for the generated service (the auth variant: AUTH_MODE=verify and its JWKS settings). */
  serviceEnv: Record<string, string>;
}

const SCENARIOS: Scenario[] = [{ name: 'GET /v1/pets, no credentials (AUTH_MODE=mock)', path: '/v1/pets', headers: {}, serviceEnv: { AUTH_MODE: 'mock' } }];

export interface Target {
  name: string;
  start: (scenario: Scenario) => Promise<Started>;
}

export interface Sample {
  requestsPerSecond: number;
  latencyMean: number;
  p99: number;
  cpuMicrosPerRequest: number | undefined;
  non2xx: number;
  errors: number;
  peakRssMiB: number | undefined;
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** utime + stime of a live Linux process, in seconds; undefined elsewhere. */
function cpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

function load(url: string, headers: Record<string, string>, seconds: number): Promise<autocannon.Result> {
  return autocannon({ url, connections: 10, duration: seconds, headers });
}

export async function measure(target: Target, scenario: Scenario, expected: unknown, warmup: number, duration: number): Promise<Sample> {
  const started = await target.start(scenario);
  try {
    const url = `${started.base}${scenario.path}`;
    await (await waitForAnswer(started, url, 30_000, 50)).arrayBuffer();
    // Same answer as the generated service before any load: status and body.
    const answer = await fetch(url, { headers: scenario.headers });
    const text = await answer.text();
    assert.equal(answer.status, 200, `${target.name}: ${url} answered ${answer.status}: ${text}`);
    assert.deepEqual(JSON.parse(text), expected, `${target.name} answers a different body`);

    await load(url, scenario.headers, warmup);
    const cpuBefore = cpuSeconds(started.child.pid);
    const result = await load(url, scenario.headers, duration);
    const cpuAfter = cpuSeconds(started.child.pid);
    const total = result.requests.total;
    return {
      requestsPerSecond: result.requests.average,
      latencyMean: result.latency.mean,
      p99: result.latency.p99,
      cpuMicrosPerRequest: cpuBefore !== undefined && cpuAfter !== undefined && total > 0 ? ((cpuAfter - cpuBefore) * 1e6) / total : undefined,
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
      peakRssMiB: peakRssMiB(started.child.pid),
    };
  } finally {
    await started.stop();
  }
}

export async function runServeBench(options: { duration?: number; warmup?: number; rounds?: number } = {}): Promise<string> {
  const duration = options.duration ?? 5;
  const warmup = options.warmup ?? 2;
  const rounds = options.rounds ?? 5;
  compileDesignFirst();
  const scratch = repoScratch('serve');
  try {
    const service = path.join(scratch, 'pets');
    progress('serve: generating and building the pets service');
    await generate(path.join(root, 'examples/pets/pets-v1.yaml'), service);
    const build = buildService(service);
    const bodyFile = path.join(scratch, 'body.json');
    const peerEnv = { BODY_FILE: bodyFile, NODE_ENV: 'production' };

    const ours: Target = {
      name: 'generated service (design-first)',
      start: (scenario) => startServer(process.execPath, ['dist/src/server.js'], { cwd: service, env: { LOG_LEVEL: 'silent', ...scenario.serviceEnv } }),
    };
    const targets: Target[] = [
      ours,
      {
        name: 'hand-written Fastify route',
        start: () => startServer(process.execPath, [path.join(root, 'bench/peers/fastify-pets.mjs')], { cwd: root, env: peerEnv }),
      },
      {
        name: 'Express + express-openapi-validator',
        start: () => startServer(process.execPath, [path.join(root, 'bench/peers/express-pets.mjs')], { cwd: root, env: peerEnv }),
      },
    ];
    const [fastify, express] = [targets[1]!, targets[2]!];

    const sections: string[] = [];
    for (const scenario of SCENARIOS) {
      // The body every target must send: the generated service's mock answer.
      const probe = await ours.start(scenario);
      let expected: unknown;
      try {
        const answer = await waitForAnswer(probe, `${probe.base}${scenario.path}`, 60_000, 50);
        assert.equal(answer.status, 200, `the generated service answered ${answer.status}: ${probe.log()}`);
        expected = await answer.json();
      } finally {
        await probe.stop();
      }
      writeFileSync(bodyFile, JSON.stringify(expected));

      const samples = new Map<Target, Sample[]>(targets.map((target) => [target, []]));
      for (let round = 0; round < rounds; round++) {
        for (const target of targets) {
          progress(`serve: ${target.name}, round ${round + 1}/${rounds}`);
          samples.get(target)!.push(await measure(target, scenario, expected, warmup, duration));
        }
      }
      const summary = new Map(
        targets.map((target) => {
          const list = samples.get(target)!;
          const cpu = list.map((s) => s.cpuMicrosPerRequest).filter((v): v is number => v !== undefined);
          const rss = list.map((s) => s.peakRssMiB).filter((v): v is number => v !== undefined);
          return [
            target,
            {
              rps: median(list.map((s) => s.requestsPerSecond)),
              rounds: list.map((s) => s.requestsPerSecond.toFixed(0)).join(', '),
              latencyMean: median(list.map((s) => s.latencyMean)),
              p99: median(list.map((s) => s.p99)),
              cpu: cpu.length ? median(cpu) : undefined,
              cpuRounds: list.map((s) => (s.cpuMicrosPerRequest === undefined ? 'n/a' : s.cpuMicrosPerRequest.toFixed(1))).join(', '),
              rss: rss.length ? Math.max(...rss) : undefined,
              failures: list.reduce((sum, s) => sum + s.non2xx + s.errors, 0),
            },
          ];
        }),
      );
      const o = summary.get(ours)!;
      const f = summary.get(fastify)!;
      const e = summary.get(express)!;
      sections.push(
        [
          `### ${scenario.name}: median of ${rounds} rounds of ${duration} s after ${warmup} s warm-up, each target started afresh each round, 10 connections, taking turns`,
          '',
          table(
            [
              'target',
              'req/s (median)',
              'req/s per round',
              'ours / this',
              'mean latency ms',
              'p99 ms',
              'server CPU µs/req',
              'CPU µs/req per round',
              'ours CPU / this',
              'peak RSS MiB',
              'non-2xx + errors',
            ],
            ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
            targets.map((target) => {
              const s = summary.get(target)!;
              return [
                target.name,
                s.rps.toFixed(0),
                s.rounds,
                ratio(o.rps, s.rps),
                s.latencyMean.toFixed(2),
                s.p99.toFixed(0),
                s.cpu === undefined ? 'n/a' : s.cpu.toFixed(1),
                s.cpuRounds,
                s.cpu === undefined || o.cpu === undefined ? 'n/a' : ratio(o.cpu, s.cpu),
                s.rss === undefined ? 'n/a' : s.rss.toFixed(0),
                s.failures,
              ];
            }),
          ),
          '',
          `Goals: >= 0.9 of hand-written Fastify: ${o.rps / f.rps >= 0.9 ? 'met' : '**not met**'} (${ratioAgainst(o.rps, f.rps, 0.9)}); ` +
            `>= 6x Express + express-openapi-validator: ${o.rps / e.rps >= 6 ? 'met' : '**not met**'} (${ratio(o.rps, e.rps)}).` +
            (o.cpu !== undefined && f.cpu !== undefined && e.cpu !== undefined
              ? ` By server CPU per request, which the load generator and other processes disturb less: ${ratio(f.cpu, o.cpu)} of Fastify's rate, ${ratio(e.cpu, o.cpu)}x Express's.`
              : ''),
        ].join('\n'),
      );
    }
    const versions = ['fastify', 'express', 'express-openapi-validator', 'autocannon']
      .map((name) => `${name} ${(JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version}`)
      .join(', ');
    sections.push(
      [
        `Every target sends the generated service's mock answer (checked equal before the load); the generated service also sets x-request-id, checks Accept and content types, runs its auth guard, builds the paging envelope and its links from the handler's items, and records metrics.`,
        ...(build.typeErrors ? [`The generated service did not type-check (${build.typeErrors}); what tsc emitted was run.`] : []),
        `Express + express-openapi-validator validates requests and responses against the blueprint (security off, as mock auth is in ours).`,
        `The load generator runs in this process on the same ${cpus().length} cores, so req/s is bounded by the machine; server CPU µs/req is each server's own cost. ${versions}; Node ${process.version}; load average ${loadavg()[0]!.toFixed(1)} at the end.`,
      ].join('\n'),
    );
    return sections.join('\n\n');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  console.log(await runServeBench({ duration: flag('--duration', 5), warmup: flag('--warmup', 2), rounds: flag('--rounds', 5) }));
}
