/**
 * `yo design-first --upstream NAME=BLUEPRINT`: the Yeoman generator writes the
 * same tree as `design-first new --upstream` (the typed client, the outbound
 * runtime, the stored upstream blueprint).
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import helpers from 'yeoman-test';
import AppGenerator from '../../generators/app/generator.js';
import { generateService } from '../../src/pipeline.js';
import { repoRoot } from '../generate/helpers.js';

test('yo design-first --upstream writes what new --upstream writes', { timeout: 120_000 }, async (t) => {
  const outer = path.join(repoRoot, 'examples/adoptions/adoptions.yaml');
  const pets = path.join(repoRoot, 'examples/pets/pets-v1.yaml');
  const context = helpers
    .run<AppGenerator>(AppGenerator, { namespace: 'design-first:app', resolved: path.join(repoRoot, 'generators/app/index.js') })
    .withArguments([outer])
    .withOptions({ name: 'adoptions-api', upstream: [`pets=${pets}`], skipInstall: true });
  t.after(() => context.cleanup());
  const result = await context;
  const expected = await generateService({ blueprints: [outer], name: 'adoptions-api', upstreams: [{ name: 'pets', file: pets }] });
  for (const file of [
    'src/generated/upstreams.ts',
    'src/generated/upstreams/pets/client.ts',
    'src/upstream/call.ts',
    'blueprints/upstreams/pets.yaml',
    'package.json',
  ]) {
    const written = await readFile(path.join(result.cwd, file), 'utf8');
    assert.equal(written, expected.files.find((candidate) => candidate.path === file)!.content, file);
  }
});
