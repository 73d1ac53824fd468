/**
 * Cold start: time from spawning `node dist/src/server.js` to the first
 * answered request (/health/live), then to the first answered operation, for
 * the service generated from the GitHub description (845 operations) beside
 * the pets service (4 operations), both generated once under <repo>/.tmp and
 * built with the repository's tsc; and its peer, a bare Fastify app
 * registering the same 845 routes with no schemas, hooks or plugins
 * (bench/peers/fastify-routes.mjs), started the same way and taking turns with
 * the GitHub service. AUTH_MODE=mock, LOG_LEVEL=silent,
 * loopback only; the pid's peak RSS (VmHWM) is read once the operation has
 * answered. A start that takes longer than the limit is stopped and reported
 * as such, and a slow service is measured once rather than N times.
 *
 *   npx tsx bench/cold-start.ts [--runs N] [--limit S]
 */
import { rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  buildService,
  compileDesignFirst,
  corpus,
  flag,
  generate,
  isMain,
  median,
  peakRssMiB,
  progress,
  ratio,
  repoScratch,
  root,
  startServer,
  table,
  waitForAnswer,
} from './support.js';

interface Subject {
  name: string;
  blueprint: string;
  /** One real operation to call after /health/live (GET, no parameters, answered by the mock). */
  operation: string;
}

const SUBJECTS: Subject[] = [
  { name: 'pets (examples/pets/pets-v1.yaml)', blueprint: path.join(root, 'examples/pets/pets-v1.yaml'), operation: '/v1/pets' },
  { name: 'GitHub (github.com__api.github.com.json)', blueprint: path.join(corpus, 'specs/github.com__api.github.com.json'), operation: '/v1/meta' },
];

interface Start {
  liveSeconds: number;
  operationSeconds: number;
  operationStatus: number;
  /** When /health/ready first passed: every handler module loaded (they load lazily, and in the background once listening). */
  readySeconds: number | undefined;
  peakRssMiB: number | undefined;
}

type Outcome = { ok: true; start: Start } | { ok: false; why: string };

async function coldStart(service: string, subject: Subject, limitSeconds: number, peer?: { script: string; env: NodeJS.ProcessEnv }): Promise<Outcome> {
  const spawned = performance.now();
  const started = peer
    ? await startServer(process.execPath, [peer.script], { cwd: root, env: peer.env })
    : await startServer(process.execPath, ['dist/src/server.js'], { cwd: service, env: { AUTH_MODE: 'mock', LOG_LEVEL: 'silent' } });
  try {
    const limit = limitSeconds * 1000;
    // The bare peer has no /health/live: its first answer is the operation's.
    const live = await waitForAnswer(started, `${started.base}${peer ? subject.operation : '/health/live'}`, limit);
    const liveSeconds = (performance.now() - spawned) / 1000;
    if (!peer && live.status !== 200) return { ok: false, why: `/health/live answered ${live.status}` };
    await live.arrayBuffer();
    const operation = await fetch(`${started.base}${subject.operation}`, {
      signal: AbortSignal.timeout(Math.max(1, Math.ceil(limit - (performance.now() - spawned)))),
    });
    await operation.arrayBuffer();
    const operationSeconds = (performance.now() - spawned) / 1000;
    let readySeconds: number | undefined;
    if (!peer) {
      // The readiness check waits for the handlers' loading, so its first answer comes once they are loaded.
      const ready = await fetch(`${started.base}/health/ready`, { signal: AbortSignal.timeout(Math.max(1, Math.ceil(limit - (performance.now() - spawned)))) });
      const text = await ready.text();
      if (ready.status !== 200) return { ok: false, why: `/health/ready answered ${ready.status}: ${text.slice(0, 300)}` };
      readySeconds = (performance.now() - spawned) / 1000;
    }
    return { ok: true, start: { liveSeconds, operationSeconds, operationStatus: operation.status, readySeconds, peakRssMiB: peakRssMiB(started.child.pid) } };
  } catch (error) {
    return { ok: false, why: `${(error as Error).message.split('\n')[0]} (peak RSS ${peakRssMiB(started.child.pid)?.toFixed(0) ?? '?'} MiB when stopped)` };
  } finally {
    await started.stop();
  }
}

export async function runColdStartBench(options: { runs?: number; limitSeconds?: number } = {}): Promise<string> {
  const runs = options.runs ?? 5;
  const limitSeconds = options.limitSeconds ?? 180;
  compileDesignFirst();
  const scratch = repoScratch('cold');
  try {
    const rows: Array<Array<string | number>> = [];
    const medians = new Map<Subject, { live: number; operation: number }>();
    let peerMedian: { live: number; operation: number } | undefined;
    for (const subject of SUBJECTS) {
      const service = path.join(scratch, path.basename(subject.blueprint).replace(/\.\w+$/, ''));
      progress(`cold start: generating ${subject.name}`);
      const generated = await generate(subject.blueprint, service);
      progress(`cold start: building it (${generated.seconds.toFixed(1)} s to generate)`);
      const build = buildService(service);
      // The GitHub service takes turns with its bare-Fastify peer, which registers the same routes.
      const peer =
        subject === SUBJECTS[1]
          ? { script: path.join(root, 'bench/peers/fastify-routes.mjs'), env: { ROUTES_FILE: await writeRoutes(service, scratch) } }
          : undefined;
      const starts: Start[] = [];
      const peerStarts: Start[] = [];
      let failure: string | undefined;
      for (let i = 0; i < runs; i++) {
        progress(`cold start: starting ${subject.name} (${i + 1}/${runs})`);
        const outcome = await coldStart(service, subject, limitSeconds);
        if (!outcome.ok) {
          failure = outcome.why;
          break;
        }
        starts.push(outcome.start);
        if (peer) {
          const peerOutcome = await coldStart(service, subject, limitSeconds, peer);
          if (!peerOutcome.ok) throw new Error(`the bare Fastify peer did not start: ${peerOutcome.why}`);
          peerStarts.push(peerOutcome.start);
        }
        if (outcome.start.operationSeconds > 20) break; // slow: one measure says enough, and keeps the run bounded
      }
      const note = `generated in ${generated.seconds.toFixed(1)} s, built in ${build.seconds.toFixed(1)} s${build.typeErrors ? ` (tsc: ${build.typeErrors.replaceAll('|', '\\|')})` : ''}`;
      if (starts.length === 0) {
        rows.push([subject.name, 0, `> ${limitSeconds}`, '', '', subject.operation, '', '', `did not answer: ${failure ?? '?'}; ${note}`]);
        continue;
      }
      const summary = summariseStarts(starts);
      medians.set(subject, summary);
      rows.push(row(subject.name, subject.operation, starts, summary, failure ? `${note}; a later run failed: ${failure}` : note));
      if (peerStarts.length > 0) {
        peerMedian = summariseStarts(peerStarts);
        rows.push(
          row(
            'bare Fastify, the same routes, no schemas (bench/peers/fastify-routes.mjs)',
            subject.operation,
            peerStarts,
            peerMedian,
            'its first answer is the operation (no /health/live)',
          ),
        );
      }
    }
    const pets = medians.get(SUBJECTS[0]!);
    const github = medians.get(SUBJECTS[1]!);
    const goal = github
      ? github.operation < 1
        ? 'met'
        : `**not met** (${github.operation.toFixed(2)} s)`
      : `**not met** (no answer within ${limitSeconds} s)`;
    const peerGoal =
      github && peerMedian
        ? `${github.operation / peerMedian.operation <= 1.5 ? 'met' : '**not met**'} (${ratio(github.operation, peerMedian.operation)})`
        : '**not measured**';
    return [
      `### Cold start: spawn of \`node dist/src/server.js\` to first answers (median of up to ${runs} starts)`,
      '',
      table(
        [
          'service',
          'starts',
          's to /health/live',
          's to first operation',
          's to /health/ready (every handler loaded)',
          'operation',
          'status',
          'peak RSS MiB',
          'notes',
        ],
        ['l', 'r', 'r', 'r', 'r', 'l', 'r', 'r', 'l'],
        rows,
      ),
      '',
      `Goals: the GitHub service answers its first operation < 1 s after spawn: ${goal}; at most 1.5x a bare Fastify app registering the same routes: ${peerGoal}.` +
        (pets && github
          ? ` GitHub / pets: ${ratio(github.operation, pets.operation)} (first operation), ${ratio(github.live, pets.live)} (/health/live).`
          : ''),
      `AUTH_MODE=mock, LOG_LEVEL=silent, polled every 10 ms; a service slower than 20 s is started once, and one not answering within ${limitSeconds} s is stopped.`,
      `Node ${process.version}, ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)} at the end.`,
    ].join('\n');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function summariseStarts(starts: Start[]): { live: number; operation: number } {
  return { live: median(starts.map((s) => s.liveSeconds)), operation: median(starts.map((s) => s.operationSeconds)) };
}

function row(name: string, operation: string, starts: Start[], summary: { live: number; operation: number }, note: string): Array<string | number> {
  const rss = starts.map((s) => s.peakRssMiB).filter((v): v is number => v !== undefined);
  return [
    name,
    starts.length,
    summary.live.toFixed(2),
    summary.operation.toFixed(2),
    starts.some((s) => s.readySeconds === undefined) ? 'n/a' : median(starts.map((s) => s.readySeconds!)).toFixed(2),
    operation,
    [...new Set(starts.map((s) => s.operationStatus))].join(', '),
    rss.length ? Math.max(...rss).toFixed(0) : 'n/a',
    note,
  ];
}

/** The [method, URL] of every route the built service registers (versions.js, prefix included), as a JSON file for the bare peer. */
async function writeRoutes(service: string, scratch: string): Promise<string> {
  const { versions } = (await import(pathToFileURL(path.join(service, 'dist/src/generated/versions.js')).href)) as {
    versions: Array<{ prefix: string; routes: Array<{ method: string; url: string }> }>;
  };
  const file = path.join(scratch, 'routes.json');
  writeFileSync(file, JSON.stringify(versions.flatMap((version) => version.routes.map((route) => [route.method, `${version.prefix}${route.url}`]))));
  return file;
}

if (isMain(import.meta.url)) console.log(await runColdStartBench({ runs: flag('--runs', 5), limitSeconds: flag('--limit', 180) }));
