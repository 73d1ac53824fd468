/**
 * An author who overrides a built-in template stops receiving design-first's
 * changes to it. The manifest records the built-in template each override
 * replaced (its hash), so update says when that built-in has changed since;
 * `templates eject --diff` shows how an author's copy differs from the
 * built-in as it is now.
 */
import assert from 'node:assert/strict';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { runEjectDiff } from '../../src/cli/commands/templates.js';
import { runNew } from '../../src/cli/commands/new.js';
import { BUILT_IN_TEMPLATES } from '../../src/render/render.js';
import { captureIo, repoRoot, scratchFolder } from '../generate/helpers.js';
import { update } from '../update/helpers.js';

test('update says when a built-in template the playbook overrides has changed; eject --diff shows the difference', async () => {
  const work = await scratchFolder('override-changes');
  const templates = path.join(work, 'council/templates');
  await mkdir(path.join(templates, 'src/platform'), { recursive: true });
  const builtIn = await readFile(path.join(BUILT_IN_TEMPLATES, 'src/platform/problem.ts'), 'utf8');
  await writeFile(
    path.join(templates, 'src/platform/problem.ts'),
    builtIn.replace('export const NOT_REPEAT = ', '// The council says it its own way.\nexport const NOT_REPEAT = '),
  );
  await copyFile(path.join(BUILT_IN_TEMPLATES, 'src/platform/versions.ts'), path.join(templates, 'src/platform/versions.ts'));
  await writeFile(path.join(work, 'council/playbook.yaml'), 'templates: templates\n');
  const io = captureIo();
  assert.equal(
    await runNew({ blueprints: [path.join(repoRoot, 'examples/pets/pets-v1.yaml')], playbook: 'council/playbook.yaml', out: 'pets', cwd: work }, io),
    0,
    io.err.join('\n'),
  );
  const service = path.join(work, 'pets');
  const manifestFile = path.join(service, '.design-first/manifest.json');
  const manifest = JSON.parse(await readFile(manifestFile, 'utf8'));
  assert.deepEqual(Object.keys(manifest.overrides).sort(), ['src/platform/problem.ts', 'src/platform/versions.ts']);

  // As if the service had last been updated by a design-first whose built-in problem.ts was another.
  manifest.overrides['src/platform/problem.ts'] = 'a'.repeat(64);
  await writeFile(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  const updated = await update(service, { typecheck: false });
  assert.equal(updated.code, 0, updated.text);
  assert.match(
    updated.text,
    /^override +src\/platform\/problem\.ts: your templates replace it, and design-first's built-in one changed since the last update; compare with design-first templates eject --diff$/m,
  );
  assert.doesNotMatch(updated.text, /override +src\/platform\/versions\.ts/);

  const diff = captureIo();
  assert.equal(await runEjectDiff({ playbook: 'council/playbook.yaml', cwd: work }, diff), 0, diff.err.join('\n'));
  const text = diff.out.join('\n');
  assert.match(text, /^differs +src\/platform\/problem\.ts: lines marked - are yours, \+ are design-first's built-in template now$/m);
  assert.match(text, /^-\/\/ The council says it its own way\.$/m);
  assert.match(text, /^same +src\/platform\/versions\.ts: your copy is the built-in template as it is now \(you may delete it\)$/m);
});
