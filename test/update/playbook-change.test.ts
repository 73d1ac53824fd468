/**
 * A playbook change is a change to every published version's contract.
 * Switching the error shape changes what v1 answers, so update refuses it for
 * the published v1 unless allowed; a new major version takes the new
 * playbook while v1 keeps the one it was published under, and the service
 * answers each version in its own error shape (its own tests prove it).
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { stringify } from 'yaml';
import { runNew } from '../../src/cli/commands/new.js';
import { diffContracts } from '../../src/update/playbook-contract.js';
import { contractOf } from '../../src/playbook/contract.js';
import { loadPlaybook } from '../../src/playbook/index.js';
import { profileBlueprint } from '../templates/profile-blueprint.js';
import { bin, captureIo, copyService, read, run, scratchFolder, update } from './helpers.js';

const A = { name: 'council-api-playbook', version: '2026.1.0', profile: { propertyCasing: 'camel', errorShape: 'problem' }, paging: { pageSize: 50 } } as const;
const B = { ...A, version: '2027.1.0', profile: { propertyCasing: 'camel', errorShape: 'playbook' } } as const;

test('contract changes are told apart: what breaks clients, and what one service cannot keep per version', async () => {
  const base = contractOf(await loadPlaybook());
  const changes = (edit: (contract: typeof base) => void) => {
    const after = structuredClone(base);
    edit(after);
    return diffContracts(base, after).map((change) => `${change.setting} ${change.breaking ? 'breaking' : 'info'}${change.serviceWide ? ' service-wide' : ''}`);
  };
  assert.deepEqual(
    changes((c) => (c.errorShape = 'playbook')),
    ['profile.errorShape breaking'],
  );
  assert.deepEqual(
    changes((c) => (c.envelope.links = 'Related')),
    ['envelope.links breaking'],
  );
  assert.deepEqual(
    changes((c) => (c.bodyLimitBytes *= 2)),
    ['bodyLimitBytes info service-wide'],
  );
  assert.deepEqual(
    changes((c) => (c.bodyLimitBytes /= 2)),
    ['bodyLimitBytes breaking service-wide'],
  );
  assert.deepEqual(
    changes((c) => (c.rateLimit.max += 1)),
    ['rateLimit.max info'],
  );
  assert.deepEqual(
    changes((c) => (c.subscriptionKeyHeader = 'X-Key')),
    ['subscriptionKeyHeader breaking service-wide'],
  );
  assert.deepEqual(
    changes(() => {}),
    [],
  );
});

test('a new error shape: refused for the published v1, taken by a new v2 while v1 keeps its own; both answer as published', { timeout: 600_000 }, async () => {
  const work = await scratchFolder('playbook-change');
  await writeFile(path.join(work, 'playbook-a.yaml'), stringify(A));
  await writeFile(path.join(work, 'playbook-b.yaml'), stringify(B));
  await writeFile(
    path.join(work, 'permits-v1.json'),
    JSON.stringify(profileBlueprint({ ...A.profile, paging: 'page', versioning: 'path' }, { version: '1.0.0' })),
  );
  await writeFile(
    path.join(work, 'permits-v2.json'),
    JSON.stringify(profileBlueprint({ ...B.profile, paging: 'page', versioning: 'path' }, { version: '2.0.0' })),
  );
  const io = captureIo();
  assert.equal(await runNew({ blueprints: ['permits-v1.json'], playbook: 'playbook-a.yaml', out: 'permits', cwd: work }, io), 0, io.err.join('\n'));
  const service = path.join(work, 'permits');

  // Playbook B alone: v1's errors would change shape. Refused, every change listed, nothing written.
  const before = await read(service, '.design-first/manifest.json');
  const refused = await update(service, { playbook: path.join(work, 'playbook-b.yaml'), typecheck: false });
  assert.equal(refused.code, 1, refused.text);
  assert.match(refused.text, /^v1 \(published under council-api-playbook 2026\.1\.0\): council-api-playbook 2027\.1\.0 would change what it answers:$/m);
  assert.match(refused.text, /^ {2}breaking {2}profile\.errorShape: problem -> playbook \(every error answer changes media type and members\)$/m);
  assert.match(
    refused.text,
    /add a new major version .*: it takes council-api-playbook 2027\.1\.0, and the published versions keep the playbook they were published under/,
  );
  assert.equal(await read(service, '.design-first/manifest.json'), before);

  // With allowance, on a copy: v1 moves, and the report says its clients must be told.
  const allowed = await update(await copyService(service, 'playbook-change-allowed'), {
    playbook: path.join(work, 'playbook-b.yaml'),
    allowBreaking: true,
    typecheck: false,
  });
  assert.equal(allowed.code, 0, allowed.text);
  assert.match(
    allowed.text,
    /^v1: moves from council-api-playbook 2026\.1\.0 to council-api-playbook 2027\.1\.0 with --allow-breaking; clients of v1 must be told:$/m,
  );

  // Playbook B with a new major version: v2 takes B, v1 keeps A.
  const applied = await update(service, { playbook: path.join(work, 'playbook-b.yaml'), blueprints: [path.join(work, 'permits-v2.json')] });
  assert.equal(applied.code, 0, applied.text);
  assert.match(
    applied.text,
    /^v1: keeps council-api-playbook 2026\.1\.0, the playbook it was published under: council-api-playbook 2027\.1\.0 would change what it answers/m,
  );
  assert.match(applied.text, /^playbook: council-api-playbook 2026\.1\.0 -> council-api-playbook 2027\.1\.0 \(\.\.\/playbook-b\.yaml\)$/m);
  assert.match(applied.text, /type-check: the service compiles/);
  const manifest = JSON.parse(await read(service, '.design-first/manifest.json'));
  assert.deepEqual(
    manifest.versions.map((version: any) => [version.key, version.playbook.version, version.playbook.contract.errorShape]),
    [
      ['v1', '2026.1.0', 'problem'],
      ['v2', '2027.1.0', 'playbook'],
    ],
  );
  const settings = await read(service, 'src/platform/settings.ts');
  assert.match(settings, /'\/v1': \{\s*playbook: \{ name: 'council-api-playbook', version: '2026\.1\.0' \},\s*errorShape: 'problem'/);
  assert.match(settings, /'\/v2': \{\s*playbook: \{ name: 'council-api-playbook', version: '2027\.1\.0' \},\s*errorShape: 'playbook'/);

  // The next plain update keeps v1 where it is, without asking again.
  const again = await update(service, { typecheck: false });
  assert.equal(again.code, 0, again.text);
  assert.match(again.text, /^v1: keeps council-api-playbook 2026\.1\.0/m);

  // The service's own tests read each version's errors in that version's shape.
  const tests = await run(bin('tsx'), ['--test', 'test/auth.test.ts', 'test/platform.test.ts', 'test/contract.test.ts', 'test/paging.test.ts'], service);
  assert.match(tests.stdout, /# fail 0/, tests.stdout.slice(-3000));
  assert.equal(tests.code, 0);
});
