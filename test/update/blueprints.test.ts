/** update names a given blueprint's version the way the model does, so that it replaces or adds the right one. */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { parseDocument } from 'yaml';
import { generateService } from '../../src/pipeline.js';
import { versionKeyOf } from '../../src/update/blueprints.js';
import { PETS_V1 } from './helpers.js';

test('versionKeyOf agrees with the model for every form of info.version', async (t) => {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'df-keys-'));
  t.after(() => rm(folder, { recursive: true, force: true }));
  const source = await readFile(PETS_V1, 'utf8');
  // Each group has distinct majors, so that one generation names them all.
  const groups: Array<Array<string | number>> = [
    ['2023-01-01', '2.0.0', 'v3', 12],
    ['0.9.1', 'v7'],
    ['beta', '9.9'],
  ];
  for (const group of groups) {
    const expected = new Map<string, string>();
    const files: string[] = [];
    for (const version of group) {
      const document = parseDocument(source);
      document.setIn(['info', 'version'], version);
      const file = path.join(folder, `pets-${String(version)}.yaml`);
      await writeFile(file, document.toString());
      files.push(file);
      expected.set(path.basename(file), versionKeyOf(document.toJS()));
    }
    const { model } = await generateService({ blueprints: files, lint: false });
    for (const version of model.versions) {
      assert.equal(expected.get(path.basename(version.sourceFile)), version.key, version.sourceFile);
    }
    assert.equal(model.versions.length, group.length);
  }
  assert.equal(versionKeyOf({}), 'v1');
  assert.equal(versionKeyOf(null), 'v1');
});
