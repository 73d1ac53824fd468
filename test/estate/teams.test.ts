/**
 * What teams do to their services, as `estate status` and `estate update` see
 * it through the built command line: a generated file edited by hand (drift;
 * a README the team rewrote is theirs, not drift), a blueprint edited in place
 * with a breaking change (an unapplied edit, its breaking changes counted
 * against the published blueprint update kept), the same edit in a service
 * never updated (no published copy: not checked), and a service left alone.
 * Then update: the breaking edit refused while the others are done, and, with
 * --allow-breaking, applied and the team's handler that no longer compiles
 * named by operation, kept as the team wrote it. Last, a playbook rolled out
 * over a README paragraph the team rewrote: that service refused with the
 * conflict listed and nothing written, the other updated.
 */
import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { repoRoot, scratchFolder } from '../generate/helpers.js';
import { designFirst } from './cli.js';

const PETS_V1 = path.join(repoRoot, 'examples/pets/pets-v1.yaml');
const PET_NAME = "        Name:\n          type: string\n          description: The pet's name.\n          example: Tibbles\n";
const PET_NUMBER = "        Name:\n          type: integer\n          description: The pet's number.\n          example: 7\n";
const TEAM_GET_PET = `// The team's getPet: reads from the register.
import type { Handlers } from '../../../generated/v1/handlers.js';

const register = new Map([['5b0a5e36-6a0c-4f0e-9d7c-2b0f8f1f3c11', { Id: '5b0a5e36-6a0c-4f0e-9d7c-2b0f8f1f3c11', Name: 'Tibbles', Species: 'cat' as const, RegisteredAt: '2024-01-31T09:30:00Z' }]]);

export const getPet: Handlers['getPet'] = async (request, context) => {
  const pet = register.get(request.params.petId);
  if (!pet) return context.mock();
  return { status: 200, body: pet };
};
`;

let work = '';
const dirs = { edited: '', retyped: '', fresh: '', steady: '' };

async function edit(file: string, change: (text: string) => string): Promise<void> {
  const before = await readFile(file, 'utf8');
  const after = change(before);
  assert.notEqual(after, before, `${file} changed`);
  await writeFile(file, after);
}

before(async () => {
  // Under the repository, so each service resolves its node_modules and can be type-checked.
  work = await scratchFolder('estate-teams');
  for (const name of Object.keys(dirs) as Array<keyof typeof dirs>) {
    dirs[name] = path.join(work, `${name}-service`);
    const made = await designFirst(['new', PETS_V1, '--out', dirs[name], '--name', `${name}-service`], repoRoot);
    assert.equal(made.code, 0, made.stderr);
  }
  // The fresh service stands for one made before design-first kept each version's blueprint as published
  // (new keeps it now; update always has): without that copy, an edit in place cannot be checked.
  await rm(path.join(dirs.fresh, '.design-first/blueprints'), { recursive: true, force: true });
  // Every service but the fresh one has been through an update once, which keeps each version's blueprint as published.
  const once = await designFirst(['estate', 'update', dirs.edited, dirs.retyped, dirs.steady, '--no-typecheck'], work);
  assert.equal(once.code, 0, once.stdout + once.stderr);
  assert.match(once.stdout, /All 3 services are up to date: 3 already were\./);
});

after(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

test('estate status counts hand-edited generated files, unapplied blueprint edits and their breaking changes, and says when they cannot be checked', {
  timeout: 300_000,
}, async () => {
  await edit(path.join(dirs.edited, 'src/generated/v1/types.ts'), (text) => `${text}\nexport type Quick = 'fix';\n`);
  await edit(path.join(dirs.edited, 'README.md'), (text) => `${text}\n## On call\n\nThe pets team, 9 to 5.\n`);
  await writeFile(path.join(dirs.retyped, 'src/handlers/v1/pets/getPet.ts'), TEAM_GET_PET);
  for (const dir of [dirs.retyped, dirs.fresh]) await edit(path.join(dir, 'blueprints/v1.yaml'), (text) => text.replace(PET_NAME, PET_NUMBER));

  const all = [dirs.edited, dirs.retyped, dirs.fresh, dirs.steady];
  const json = await designFirst(['estate', 'status', ...all, '--format', 'json'], work);
  assert.equal(json.code, 1, json.stderr);
  const rows = Object.fromEntries(JSON.parse(json.stdout).services.map((row: { name: string }) => [row.name, row]));
  assert.deepEqual(rows['edited-service'].check, {
    files: [{ path: 'src/generated/v1/types.ts', why: 'edited by hand since design-first generated it; update rewrites it' }],
    blueprintEdits: [],
    breaking: 0,
    unchecked: [],
  });
  assert.deepEqual(rows['edited-service'].breaches, ['1 generated file(s) differ from what the recorded inputs produce']);
  assert.deepEqual(rows['retyped-service'].check.blueprintEdits, ['blueprints/v1.yaml']);
  assert.ok(rows['retyped-service'].check.breaking >= 1, 'the type change breaks v1');
  assert.deepEqual(rows['retyped-service'].breaches, [`${rows['retyped-service'].check.breaking} breaking change(s) against the published blueprint`]);
  assert.deepEqual(rows['fresh-service'].check.unchecked, ['v1']);
  assert.match(rows['fresh-service'].breaches.join('\n'), /v1 edited in place with no copy of the published blueprint/);
  assert.deepEqual(rows['steady-service'].breaches, []);
  assert.match(json.stderr, /3 of 4 services break the estate policy: edited-service, retyped-service, fresh-service \[DF_ERR_ESTATE_POLICY\]/);

  const table = await designFirst(['estate', 'status', ...all], work);
  assert.equal(table.code, 1);
  assert.match(table.stdout, /^fresh-service +0\.1\.0 .* 1 +0 \(v1 not checked\) +broken: /m);
  const markdown = await designFirst(['estate', 'status', dirs.edited, '--format', 'markdown'], work);
  assert.match(
    markdown.stdout,
    /### edited-service\n\n- 1 generated file\(s\) differ from what the recorded inputs produce\n- `src\/generated\/v1\/types\.ts`: edited by hand/,
  );
});

test('estate update refuses the breaking edit and does the others; with --allow-breaking it names the handler that no longer compiles and keeps it', {
  timeout: 600_000,
}, async () => {
  const readme = await readFile(path.join(dirs.edited, 'README.md'), 'utf8');
  const refused = await designFirst(['estate', 'update', dirs.edited, dirs.retyped, dirs.steady], work);
  assert.equal(refused.code, 1, refused.stderr);
  assert.match(refused.stdout, /^edited-service +updated +1 +0 +0 /m);
  assert.match(
    refused.stdout,
    /^retyped-service +refused +0 +0 +not checked +.*breaking change\(s\) inside published version v1; nothing was written \[DF_ERR_UPDATE_BREAKING\]/m,
  );
  assert.match(refused.stdout, /^steady-service +up to date +0 +0 +0 /m);
  assert.match(refused.stdout, /1 of 3 services were not brought up to date \(1 refused\); of the others, 1 was updated and 1 was already up to date\./);
  assert.doesNotMatch(await readFile(path.join(dirs.edited, 'src/generated/v1/types.ts'), 'utf8'), /Quick/, 'the hand edit of a generated file is rewritten');
  assert.equal(await readFile(path.join(dirs.edited, 'README.md'), 'utf8'), readme, "the team's README is kept");

  const allowed = await designFirst(['estate', 'update', dirs.retyped, '--allow-breaking'], work);
  assert.equal(allowed.code, 1, allowed.stderr);
  assert.match(allowed.stdout, /^retyped-service +does not compile +\d+ +0 +[1-9]\d* +.*compile error\(s\) in operation getPet/m);
  assert.match(allowed.stdout, /^retyped-service: operation getPet \(src\/handlers\/v1\/pets\/getPet\.ts:\d+\): .*\[TS2322\]$/m);
  assert.match(allowed.stderr, /1 of 1 services were not brought up to date: retyped-service \(does not compile\) \[DF_ERR_ESTATE_UPDATE\]/);
  assert.equal(await readFile(path.join(dirs.retyped, 'src/handlers/v1/pets/getPet.ts'), 'utf8'), TEAM_GET_PET);
  assert.match(await readFile(path.join(dirs.retyped, 'src/generated/v1/types.ts'), 'utf8'), /Name: number/);

  const status = await designFirst(['estate', 'status', dirs.edited, dirs.retyped, dirs.steady], work);
  assert.equal(status.code, 0, status.stdout + status.stderr);
});

test('a playbook rolled out over a paragraph the team rewrote: the conflict listed, nothing written to that service, the other updated', {
  timeout: 300_000,
}, async () => {
  const playbook = path.join(work, 'council-playbook.yaml');
  await writeFile(playbook, 'name: council-playbook\nversion: 2.0.0\nprofile:\n  errorShape: playbook\n');
  const readme = path.join(dirs.edited, 'README.md');
  await edit(readme, (text) => text.replace(/^Every failure answers in one shape.*$/m, 'Errors: see the council wiki.'));
  const teamReadme = await readFile(readme, 'utf8');
  const manifest = await readFile(path.join(dirs.edited, '.design-first/manifest.json'), 'utf8');

  const run = await designFirst(['estate', 'update', dirs.edited, dirs.steady, '--playbook', playbook, '--allow-breaking', '--no-typecheck'], work);
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.match(run.stdout, /^edited-service +refused +0 +1 +not checked +/m);
  assert.match(run.stdout, /^edited-service: conflict README\.md/m);
  assert.match(run.stdout, /^steady-service +updated +[1-9]\d* +0 +not checked/m);
  assert.match(run.stderr, /1 of 2 services were not brought up to date: edited-service \(refused\) \[DF_ERR_ESTATE_UPDATE\]/);
  assert.equal(await readFile(readme, 'utf8'), teamReadme);
  assert.equal(await readFile(path.join(dirs.edited, '.design-first/manifest.json'), 'utf8'), manifest, 'nothing written to the refused service');
  assert.match(await readFile(path.join(dirs.steady, '.design-first/manifest.json'), 'utf8'), /"name": "council-playbook"/);
});
