/**
 * The built-in playbook, the rule files and the documentation agree with
 * ../shared/PLAYBOOK-RULES.md: every rule it lists exists, in its own file
 * with its own test, at the severity it gives, and is documented.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { BUILT_IN_RULE_DEFINITIONS } from '../../src/lint/index.js';
import { BUILT_IN_RULES, loadPlaybook } from '../../src/playbook/index.js';
import { GENERIC_RULES, WAIVER_RULES } from '../../src/playbook/generic-rules.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const rulesDocument = path.resolve(root, '../shared/PLAYBOOK-RULES.md');
const SEVERITY = { E: 'error', W: 'warn', I: 'info' } as const;

/** `| \`id\` | checks | E |` rows of PLAYBOOK-RULES.md. */
function playbookRules(): Map<string, string> {
  const rows = [...readFileSync(rulesDocument, 'utf8').matchAll(/^\| `([a-z0-9-]+)` \|.*\| ([EWI]) \|$/gm)];
  return new Map(rows.map((row) => [row[1]!, SEVERITY[row[2] as keyof typeof SEVERITY]]));
}

describe('the built-in playbook', () => {
  it('has every rule of PLAYBOOK-RULES.md at its severity, and no other but the generic rules and those about waivers', {
    skip: !existsSync(rulesDocument) && 'shared/ is not beside the checkout',
  }, () => {
    const expected = playbookRules();
    assert.ok(expected.size >= 35);
    const builtIn = new Map(Object.entries(BUILT_IN_RULES));
    builtIn.delete('ignore-without-reason');
    for (const id of [...Object.keys(WAIVER_RULES), ...Object.keys(GENERIC_RULES)]) builtIn.delete(id);
    assert.deepEqual([...builtIn].sort(), [...expected].sort());
  });

  it('has one rule file and one test file per rule, named by its id', () => {
    assert.deepEqual(
      BUILT_IN_RULE_DEFINITIONS.map((rule) => rule.id),
      Object.keys(BUILT_IN_RULES),
    );
    for (const id of Object.keys(BUILT_IN_RULES)) {
      assert.ok(existsSync(path.join(root, 'src/lint/rules', `${id}.ts`)), `src/lint/rules/${id}.ts`);
      assert.ok(existsSync(path.join(root, 'test/lint/rules', `${id}.test.ts`)), `test/lint/rules/${id}.test.ts`);
      assert.match(readFileSync(path.join(root, 'test/lint/rules', `${id}.test.ts`), 'utf8'), new RegExp(`const rule = '${id}';`));
    }
  });

  it('is documented: every rule in docs/lint.md at its default severity', () => {
    const lintDoc = readFileSync(path.join(root, 'docs/lint.md'), 'utf8');
    for (const rule of BUILT_IN_RULE_DEFINITIONS) {
      const row = new RegExp(`^\\| \`${rule.id}\` \\| ${BUILT_IN_RULES[rule.id as keyof typeof BUILT_IN_RULES]}( \\(opt-in\\))? \\|`, 'm');
      assert.match(lintDoc, row, rule.id);
    }
  });

  it('is exactly the YAML that docs/playbook.md shows', async () => {
    const playbookDoc = readFileSync(path.join(root, 'docs/playbook.md'), 'utf8');
    const yaml = /## The built-in default[\s\S]*?```yaml\n([\s\S]*?)```/.exec(playbookDoc)?.[1];
    assert.ok(yaml);
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'df-default-')), 'playbook.yaml');
    await writeFile(file, yaml);
    const documented = await loadPlaybook(file);
    const builtIn = await loadPlaybook();
    assert.deepEqual({ ...documented, file: null }, builtIn);
  });
});
