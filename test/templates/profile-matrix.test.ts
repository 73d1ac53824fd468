/**
 * Every profile the playbook schema accepts (casing x error shape x paging x
 * versioning: 54 today) generates a service whose own tests pass. For each
 * profile, a blueprint written to it (profile-blueprint.ts) must lint without
 * errors under a playbook that chooses it; the service made from it is
 * type-checked and its own test/*.test.ts run, as `npm test` in the service
 * would run them.
 *
 * To stay fast on a 2-core runner, the services share one set of installed
 * dependencies (they are generated under the repository's .tmp/, so they
 * resolve its node_modules: the versions the service template pins), are
 * type-checked by one `tsc` run, and have their tests run a few services to
 * a process, one service after another (matrix/run-services.ts), one process
 * per core at a time, instead of one process per test file.
 * The time each step took is printed as a test diagnostic.
 */
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { stringify } from 'yaml';
import { generateService } from '../../src/pipeline.js';
import { writeNewFolder } from '../../src/write/stage.js';
import { bin, repoRoot, run, scratchFolder } from '../generate/helpers.js';
import { filesOf, runServiceTests } from './matrix/run-services.js';
import { everyProfile, profileBlueprint, profileLabel } from './profile-blueprint.js';

test('every profile the playbook schema accepts generates a service whose own tests pass', { timeout: 900_000 }, async (t) => {
  const profiles = everyProfile();
  assert.equal(profiles.length, 3 * 2 * 3 * 3, 'casing x error shape x paging x versioning');
  const work = await scratchFolder('profile-matrix');
  const clock = stopwatch();

  const services: string[] = [];
  for (const profile of profiles) {
    const folder = path.join(work, profileLabel(profile));
    await mkdir(folder);
    await writeFile(path.join(folder, 'playbook.yaml'), stringify({ name: `council-${profileLabel(profile)}`, version: '1.0.0', profile }));
    await writeFile(path.join(folder, 'permits.json'), JSON.stringify(profileBlueprint(profile), null, 2));
    const notes: string[] = [];
    // Lint is on: a blueprint written to the profile passes its playbook (a lint error throws here).
    const generated = await generateService({
      blueprints: [path.join(folder, 'permits.json')],
      playbook: path.join(folder, 'playbook.yaml'),
      report: (line) => notes.push(line),
    });
    // Warnings may be printed; an error would have thrown, and none is recorded as overridden.
    assert.deepEqual(generated.manifest.overriddenFindings, [], profileLabel(profile));
    assert.ok(!notes.some((line) => /\b[1-9]\d* errors?\b/.test(line)), `${profileLabel(profile)}: ${notes.join('\n')}`);
    // The README's error example is in the service's own shape and casing.
    const readme = generated.files.find((file) => file.path === 'README.md')!.content;
    const field = profile.propertyCasing === 'pascal' ? '/Name' : '/name';
    const example = profile.errorShape === 'problem' ? `"status": 400` : `"${profile.propertyCasing === 'pascal' ? 'Message' : 'message'}": "…"`;
    assert.ok(readme.includes(example) && readme.includes(`"${field}"`), `${profileLabel(profile)}: the README's error example follows the profile`);
    await writeNewFolder(path.join(folder, 'service'), generated.files);
    services.push(path.join(folder, 'service'));
  }
  const generated = clock();

  await writeFile(
    path.join(work, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'es2023',
        module: 'nodenext',
        moduleResolution: 'nodenext',
        strict: true,
        skipLibCheck: true,
        esModuleInterop: true,
        noEmit: true,
        types: ['node'],
      },
      include: ['*/service/src/**/*.ts', '*/service/test/**/*.ts'],
    }),
  );
  const typecheck = await run(bin('tsc'), ['-p', 'tsconfig.json'], work);
  assert.equal(typecheck.code, 0, typecheck.stdout.slice(0, 4000));
  const typechecked = clock();

  // A few services per process, one after another: they share the loading of node_modules (matrix/run-service-tests.ts).
  const lanes = Math.max(1, Math.min(2, os.availableParallelism()));
  const tested = await runServiceTests(services, { cwd: repoRoot, env: { LOG_LEVEL: 'silent' }, lanes, perProcess: 9 });

  for (const batch of tested.batches) {
    assert.ok(
      batch.reported,
      `the tests of ${batch.services.map((service) => path.basename(path.dirname(service))).join(', ')} did not report: ${batch.stderr}`,
    );
  }
  let passed = 0;
  for (const service of services) {
    const files = filesOf(tested, service);
    const label = path.basename(path.dirname(service));
    assert.ok(files.length >= 3, `${label}: the tests of auth, contract and platform ran (${files.map(([file]) => path.basename(file)).join(', ')})`);
    const failures = files.flatMap(([file, result]) => result.failures.map((failure) => `${path.basename(file)}: ${failure}`));
    assert.deepEqual(failures, [], `${label}: its own tests fail`);
    assert.ok(
      files.every(([, result]) => result.pass > 0),
      `${label}: every test file passed tests`,
    );
    passed += files.reduce((sum, [, result]) => sum + result.pass, 0);
  }
  for (const batch of tested.batches) assert.equal(batch.code, 0, batch.stderr);
  t.diagnostic(
    `${services.length} services: generated and linted in ${generated} s, type-checked in ${typechecked} s, ${passed} of their tests passed in ${tested.seconds.toFixed(1)} s (${tested.batches.length} processes of up to 9 services, ${lanes} at a time)`,
  );
});

/** Seconds since the last call, to one decimal. */
function stopwatch(): () => string {
  let last = performance.now();
  return () => {
    const now = performance.now();
    const seconds = ((now - last) / 1000).toFixed(1);
    last = now;
    return seconds;
  };
}
