/**
 * A playbook author's year, end to end. The council publishes playbook A as
 * an npm package (camelCase, page size 50, an async custom rule with options,
 * a plugin adding a header to every answer, a partial, a variable, a platform
 * file of its own) and two teams generate services from it; their own tests
 * pass. The teams change a handler, package.json and the council's platform
 * file. A year on, playbook B changes the error shape, that platform file
 * and the rule. update refuses B for each published v1; given a new v2, it
 * applies B to v2 while v1 keeps A, merges the platform file three ways
 * (different lines: no conflict), keeps the team's package.json and
 * handler, and both services' tests pass, each version answering in its own
 * error shape. A clone of the services repository elsewhere updates to the
 * same files.
 */
import assert from 'node:assert/strict';
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { stringify } from 'yaml';
import { runNew } from '../../src/cli/commands/new.js';
import { profileBlueprint } from '../templates/profile-blueprint.js';
import { bin, captureIo, read, run, scratchFolder, snapshot, update, write } from './helpers.js';

const RULE = `import { defineRule } from 'generator-design-first';

export default defineRule({
  id: 'council-summary-length',
  description: 'operation summaries fit on a phone screen',
  fix: 'shorten the summary',
  options: { type: 'object', required: ['max'], properties: { max: { type: 'integer', minimum: 1 } } },
  create(context) {
    const { max } = context.options as { max: number };
    return {
      async operation(operation) {
        // A council rule may look things up; the engine awaits it.
        await new Promise((resolve) => setImmediate(resolve));
        const summary = String(operation.value.summary ?? '');
        if (summary.length > max) context.report({ message: \`summary is \${summary.length} characters, more than \${max}\`, location: operation.pointer });
      },
    };
  },
});
`;

const BANNER = `// The council's banner, sent by every service.
export const council = 'Somewhere Council';

export function bannerText(service: string): string {
  return \`\${service}, run by \${council}\`;
}
`;

/** Install playbook `version` of the council's package where the estate's services resolve it. */
async function installPlaybook(estate: string, version: string, changes: { errorShape: 'problem' | 'playbook'; rule: object; banner: string }): Promise<void> {
  const root = path.join(estate, 'node_modules/@council/api-playbook');
  await rm(root, { recursive: true, force: true });
  await mkdir(path.join(root, 'rules'), { recursive: true });
  await mkdir(path.join(root, 'templates/src/platform/extensions'), { recursive: true });
  await mkdir(path.join(root, 'templates/__partials__'), { recursive: true });
  await writeFile(
    path.join(root, 'package.json'),
    JSON.stringify({ name: '@council/api-playbook', version, type: 'module', designFirst: { playbook: 'playbook.yaml' } }),
  );
  await writeFile(
    path.join(root, 'playbook.yaml'),
    stringify({
      profile: { propertyCasing: 'camel', errorShape: changes.errorShape },
      paging: { pageSize: 50 },
      customRules: ['rules/summary.ts'],
      rules: { 'council-summary-length': changes.rule },
      vars: { councilName: 'Somewhere Council', contact: 'api@somewhere.example' },
      templates: 'templates',
    }),
  );
  await writeFile(path.join(root, 'rules/summary.ts'), RULE);
  await writeFile(path.join(root, 'templates/template-set.json'), JSON.stringify({ name: 'council', version }));
  await writeFile(
    path.join(root, 'templates/src/platform/extensions/10-council.ts.hbs'),
    "import type { FastifyInstance } from 'fastify';\n\nexport default async function council(app: FastifyInstance): Promise<void> {\n  app.addHook('onSend', async (_request, reply) => {\n    reply.header('x-council', {{str vars.councilName}});\n  });\n}\n",
  );
  await writeFile(path.join(root, 'templates/__partials__/contact.hbs'), 'Questions about {{md model.title}}: {{md vars.contact}}.\n');
  await writeFile(path.join(root, 'templates/SUPPORT.md.hbs'), '# Support\n\n{{> contact .}}\n');
  await writeFile(path.join(root, 'templates/src/platform/council-banner.ts'), changes.banner);
}

/** The service's own tests, as `npm test` runs them; the number that passed. */
async function ownTests(service: string): Promise<number> {
  const result = await run(bin('tsx'), ['--test', 'test/auth.test.ts', 'test/contract.test.ts', 'test/paging.test.ts', 'test/platform.test.ts'], service);
  assert.match(result.stdout, /# fail 0/, `${path.basename(service)}: ${result.stdout.slice(-3000)}`);
  return Number(/# pass (\d+)/.exec(result.stdout)?.[1] ?? 0);
}

test("the playbook author's year: A to two services, team edits, B refused for v1 and taken by v2, merged, tested, cloned", { timeout: 900_000 }, async () => {
  const work = await scratchFolder('authors-year');
  const estate = path.join(work, 'estate');
  await installPlaybook(estate, '2026.1.0', { errorShape: 'problem', rule: { severity: 'warn', options: { max: 60 } }, banner: BANNER });
  const profile = { propertyCasing: 'camel', paging: 'page', versioning: 'path' } as const;
  const services = [
    { name: 'permits', title: 'Parking Permits API' },
    { name: 'bins', title: 'Bin Collections API' },
  ];
  const passedBefore = new Map<string, number>();
  for (const service of services) {
    await writeFile(
      path.join(estate, `${service.name}-v1.json`),
      JSON.stringify(profileBlueprint({ ...profile, errorShape: 'problem' }, { version: '1.0.0', title: service.title })),
    );
    await writeFile(
      path.join(estate, `${service.name}-v2.json`),
      JSON.stringify(profileBlueprint({ ...profile, errorShape: 'playbook' }, { version: '2.0.0', title: service.title })),
    );
    const io = captureIo();
    assert.equal(
      await runNew({ blueprints: [`${service.name}-v1.json`], playbook: '@council/api-playbook', out: service.name, cwd: estate }, io),
      0,
      io.err.join('\n'),
    );
    const dir = path.join(estate, service.name);
    assert.match(await read(dir, 'SUPPORT.md'), new RegExp(`^Questions about ${service.title}: api@somewhere\\.example\\.$`, 'm'));
    passedBefore.set(service.name, await ownTests(dir));
    assert.ok(passedBefore.get(service.name)! > 40);

    // The team's changes: a handler, package.json, and the council's platform file.
    const handler = 'src/handlers/v1/permits/getPermit.ts';
    await write(dir, handler, `${await read(dir, handler)}// Reviewed by the ${service.name} team.\n`);
    const pkg = JSON.parse(await read(dir, 'package.json'));
    pkg.dependencies.pg = '^8.13.0';
    pkg.scripts.seed = 'tsx scripts/seed.ts';
    await write(dir, 'package.json', `${JSON.stringify(pkg, null, 2)}\n`);
    await write(
      dir,
      'src/platform/council-banner.ts',
      (await read(dir, 'src/platform/council-banner.ts')).replace(
        "// The council's banner, sent by every service.",
        `// The council's banner, as the ${service.name} team sends it.`,
      ),
    );
  }

  // A year on: playbook B, and the repository cloned elsewhere (with B installed there too).
  await installPlaybook(estate, '2027.1.0', {
    errorShape: 'playbook',
    rule: { severity: 'error', options: { max: 20 } },
    banner: BANNER.replace('return `${service}, run by ${council}`;', 'return `${service}, run by ${council} (since 2027)`;'),
  });
  const clone = path.join(work, 'elsewhere/estate');
  await cp(estate, clone, { recursive: true });

  for (const root of [estate, clone]) {
    for (const service of services) {
      const dir = path.join(root, service.name);
      const dry = await update(dir, { dryRun: true });
      assert.equal(dry.code, 1, dry.text);
      assert.match(dry.text, /^v1 \(published under @council\/api-playbook 2026\.1\.0\): @council\/api-playbook 2027\.1\.0 would change what it answers:$/m);
      assert.match(dry.text, /^ {2}breaking {2}profile\.errorShape: problem -> playbook/m);

      const applied = await update(dir, { blueprints: [path.join(root, `${service.name}-v2.json`)] });
      assert.equal(applied.code, 0, applied.text);
      assert.match(applied.text, /^v1: keeps @council\/api-playbook 2026\.1\.0, the playbook it was published under/m);
      assert.match(applied.text, /^playbook rule council-summary-length: warn -> error$/m);
      assert.match(applied.text, /^playbook setting profile\.errorShape: problem -> playbook$/m);
      assert.match(applied.text, /^playbook template src\/platform\/council-banner\.ts: changed$/m);
      assert.match(applied.text, /^merged +src\/platform\/council-banner\.ts: you and the templates changed different lines: merged$/m);
      // B does not change package.json: the team's stays as it is (test/update/merge.test.ts merges one both changed).
      assert.match(applied.text, /^kept +package\.json: you changed it; the templates did not$/m);
      assert.match(applied.text, /type-check: the service compiles/);

      const banner = await read(dir, 'src/platform/council-banner.ts');
      assert.match(banner, new RegExp(`as the ${service.name} team sends it`));
      assert.match(banner, /\(since 2027\)/);
      const pkg = JSON.parse(await read(dir, 'package.json'));
      assert.equal(pkg.dependencies.pg, '^8.13.0');
      assert.equal(pkg.scripts.seed, 'tsx scripts/seed.ts');
      assert.match(await read(dir, 'src/handlers/v1/permits/getPermit.ts'), new RegExp(`Reviewed by the ${service.name} team`));
      const settings = await read(dir, 'src/platform/settings.ts');
      assert.match(settings, /'\/v1': \{\s*playbook: \{ name: '@council\/api-playbook', version: '2026\.1\.0' \},\s*errorShape: 'problem'/);
      assert.match(settings, /'\/v2': \{\s*playbook: \{ name: '@council\/api-playbook', version: '2027\.1\.0' \},\s*errorShape: 'playbook'/);
      // v2's tests run beside v1's, which still pass as published.
      if (root === estate) assert.ok((await ownTests(dir)) > passedBefore.get(service.name)!);
    }
  }

  // The clone updated to exactly the same files as the original checkout.
  for (const service of services) {
    const [original, cloned] = [await snapshot(path.join(estate, service.name)), await snapshot(path.join(clone, service.name))];
    assert.deepEqual([...cloned.keys()], [...original.keys()]);
    for (const [file, content] of original) assert.equal(cloned.get(file), content, `${service.name}/${file} differs in the clone`);
  }
});
