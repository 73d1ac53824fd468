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
  for (const version of ['1.2.0', '2.0.0', 'v3', '0.9.1', '2023-01-01', 'beta', '12', 7]) {
    const document = parseDocument(source);
    document.setIn(['info', 'version'], version);
    const file = path.join(folder, `pets-${String(version)}.yaml`);
    await writeFile(file, document.toString());
    const { model } = await generateService({ blueprints: [file], lint: false });
    assert.equal(versionKeyOf(document.toJS()), model.versions[0]!.key, `info.version ${JSON.stringify(version)}`);
  }
  assert.equal(versionKeyOf({}), 'v1');
  assert.equal(versionKeyOf(null), 'v1');
});
