/**
 * Custom rules as a playbook author writes them, in a folder of their own
 * outside any project that installed design-first: async visitors (their
 * findings are awaited, not dropped), `import { defineRule } from
 * 'generator-design-first'`, options given in the playbook, TypeScript rule
 * files, and import failures that name the import that failed. Run through
 * the built CLI as well as the library.
 */
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { loadBlueprint } from '../../src/blueprint/load.js';
import type { DesignFirstError } from '../../src/errors.js';
import { lintBlueprint } from '../../src/lint/index.js';
import { loadPlaybook } from '../../src/playbook/index.js';
import { repoRoot, run } from '../generate/helpers.js';

const PETS = path.join(repoRoot, 'examples/pets/pets-v1.yaml');

/** A rule that awaits before it reports, takes `max` from the playbook and imports defineRule from the package. */
const SUMMARY_RULE = `import { defineRule } from 'generator-design-first';

interface Options { max: number }

export default defineRule({
  id: 'council-summary-length',
  description: 'operation summaries are short',
  fix: 'shorten the summary',
  options: { type: 'object', additionalProperties: false, required: ['max'], properties: { max: { type: 'integer', minimum: 1 } } },
  create(context) {
    const { max } = context.options as Options;
    return {
      async operation(operation) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        const summary = String(operation.value.summary ?? '');
        if (summary.length > max) context.report({ message: \`summary "\${summary}" is longer than \${max} characters\`, location: operation.pointer });
      },
      async documentEnd() {
        await Promise.resolve();
        context.report({ message: 'checked every summary', location: '/info' });
      },
    };
  },
});
`;

/** A playbook folder outside the repository, so nothing resolves generator-design-first by accident. */
async function playbookFolder(files: Record<string, string>): Promise<string> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'df-council-rules-'));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(folder, name), text);
  return path.join(folder, 'playbook.yaml');
}

const PLAYBOOK = (file: string) => `name: council\ncustomRules: [./${file}]\nrules:\n  council-summary-length: { severity: error, options: { max: 12 } }\n`;

test('an async TypeScript rule with options, importing defineRule from the package, reports what it finds', async () => {
  const playbook = await loadPlaybook(await playbookFolder({ 'playbook.yaml': PLAYBOOK('summary.mts'), 'summary.mts': SUMMARY_RULE }));
  const findings = await lintBlueprint(await loadBlueprint(PETS), playbook);
  const ours = findings.filter((finding) => finding.rule === 'council-summary-length').map((finding) => `${finding.severity} ${finding.message}`);
  assert.deepEqual(ours.sort(), ['error checked every summary', 'error summary "Register a pet" is longer than 12 characters']);
});

test('a .ts rule in a folder whose package.json says "type": "module" loads too, through the built CLI', async () => {
  const file = await playbookFolder({ 'playbook.yaml': PLAYBOOK('summary.ts'), 'summary.ts': SUMMARY_RULE, 'package.json': '{ "type": "module" }' });
  const result = await run(process.execPath, [path.join(repoRoot, 'bin/design-first.js'), 'lint', PETS, '--playbook', file, '--format', 'json'], repoRoot);
  assert.equal(result.code, 1, result.stderr);
  const { findings } = JSON.parse(result.stdout) as { findings: Array<{ rule: string; message: string }> };
  assert.ok(
    findings.some((finding) => finding.rule === 'council-summary-length' && /Register a pet/.test(finding.message)),
    result.stdout,
  );
});

test('an import that fails is named, with the file that makes it; a missing rule file says so', async () => {
  const broken = await playbookFolder({
    'playbook.yaml': 'customRules: [./uses-helpers.mjs, ./missing.mjs]\nrules: { council-x: error }\n',
    'uses-helpers.mjs': "import { check } from 'council-helpers';\nexport default check;\n",
  });
  const error = await loadPlaybook(broken).then(
    () => assert.fail('accepted'),
    (failure: unknown) => failure as DesignFirstError,
  );
  const lines = error.details.join('\n');
  assert.match(
    lines,
    /customRules\[0\]: cannot import .*uses-helpers\.mjs: an import it makes failed: Cannot find package 'council-helpers' imported from .*uses-helpers\.mjs/,
  );
  assert.match(lines, /customRules\[1\]: cannot import .*missing\.mjs: no such file/);
  assert.doesNotMatch(lines, /council-x/, 'the rule id is not also reported unknown: its module is the mistake');
});

test('a TypeScript rule in a CommonJS folder is refused with what to do', async () => {
  const file = await playbookFolder({ 'playbook.yaml': PLAYBOOK('summary.ts'), 'summary.ts': SUMMARY_RULE });
  await assert.rejects(loadPlaybook(file), /a TypeScript rule is an ES module: name it \.mts, or put "type": "module" in the package\.json of its folder/);
});
