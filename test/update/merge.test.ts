/**
 * Three-way merge on update, as copier and cruft do it: the base (what
 * design-first wrote last time) is regenerated from what the manifest
 * records, and a file both the team and the templates changed is merged:
 * different lines merge cleanly, the same lines get conflict markers there
 * and only there, package.json merges key by key. --dry-run shows the diff of
 * every file it would change, and writes nothing.
 */
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { runNew } from '../../src/cli/commands/new.js';
import { mergeJson, mergeText } from '../../src/update/merge.js';
import { BUILT_IN_TEMPLATES } from '../../src/render/render.js';
import { captureIo, copyService, read, scratchFolder, snapshot, update, write } from './helpers.js';
import { PETS_V1 } from './helpers.js';

test('text: lines changed on one side are taken, the same lines changed on both get markers there only', () => {
  const base = 'one\ntwo\nthree\nfour\nfive\n';
  assert.deepEqual(mergeText(base, 'one\nTWO (team)\nthree\nfour\nfive\n', 'one\ntwo\nthree\nfour\nFIVE (templates)\n'), {
    text: 'one\nTWO (team)\nthree\nfour\nFIVE (templates)\n',
    conflicts: [],
  });
  assert.deepEqual(mergeText(base, 'one\ntwo (team)\nthree\nfour\nfive\n', 'one\ntwo (templates)\nthree\nfour\nFIVE\n'), {
    text: 'one\n<<<<<<< yours\ntwo (team)\n=======\ntwo (templates)\n>>>>>>> design-first\nthree\nfour\nFIVE\n',
    conflicts: [{ from: 2, to: 2 }],
  });
});

test("package.json: the team's dependency and the templates' raised version both land; a key both changed is named", () => {
  const base = JSON.stringify({ name: 'pets', scripts: { test: 'tsx --test' }, dependencies: { fastify: '^5.1.0' } });
  const theirs = JSON.stringify({ name: 'pets', scripts: { test: 'tsx --test', seed: 'tsx seed.ts' }, dependencies: { fastify: '^5.1.0', pg: '^8.0.0' } });
  const ours = JSON.stringify({ name: 'pets', scripts: { test: 'tsx --test --test-reporter spec' }, dependencies: { fastify: '^5.2.0' } });
  const merged = mergeJson(base, theirs, ours)!;
  assert.deepEqual(merged.conflicts, []);
  assert.deepEqual(JSON.parse(merged.text), {
    name: 'pets',
    scripts: { test: 'tsx --test --test-reporter spec', seed: 'tsx seed.ts' },
    dependencies: { fastify: '^5.2.0', pg: '^8.0.0' },
  });
  const clash = mergeJson(base, JSON.stringify({ name: 'pets-team' }), JSON.stringify({ name: 'pets-templates' }))!;
  assert.deepEqual(clash.conflicts, ['name']);
  assert.equal(mergeJson('not json', '{}', '{}'), undefined);
});

const BANNER_V1 = `// The council's banner on every answer.
export const banner = 'Council API';

export function bannerHeaders(): Record<string, string> {
  return { 'x-council': banner };
}
`;

test('a platform file both changed merges without conflict where the lines differ; package.json merges as JSON; --dry-run shows the diffs', async () => {
  const work = await scratchFolder('update-merge');
  const templates = path.join(work, 'council/templates');
  await mkdir(path.join(templates, 'src/platform'), { recursive: true });
  await writeFile(path.join(templates, 'template-set.json'), '{ "name": "council", "version": "1.0.0" }\n');
  await writeFile(path.join(templates, 'src/platform/banner.ts'), BANNER_V1);
  const builtInPackage = await readFile(path.join(BUILT_IN_TEMPLATES, 'package.json.hbs'), 'utf8');
  await writeFile(path.join(templates, 'package.json.hbs'), builtInPackage);
  await writeFile(path.join(work, 'council/playbook.yaml'), 'name: council\nversion: 2026.1.0\ntemplates: templates\n');
  const io = captureIo();
  assert.equal(await runNew({ blueprints: [PETS_V1], out: 'pets', playbook: 'council/playbook.yaml', cwd: work }, io), 0, io.err.join('\n'));
  const service = path.join(work, 'pets');

  // The team changes the banner's first line and adds a dependency and a script.
  await write(service, 'src/platform/banner.ts', (await read(service, 'src/platform/banner.ts')).replace("The council's banner", "Our team's banner (kept)"));
  const teamPackage = JSON.parse(await read(service, 'package.json'));
  teamPackage.dependencies.pg = '^8.13.0';
  teamPackage.scripts.seed = 'tsx scripts/seed.ts';
  await write(service, 'package.json', `${JSON.stringify(teamPackage, null, 2)}\n`);

  // The playbook's next release changes another line of the banner, and adds a script to package.json.
  await writeFile(path.join(templates, 'src/platform/banner.ts'), BANNER_V1.replace("'x-council': banner", "'x-council': banner, 'x-council-version': '2027'"));
  await writeFile(
    path.join(templates, 'package.json.hbs'),
    builtInPackage.replace('"scripts": {', '"scripts": {\n    "council:check": "design-first update --check",'),
  );
  await writeFile(path.join(templates, 'template-set.json'), '{ "name": "council", "version": "1.1.0" }\n');

  const before = await snapshot(service);
  const dry = await update(service, { dryRun: true });
  assert.equal(dry.code, 0, dry.text);
  assert.deepEqual(await snapshot(service), before, 'a dry run writes nothing');
  assert.match(dry.text, /^merge +src\/platform\/banner\.ts: you and the templates changed different lines: merged$/m);
  assert.match(dry.text, /^merge +package\.json: merged as JSON/m);
  assert.match(dry.text, /^diff --git a\/src\/platform\/banner\.ts b\/src\/platform\/banner\.ts$/m);
  assert.match(dry.text, /^- {2}return \{ 'x-council': banner \};$/m);
  assert.match(dry.text, /^\+ {2}return \{ 'x-council': banner, 'x-council-version': '2027' \};$/m);
  assert.match(dry.text, /^\+ {4}"council:check": "design-first update --check",?$/m);

  const applied = await update(service, { typecheck: false });
  assert.equal(applied.code, 0, applied.text);
  assert.match(applied.text, /^merged +src\/platform\/banner\.ts/m);
  const banner = await read(service, 'src/platform/banner.ts');
  assert.match(banner, /^\/\/ Our team's banner \(kept\) on every answer\.$/m);
  assert.match(banner, /'x-council-version': '2027'/);
  assert.doesNotMatch(banner, /<<<<<<<|>>>>>>>/);
  const merged = JSON.parse(await read(service, 'package.json'));
  assert.equal(merged.dependencies.pg, '^8.13.0');
  assert.equal(merged.scripts.seed, 'tsx scripts/seed.ts');
  assert.equal(merged.scripts['council:check'], 'design-first update --check');

  // Both change the same line: refused without --force; with it, markers on that line only.
  const clash = await copyService(service, 'update-merge-clash');
  const ours2027 = "  return { 'x-council': banner, 'x-council-version': '2027' };";
  await write(
    clash,
    'src/platform/banner.ts',
    (await read(clash, 'src/platform/banner.ts')).replace(ours2027, "  return { 'x-council': banner, 'x-team': 'pets' };"),
  );
  await writeFile(path.join(templates, 'src/platform/banner.ts'), BANNER_V1.replace("'x-council': banner", "'x-council': banner, 'x-council-version': '2028'"));
  await writeFile(path.join(templates, 'template-set.json'), '{ "name": "council", "version": "1.2.0" }\n');
  // The copy sits elsewhere, so it names the playbook (its recorded relative path leads nowhere from there).
  const playbook = path.join(work, 'council/playbook.yaml');
  const refused = await update(clash, { typecheck: false, playbook });
  assert.equal(refused.code, 1, refused.text);
  assert.match(
    refused.text,
    /conflict +src\/platform\/banner\.ts: you and the templates changed the same lines \(yours: line 5\); merged, with conflict markers there/,
  );
  const forced = await update(clash, { typecheck: false, force: true, playbook });
  assert.equal(forced.code, 0, forced.text);
  const marked = await read(clash, 'src/platform/banner.ts');
  assert.match(
    marked,
    /<<<<<<< yours\n {2}return \{ 'x-council': banner, 'x-team': 'pets' \};\n=======\n {2}return \{ 'x-council': banner, 'x-council-version': '2028' \};\n>>>>>>> design-first\n/,
  );
  assert.match(marked, /^\/\/ Our team's banner \(kept\)/m, 'lines outside the conflict are merged');
  assert.equal(marked.split('<<<<<<<').length, 2, 'markers only where both changed');
});

test('--dry-run prints the plan even when lint would stop the update, then exits 1', async () => {
  const work = await scratchFolder('update-dry-lint');
  const io = captureIo();
  assert.equal(await runNew({ blueprints: [PETS_V1], out: 'pets', cwd: work }, io), 0, io.err.join('\n'));
  await writeFile(path.join(work, 'strict.yaml'), 'rules: { path-collections-plural: error }\nprofile: { propertyCasing: camel }\n');
  // The blueprint named again, so its lint errors under the new playbook stop the update (an unchanged published one would not).
  const dry = await update(path.join(work, 'pets'), { dryRun: true, playbook: path.join(work, 'strict.yaml'), allowBreaking: true, blueprints: [PETS_V1] });
  assert.equal(dry.code, 1, dry.text);
  assert.match(dry.text, /^update +src\/platform\/settings\.ts/m);
  assert.match(dry.text, /^diff --git a\/src\/platform\/settings\.ts/m);
  assert.match(dry.err.at(-1)!, /dry run: \d+ playbook error\(s\) would stop the update; nothing was written \[DF_ERR_UPDATE_LINT_FAILED\]/);
});
