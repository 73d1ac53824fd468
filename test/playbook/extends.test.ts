/** `extends:` in a playbook: another playbook (file or package) underneath, Spectral rulesets beside. */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadPlaybook } from '../../src/playbook/index.js';

async function folderWith(files: Record<string, string>): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'df-extends-'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(folder, name)), { recursive: true });
    await writeFile(path.join(folder, name), text);
  }
  return folder;
}

describe('playbook extends', () => {
  it('builds on another playbook file: its settings underneath, this one winning, lists added up, its paths its own', async () => {
    const folder = await folderWith({
      'org/base.yaml':
        'rules: { path-no-verbs: error, numeric-format: off }\nprofile: { propertyCasing: camel, paging: offset }\ntemplates: ./templates\nignore: [{ rule: path-kebab-case, pointer: /paths/~1Legacy, reason: old }]\n',
      'org/templates/README.md': 'x',
      'team/playbook.yaml':
        'extends: ../org/base.yaml\nrules: { numeric-format: warn }\nprofile: { paging: cursor }\nignore: [{ rule: no-id-in-query, pointer: /paths, reason: search }]\n',
    });
    const playbook = await loadPlaybook(path.join(folder, 'team/playbook.yaml'));
    assert.equal(playbook.rules['path-no-verbs'], 'error');
    assert.equal(playbook.rules['numeric-format'], 'warn');
    assert.deepEqual(playbook.profile, { propertyCasing: 'camel', paging: 'cursor', errorShape: 'problem', versioning: 'path' });
    assert.equal(playbook.templates, path.join(folder, 'org/templates'));
    assert.deepEqual(
      playbook.ignore.map((entry) => entry.rule),
      ['path-kebab-case', 'no-id-in-query'],
    );
    assert.deepEqual(playbook.spectralRulesets, []);
  });

  it('builds on a playbook package, and collects Spectral rulesets by name and by file', async () => {
    const folder = await folderWith({
      'node_modules/@acme/playbook/package.json': '{ "name": "@acme/playbook", "version": "1.0.0" }',
      'node_modules/@acme/playbook/playbook.yaml': 'extends: [spectral:oas]\nrules: { info-metadata: error }\n',
      'rules/.spectral.yaml': 'extends: spectral:oas\n',
      'playbook.yaml': 'extends: ["@acme/playbook", ./rules/.spectral.yaml]\n',
    });
    const playbook = await loadPlaybook(path.join(folder, 'playbook.yaml'));
    assert.equal(playbook.rules['info-metadata'], 'error');
    assert.deepEqual(playbook.spectralRulesets, ['spectral:oas', path.join(folder, 'rules/.spectral.yaml')]);
  });

  it('refuses a missing file, an unknown package and a cycle, at the entry', async () => {
    const folder = await folderWith({
      'a.yaml': 'extends: [./b.yaml]\n',
      'b.yaml': 'extends: ./a.yaml\n',
      'c.yaml': 'extends: [./none.yaml, no-such-package]\n',
    });
    await assert.rejects(loadPlaybook(path.join(folder, 'c.yaml')), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'DF_ERR_PLAYBOOK_INVALID');
      assert.match(error.message, /extends\[0\]: no file at .*none\.yaml/);
      return true;
    });
    await assert.rejects(loadPlaybook(path.join(folder, 'a.yaml')), /extends itself through .*a\.yaml/);
  });
});

describe('playbook overrides', () => {
  it('sets rules for the blueprints whose paths match, relative to the playbook that writes them', async () => {
    const { playbookFor } = await import('../../src/playbook/overrides.js');
    const folder = await folderWith({
      'org/base.yaml': "overrides: [{ files: ['legacy/**'], rules: { path-kebab-case: warn } }]\n",
      'org/playbook.yaml': "extends: ./base.yaml\noverrides: [{ files: ['**/*-beta.yaml'], rules: { info-metadata: off } }]\n",
      'bad.yaml': "overrides: [{ files: ['x'], rules: { no-such-rule: off } }]\n",
    });
    const playbook = await loadPlaybook(path.join(folder, 'org/playbook.yaml'));
    assert.equal(playbookFor(playbook, path.join(folder, 'org/legacy/api.yaml')).rules['path-kebab-case'], 'warn');
    assert.equal(playbookFor(playbook, path.join(folder, 'org/current/api.yaml')).rules['path-kebab-case'], 'error');
    assert.equal(playbookFor(playbook, path.join(folder, 'org/legacy/api-beta.yaml')).rules['info-metadata'], 'off');
    await assert.rejects(
      loadPlaybook(path.join(folder, 'bad.yaml')),
      /overrides\[0\]\.rules\.no-such-rule: no built-in or custom rule is named "no-such-rule"/,
    );
  });
});
