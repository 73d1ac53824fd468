import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { DesignFirstError } from '../../src/errors.js';
import { BUILT_IN_RULES, loadPlaybook } from '../../src/playbook/index.js';

async function playbookFile(text: string, name = 'playbook.yaml'): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'df-playbook-'));
  const file = path.join(folder, name);
  await writeFile(file, text);
  return file;
}

async function refusal(text: string): Promise<string> {
  const file = await playbookFile(text);
  try {
    await loadPlaybook(file);
  } catch (error) {
    assert.ok(error instanceof DesignFirstError);
    assert.equal(error.code, 'DF_ERR_PLAYBOOK_INVALID');
    assert.equal(error.exitCode, 2);
    const line = error.toLine();
    assert.doesNotMatch(line, /\n/);
    return line.replace(path.dirname(file), '<dir>');
  }
  assert.fail('the playbook was accepted');
}

describe('loadPlaybook', () => {
  it('reads deprecationNoticeDays (default 0, a whole number of days); spelling out the default keeps the built-in hash', async () => {
    assert.equal((await loadPlaybook()).deprecationNoticeDays, 0);
    assert.equal((await loadPlaybook(await playbookFile('deprecationNoticeDays: 180\n'))).deprecationNoticeDays, 180);
    assert.equal((await loadPlaybook(await playbookFile('deprecationNoticeDays: 0\n'))).hash, (await loadPlaybook()).hash);
    assert.notEqual((await loadPlaybook(await playbookFile('deprecationNoticeDays: 30\n'))).hash, (await loadPlaybook()).hash);
    assert.match(await refusal('deprecationNoticeDays: -1\n'), /playbook\.yaml:1:1 #\/deprecationNoticeDays: deprecationNoticeDays: must be at least 0/);
    assert.match(await refusal('deprecationNoticeDays: 1.5\n'), /#\/deprecationNoticeDays: deprecationNoticeDays: must be an integer/);
  });

  it('gives the built-in default when no file is named, resolved once', async () => {
    const playbook = await loadPlaybook();
    assert.equal(playbook.file, null);
    assert.match(playbook.hash, /^[0-9a-f]{64}$/);
    assert.equal(await loadPlaybook(), playbook);
    assert.deepEqual(playbook.profile, { propertyCasing: 'pascal', paging: 'page', errorShape: 'problem', versioning: 'path' });
    assert.deepEqual(playbook.envelope, { page: 'Page', items: null, links: 'Links', rel: 'Rel', href: 'Href', type: 'Type' });
    assert.deepEqual(playbook.paging, { pageSize: 20, unpagedMaximum: 100 });
    assert.equal(playbook.bodyLimitBytes, 1_048_576);
    assert.equal(playbook.subscriptionKeyHeader, 'Ocp-Apim-Subscription-Key');
    assert.deepEqual(playbook.rateLimit, { max: 100, windowSeconds: 60 });
    assert.equal(playbook.templates, null);
    assert.deepEqual(playbook.customRules, []);
    assert.deepEqual(playbook.examples, { validate: false });
    assert.equal(playbook.rules['examples-valid'], 'off');
    assert.equal(playbook.rules['property-casing'], 'error');
    assert.deepEqual(Object.keys(playbook.rules).sort(), Object.keys(BUILT_IN_RULES).sort());
  });

  it('resolves every field of a file: envelope from casing, paths against the playbook, ignores, examples', async () => {
    const file = await playbookFile(`rules:
  path-no-verbs: error
  numeric-format: off
profile:
  propertyCasing: camel
  paging: cursor
envelope:
  items: results
paging: { pageSize: 50 }
subscriptionKeyHeader: X-Api-Key
rateLimit: { max: 10 }
templates: ./templates
ignore:
  - { rule: path-kebab-case, pointer: /paths/~1Legacy, reason: kept for old clients }
  - { rule: no-id-in-query, pointer: /paths }
systemKeys: ['^legacy_']
examples: { validate: true }
`);
    await mkdir(path.join(path.dirname(file), 'templates'));
    const playbook = await loadPlaybook(file);
    assert.equal(playbook.file, file);
    assert.equal(playbook.rules['path-no-verbs'], 'error');
    assert.equal(playbook.rules['numeric-format'], 'off');
    assert.equal(playbook.rules['examples-valid'], 'warn');
    assert.deepEqual(playbook.profile, { propertyCasing: 'camel', paging: 'cursor', errorShape: 'problem', versioning: 'path' });
    assert.deepEqual(playbook.envelope, { page: 'page', items: 'results', links: 'links', rel: 'rel', href: 'href', type: 'type' });
    assert.deepEqual(playbook.paging, { pageSize: 50, unpagedMaximum: 100 });
    assert.deepEqual(playbook.rateLimit, { max: 10, windowSeconds: 60 });
    assert.equal(playbook.subscriptionKeyHeader, 'X-Api-Key');
    assert.equal(playbook.templates, path.join(path.dirname(file), 'templates'));
    assert.deepEqual(playbook.ignore, [
      { rule: 'path-kebab-case', pointer: '/paths/~1Legacy', reason: 'kept for old clients', expires: null },
      { rule: 'no-id-in-query', pointer: '/paths', reason: null, expires: null },
    ]);
    assert.deepEqual(playbook.systemKeys, ['^legacy_']);
    assert.deepEqual(playbook.examples, { validate: true });
  });

  it('hashes the content, not the place: same settings in two folders, same hash', async () => {
    const text = 'profile: { propertyCasing: snake }\n';
    const [a, b] = await Promise.all([loadPlaybook(await playbookFile(text)), loadPlaybook(await playbookFile(text))]);
    assert.equal(a.hash, b.hash);
    assert.notEqual(a.hash, (await loadPlaybook()).hash);
    const c = await loadPlaybook(await playbookFile('profile: { propertyCasing: camel }\n'));
    assert.notEqual(a.hash, c.hash);
    assert.equal((await loadPlaybook(await playbookFile('{}\n'))).hash, (await loadPlaybook()).hash);
  });

  it('turns a rule setting on examples-valid into opting in', async () => {
    const playbook = await loadPlaybook(await playbookFile('rules: { examples-valid: error }\n'));
    assert.deepEqual(playbook.examples, { validate: true });
    assert.equal(playbook.rules['examples-valid'], 'error');
  });

  it('refuses invalid playbooks with one line naming file, line and field', async () => {
    assert.equal(
      await refusal('profile:\n  paging: pages\n'),
      '<dir>/playbook.yaml:2:3 #/profile/paging: profile.paging: must be one of page, offset, cursor (did you mean "page"?) [DF_ERR_PLAYBOOK_INVALID] - fix the playbook file; docs/playbook.md lists every field',
    );
    assert.match(
      await refusal('rules:\n  property-casing: error\n  no-such-rule: warn\n'),
      /playbook\.yaml:3:3 #\/rules\/no-such-rule: rules\.no-such-rule: no built-in or custom rule is named "no-such-rule"/,
    );
    assert.match(await refusal('rules:\n  property-casing: fatal\n'), /:2:3 .*rules\.property-casing: must be one of error, warn, info, off/);
    assert.match(await refusal('colour: blue\n'), /:1:1 #\/colour: colour: unknown field/);
    assert.match(await refusal('paging:\n  pageSize: 0\n'), /:2:3 .*paging\.pageSize: must be at least 1/);
    assert.match(await refusal('paging:\n  pageSize: 50\n  unpagedMaximum: 10\n'), /:3:3 .*paging\.unpagedMaximum: must be at least paging\.pageSize \(50\)/);
    assert.match(await refusal("systemKeys:\n  - 'pk$'\n  - '(unclosed'\n"), /:3:5 .*systemKeys\[1\]: not a regular expression/);
    assert.match(await refusal('ignore:\n  - { rule: path-kebab-case }\n'), /:2:5 .*ignore\[0\]: needs a `pointer`/);
    assert.match(await refusal('ignore:\n  - { rule: not-a-rule, pointer: /paths }\n'), /ignore\[0\]\.rule: no built-in or custom rule/);
    assert.match(await refusal('templates: ./nowhere\n'), /:1:1 .*templates: no folder at/);
    assert.match(await refusal('customRules: [./missing.mjs]\n'), /customRules\[0\]: cannot import .*missing\.mjs: no such file/);
    assert.match(
      await refusal('examples: { validate: false }\nrules: { examples-valid: warn }\n'),
      /rules\.examples-valid: `examples\.validate: false` turns this rule off/,
    );
    assert.match(await refusal('profile: [camel\n'), /playbook\.yaml:\d+:\d+: invalid YAML/);
  });

  it('reports every mistake at once, in file order, with a suggestion for what was misspelt', async () => {
    const file = await playbookFile(`name: council
colour: blue
rules:
  property-casnig: error
  path-no-verbs: fatal
profile:
  propertyCasing: camle
paging:
  pagesize: 50
`);
    const error = await loadPlaybook(file).then(
      () => assert.fail('accepted'),
      (failure: unknown) => failure as DesignFirstError,
    );
    assert.equal(error.code, 'DF_ERR_PLAYBOOK_INVALID');
    assert.deepEqual(
      error.details.map((line) => line.replace(file, 'playbook.yaml')),
      [
        'playbook.yaml:2:1 #/colour: colour: unknown field (docs/playbook.md lists the fields)',
        'playbook.yaml:4:3 #/rules/property-casnig: rules.property-casnig: no built-in or custom rule is named "property-casnig" (did you mean "property-casing"?)',
        'playbook.yaml:5:3 #/rules/path-no-verbs: rules.path-no-verbs: must be one of error, warn, info, off',
        'playbook.yaml:7:3 #/profile/propertyCasing: profile.propertyCasing: must be one of pascal, camel, snake (did you mean "camel"?)',
        'playbook.yaml:9:3 #/paging/pagesize: paging.pagesize: unknown field (did you mean "pageSize"?) (docs/playbook.md lists the fields)',
      ],
    );
    assert.match(
      error.toLine(),
      /:2:1 #\/colour: colour: unknown field .*\(and 4 more mistakes, listed above\) \[DF_ERR_PLAYBOOK_INVALID\] - fix the playbook file; docs\/playbook\.md lists every field$/,
    );
  });

  it('gives a custom rule the options it declares a schema for, and refuses options it does not accept', async () => {
    const file = await playbookFile('customRules: [./rules.mjs]\nrules:\n  acme-max-depth: { severity: error, options: { max: 3 } }\n');
    await writeFile(
      path.join(path.dirname(file), 'rules.mjs'),
      "export default { id: 'acme-max-depth', description: 'd', fix: 'f', options: { type: 'object', additionalProperties: false, properties: { max: { type: 'integer', minimum: 1 } } }, create: () => ({}) };\n",
    );
    const playbook = await loadPlaybook(file);
    assert.equal(playbook.rules['acme-max-depth'], 'error');
    assert.deepEqual(playbook.ruleOptions, { 'acme-max-depth': { max: 3 } });

    const wrong = await playbookFile(
      'customRules: [./rules.mjs]\nrules:\n  acme-max-depth: { severity: error, options: { max: 0, colour: red } }\n  property-casing: { severity: warn, options: { strict: true } }\n',
    );
    await writeFile(path.join(path.dirname(wrong), 'rules.mjs'), await readFile(path.join(path.dirname(file), 'rules.mjs'), 'utf8'));
    const error = await loadPlaybook(wrong).then(
      () => assert.fail('accepted'),
      (failure: unknown) => failure as DesignFirstError,
    );
    const lines = error.details.join('\n');
    assert.match(lines, /#\/rules\/acme-max-depth\/options\/max: .*must be at least 1/);
    assert.match(lines, /#\/rules\/acme-max-depth\/options\/colour: .*unknown field/);
    assert.match(lines, /#\/rules\/property-casing\/options: .*rule property-casing takes no options/);
  });

  it('keeps the loader codes for a playbook file that is missing', async () => {
    await assert.rejects(loadPlaybook('/nonexistent/playbook.yaml'), { code: 'DF_ERR_LOAD_NOT_FOUND' });
  });

  it('checks custom rule modules and registers their ids', async () => {
    const file = await playbookFile('customRules: [./rules.mjs]\nrules: { acme-one: error }\n');
    await writeFile(
      path.join(path.dirname(file), 'rules.mjs'),
      "const rule = (id) => ({ id, description: 'd', fix: 'f', create: () => ({}) });\nexport default [rule('acme-one'), rule('acme-two')];\n",
    );
    const playbook = await loadPlaybook(file);
    assert.equal(playbook.rules['acme-one'], 'error');
    assert.equal(playbook.rules['acme-two'], 'warn');
    assert.deepEqual(playbook.customRules, [path.join(path.dirname(file), 'rules.mjs')]);

    const clash = await playbookFile('customRules: [./clash.mjs]\n');
    await writeFile(path.join(path.dirname(clash), 'clash.mjs'), "export default { id: 'property-casing', description: 'd', fix: 'f', create: () => ({}) };\n");
    await assert.rejects(loadPlaybook(clash), /rule id "property-casing" is already taken/);

    const shapeless = await playbookFile('customRules: [./shapeless.mjs]\n');
    await writeFile(path.join(path.dirname(shapeless), 'shapeless.mjs'), "export default { id: 'acme-x', description: 'd' };\n");
    await assert.rejects(loadPlaybook(shapeless), /"acme-x" needs a one-line `fix`/);
  });
});
