/**
 * The own tests of many generated services, as profile-matrix.test.ts and
 * hostile/injection.test.ts run them: a few services per process
 * (run-service-tests.ts, one after another), one lane of processes per core.
 * A batch rather than one process for all, and a batch that does not end
 * cleanly (a failing test, a crash, a hang, a service whose tests never ran)
 * is run again one service to a process, as the tests ran before batching:
 * each outcome then belongs to one service, and a batch-mate's failure never
 * covers for another's unexplained exit.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../../generate/helpers.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Tests passed, failed and skipped in one test file, and each failure's name and first line. */
export interface FileResult {
  pass: number;
  fail: number;
  skip: number;
  failures: string[];
}

export interface BatchOutcome {
  services: string[];
  code: number;
  /** Whether the process printed its summary (it did not if it crashed or timed out). */
  reported: boolean;
  stderr: string;
}

export interface ServiceTestRun {
  /** By test file path (each under its service's folder). */
  results: Record<string, FileResult>;
  batches: BatchOutcome[];
  seconds: number;
}

export async function runServiceTests(
  services: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; lanes: number; perProcess: number },
): Promise<ServiceTestRun> {
  const started = performance.now();
  const results: Record<string, FileResult> = {};
  const batches: BatchOutcome[] = [];
  const lanes = Array.from({ length: options.lanes }, (_, lane) => services.filter((_, at) => at % options.lanes === lane));
  const runBatch = async (batch: string[]) => {
    const result = await runTestProcess<Record<string, FileResult>>(batch, {
      reporter: path.join(here, 'summary-reporter.mjs'),
      cwd: options.cwd,
      env: options.env,
      // A service's tests take seconds; a hang is cut well within the calling test's own timeout.
      timeout: 60_000 + 30_000 * batch.length,
    });
    const reported = result.summary !== undefined;
    return { files: result.summary ?? {}, outcome: { services: batch, code: result.code, reported, stderr: result.stderr.slice(-2000) } };
  };
  await Promise.all(
    lanes.map(async (lane) => {
      for (let at = 0; at < lane.length; at += options.perProcess) {
        const batch = lane.slice(at, at + options.perProcess);
        const first = await runBatch(batch);
        const ranAll = batch.every((service) => Object.keys(first.files).some((file) => file.startsWith(`${service}${path.sep}`)));
        if (batch.length === 1 || (first.outcome.code === 0 && first.outcome.reported && ranAll)) {
          Object.assign(results, first.files);
          batches.push(first.outcome);
          continue;
        }
        for (const service of batch) {
          const alone = await runBatch([service]);
          Object.assign(results, alone.files);
          batches.push(alone.outcome);
        }
      }
    }),
  );
  return { results, batches, seconds: (performance.now() - started) / 1000 };
}

/**
 * One process running the tests of `services` (run-service-tests.ts; `only`: one file name of each) with a reporter
 * that prints one JSON line when the run ends: that line parsed, or undefined when the process printed none (it
 * crashed, hung, or had no test to run).
 */
export async function runTestProcess<Summary>(
  services: readonly string[],
  options: { reporter: string; only?: string; cwd: string; env?: NodeJS.ProcessEnv; timeout: number },
): Promise<{ summary: Summary | undefined; code: number; stderr: string }> {
  const only = options.only === undefined ? [] : ['--only', options.only];
  const result = await run(
    process.execPath,
    ['--import', 'tsx', `--test-reporter=${options.reporter}`, path.join(here, 'run-service-tests.ts'), ...only, ...services],
    options.cwd,
    options.env ?? {},
    options.timeout,
  );
  const last = result.stdout.trim().split('\n').at(-1) ?? '';
  return { summary: last.startsWith('{') ? (JSON.parse(last) as Summary) : undefined, code: result.code, stderr: result.stderr };
}

/** The results of one service's test files. */
export function filesOf(run: ServiceTestRun, service: string): Array<[string, FileResult]> {
  return Object.entries(run.results).filter(([file]) => file.startsWith(`${service}${path.sep}`));
}
