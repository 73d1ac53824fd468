/**
 * Real descriptions: each against itself reports nothing; unrelated
 * descriptions against each other never throw. How long the GitHub description
 * takes is measured in bench/diff.ts, not here.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadBlueprint } from '../../src/blueprint/load.js';
import { diffBlueprints, formatChanges } from '../../src/diff/index.js';

const specs = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus/specs');
const skip = existsSync(specs) ? false : 'the shared corpus is not beside the checkout';

test('the GitHub description against itself: no changes', { skip }, async () => {
  const file = path.join(specs, 'github.com__api.github.com.json');
  assert.deepEqual(diffBlueprints(await loadBlueprint(file), await loadBlueprint(file)), []);
});

test('a change to a shared GitHub component is one change, located in both files', { skip }, async () => {
  const file = path.join(specs, 'github.com__api.github.com.json');
  const before = await loadBlueprint(file);
  const after = await loadBlueprint(file);
  const schemas = (after.document.components!.schemas ?? {}) as Record<string, { properties: Record<string, unknown> }>;
  delete schemas['simple-user']!.properties.login;
  const changes = diffBlueprints(before, after);
  const removed = changes.filter((change) => change.id === 'response-property-removed');
  assert.equal(removed.length, 1, changes.map((change) => change.id).join(', '));
  assert.match(removed[0]!.message, /login` was removed: clients that read it get nothing \(also reached from \d+ other places\)/);
  assert.equal(removed[0]!.old?.pointer, '/components/schemas/simple-user/properties/login');
  assert.ok(
    changes.every((change) => change.severity === 'breaking' || change.id.startsWith('request-')),
    changes.map((change) => change.id).join(', '),
  );
});

test('a sample of other descriptions: nothing against themselves, no throw against each other', { skip }, async () => {
  const files = readdirSync(specs)
    .filter((name) => name.endsWith('.json') && !name.startsWith('github.com'))
    .sort()
    .filter((_, i) => i % 10 === 0);
  let previous: Awaited<ReturnType<typeof loadBlueprint>> | undefined;
  for (const name of files) {
    let loaded: Awaited<ReturnType<typeof loadBlueprint>>;
    try {
      loaded = await loadBlueprint(path.join(specs, name));
    } catch {
      continue; // documents the loader refuses are the loader's tests
    }
    assert.deepEqual(diffBlueprints(loaded, await loadBlueprint(path.join(specs, name))), [], name);
    if (previous) for (const format of ['text', 'markdown', 'json'] as const) formatChanges(diffBlueprints(previous, loaded), format);
    previous = loaded;
  }
});
