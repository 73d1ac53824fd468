/**
 * The outbound-call runtime, one behaviour at a time: a service generated with
 * two upstreams (the pets API, secured with client credentials, and the
 * training providers API, an external one with subscription keys) runs
 * fixtures/calls.service-test.ts, which drives the generated clients against
 * a scripted upstream and token endpoint on 127.0.0.1: what is sent, what is
 * returned and what throws, retries and Retry-After, timeouts, token reuse and
 * renewal, redirects, mock mode, the measures; and (fixtures/tracing.service-test.ts)
 * the client spans and the trace context sent on when tracing is on.
 */
import assert from 'node:assert/strict';
import { copyFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { runNew } from '../../src/cli/commands/new.js';
import { bin, captureIo, repoRoot, run, scratchFolder } from '../generate/helpers.js';
import { fixture } from './services.js';

test('the generated clients call, retry, time out, renew tokens and measure as documented', { timeout: 300_000 }, async () => {
  const service = path.join(await scratchFolder('upstream-calls'), 'service');
  const io = captureIo();
  const upstream = ['pets=examples/pets/pets-v1.yaml', 'providers=examples/apprenticeships/training-providers.yaml'];
  assert.equal(
    await runNew({ blueprints: [path.join(repoRoot, 'examples/adoptions/adoptions.yaml')], out: service, cwd: repoRoot, upstream }, io),
    0,
    io.err.join('\n'),
  );
  await copyFile(fixture('calls.service-test.ts'), path.join(service, 'test/calls.test.ts'));
  await copyFile(fixture('tracing.service-test.ts'), path.join(service, 'test/tracing.test.ts'));
  const result = await run(bin('tsx'), ['--test', '--test-reporter=tap', 'test/calls.test.ts', 'test/tracing.test.ts'], service, {}, 240_000);
  assert.equal(result.code, 0, result.stdout.slice(-6000) + result.stderr.slice(-2000));
  assert.match(result.stdout, /# fail 0/);
  assert.ok(Number(/# pass (\d+)/.exec(result.stdout)?.[1]) >= 19, result.stdout.slice(-2000));
  // The test file too: its narrowing on `status` is what a handler would write.
  await writeFile(
    path.join(service, 'tsconfig.calls.json'),
    JSON.stringify({ extends: './tsconfig.json', include: ['src/**/*.ts', 'test/calls.test.ts', 'test/tracing.test.ts'] }),
  );
  const typecheck = await run(bin('tsc'), ['--noEmit', '-p', 'tsconfig.calls.json'], service);
  assert.equal(typecheck.code, 0, typecheck.stdout);
});
