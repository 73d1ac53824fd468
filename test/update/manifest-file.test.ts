/** The manifest is checked before update trusts it: a hand-edited one cannot make update write or delete outside the service. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DesignFirstError } from '../../src/errors.js';
import { checkManifest } from '../../src/update/manifest-file.js';

const HASH = 'a'.repeat(64);
const valid = () => ({
  manifestVersion: 1,
  generator: { name: 'generator-design-first', version: '0.1.0' },
  templateVersion: '1.0.0',
  templates: null,
  playbook: { file: null, hash: HASH },
  versions: [{ key: 'v1', blueprint: 'blueprints/v1.yaml', source: 'pets.yaml', hash: HASH, apiVersion: '1.0.0' }],
  files: { 'src/app.ts': { owner: 'platform', hash: HASH } },
  overriddenFindings: [],
});

test('a manifest design-first wrote passes', () => {
  assert.equal(checkManifest(valid(), 'm.json').versions[0]!.key, 'v1');
  const { overriddenFindings: _, ...older } = valid();
  assert.deepEqual(checkManifest(older, 'm.json').overriddenFindings, []);
});

test('a version 1 manifest (absolute paths) is migrated: every path relative to the service, each version pinned to its playbook', () => {
  const old = valid();
  old.templates = '/srv/council/templates' as never;
  old.playbook = { file: '/srv/council/playbook.yaml' as never, hash: HASH };
  old.versions[0]!.source = '/srv/api/pets.yaml';
  const migrated = checkManifest(old, '/srv/services/pets/.design-first/manifest.json');
  assert.equal(migrated.manifestVersion, 2);
  assert.equal(migrated.templates, '../../council/templates');
  assert.deepEqual(migrated.playbook, { source: '../../council/playbook.yaml', name: null, version: null, hash: HASH });
  assert.equal(migrated.versions[0]!.source, '../../api/pets.yaml');
  assert.deepEqual(migrated.versions[0]!.playbook, { name: null, version: null, hash: HASH });
  assert.ok(!JSON.stringify(migrated).includes('"/srv'), 'no absolute path is left');
});

const broken: Array<[string, (manifest: any) => void, RegExp]> = [
  [
    'a file outside the service',
    (m) => (m.files['../../etc/passwd'] = { owner: 'generated', hash: HASH }),
    /#\/files\/\.\.~1\.\.~1etc~1passwd: .*not a path inside the service/,
  ],
  ['a file inside node_modules', (m) => (m.files['node_modules/x.js'] = { owner: 'generated', hash: HASH }), /not a path inside the service/],
  ['an absolute file', (m) => (m.files['/etc/passwd'] = { owner: 'generated', hash: HASH }), /not a path inside the service/],
  ['a path that is not normalised', (m) => (m.files['src/./app.ts'] = { owner: 'platform', hash: HASH }), /not a normalised relative path/],
  ['an unknown owner', (m) => (m.files['src/app.ts'].owner = 'nobody'), /generated\|platform\|team/],
  ['a blueprint outside blueprints/', (m) => (m.versions[0].blueprint = 'src/app.ts'), /#\/versions\/0\/blueprint: a stored blueprint lives in blueprints\//],
  ['a version key twice', (m) => m.versions.push({ ...m.versions[0] }), /#\/versions\/1\/key/],
  ['a newer manifest version', (m) => (m.manifestVersion = 3), /manifestVersion 3 is not 1 or 2/],
  ['no versions', (m) => (m.versions = []), /at least one version/],
];

for (const [title, breakIt, message] of broken) {
  test(`refused: ${title} (DF_ERR_UPDATE_BAD_MANIFEST, exit 2)`, () => {
    const manifest = valid();
    breakIt(manifest);
    assert.throws(
      () => checkManifest(manifest, 'service/.design-first/manifest.json'),
      (error: unknown) => {
        assert.ok(error instanceof DesignFirstError);
        assert.equal(error.code, 'DF_ERR_UPDATE_BAD_MANIFEST');
        assert.equal(error.exitCode, 2);
        assert.match(error.toLine(), message);
        return true;
      },
    );
  });
}
