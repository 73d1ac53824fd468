import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadBlueprint } from '../../src/blueprint/load.js';
import { diffBlueprints } from '../../src/diff/index.js';
import { expectChange, expectIds } from './helpers.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

test('changes in a referenced file are located in that file, in both versions', async () => {
  const changes = diffBlueprints(await loadBlueprint(path.join(fixtures, 'split-v1/api.yaml')), await loadBlueprint(path.join(fixtures, 'split-v2/api.yaml')));
  expectIds(changes, ['response-property-removed', 'response-property-format-changed', 'response-property-became-enum']);
  // pet.yaml v1: `name:` on line 7; v2: `Pet:` on line 2 (after a comment), `format: uuid` on line 8.
  const removed = expectChange(changes, {
    id: 'response-property-removed',
    severity: 'breaking',
    oldLine: 7,
    newLine: 2,
    message: /property `\[\]\.name` was removed/,
  });
  assert.match(removed.old!.file, /split-v1[\\/]pet\.yaml$/);
  assert.match(removed.new!.file, /split-v2[\\/]pet\.yaml$/);
  // The pointer is the place in that file, as `place` maps it back from the bundle.
  assert.equal(removed.old!.pointer, '/Pet/properties/name');
  const format = expectChange(changes, { id: 'response-property-format-changed', severity: 'info', oldLine: 5, newLine: 8 });
  assert.match(format.new!.file, /split-v2[\\/]pet\.yaml$/);
});
