/**
 * Extension points instead of forks: a playbook adds a header to every answer
 * with a Fastify plugin under src/platform/extensions/, writes a file with a
 * partial, custom helpers and its `vars:`, and removes a built-in file, all
 * without overriding a built-in template. Custom helpers keep the escaping
 * discipline: a helper's output is refused when printed directly, unless the
 * helper declares the context it writes for.
 */
import assert from 'node:assert/strict';
import { access, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { runNew } from '../../src/cli/commands/new.js';
import { bin, captureIo, repoRoot, run, scratchFolder } from '../generate/helpers.js';

const PETS = path.join(repoRoot, 'examples/pets/pets-v1.yaml');

async function councilPlaybook(folder: string, support: string): Promise<string> {
  const templates = path.join(folder, 'templates');
  await mkdir(path.join(templates, 'src/platform/extensions'), { recursive: true });
  await mkdir(path.join(templates, '__partials__'), { recursive: true });
  await writeFile(path.join(templates, 'template-set.json'), JSON.stringify({ name: 'council', version: '1.0.0', remove: ['Dockerfile'] }));
  await writeFile(
    path.join(templates, 'src/platform/extensions/10-council-header.ts.hbs'),
    `import type { FastifyInstance } from 'fastify';

/** Every answer names the council that runs the service. */
export default async function councilHeader(app: FastifyInstance): Promise<void> {
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-council', {{str vars.councilName}});
  });
}
`,
  );
  await writeFile(path.join(templates, '__partials__/contact.hbs'), 'Write to {{md vars.contact}} about {{md model.title}}.\n');
  await writeFile(
    path.join(templates, 'helpers.mjs'),
    `export default {
  // Plain: its output is data, printed through an escaping helper.
  lower: (text) => String(text).toLowerCase(),
  // Declares its context: its output is escaped as Markdown.
  shout: { context: 'md', fn: (text) => String(text).toUpperCase() + '!' },
};
`,
  );
  await writeFile(path.join(templates, 'SUPPORT.md.hbs'), support);
  const playbook = path.join(folder, 'playbook.yaml');
  await writeFile(
    playbook,
    'name: council\nversion: 2026.1.0\ntemplates: templates\nvars:\n  councilName: "Somewhere <Council>"\n  contact: api@somewhere.example\n',
  );
  return playbook;
}

test('a plugin, a partial, custom helpers, vars and a removed file, with no built-in template overridden', async () => {
  const work = await scratchFolder('extension-points');
  const playbook = await councilPlaybook(work, '# {{shout vars.councilName}}\n\n{{> contact .}}\n\nThe {{md (lower vars.councilName)}} API team.\n');
  const io = captureIo();
  assert.equal(await runNew({ blueprints: [PETS], playbook, out: 'pets', cwd: work }, io), 0, io.err.join('\n'));
  const service = path.join(work, 'pets');

  const support = await run('cat', ['SUPPORT.md'], service);
  assert.equal(support.stdout, '# SOMEWHERE \\<COUNCIL\\>\\!\n\nWrite to api@somewhere.example about Pets API.\n\nThe somewhere \\<council\\> API team.\n');
  await assert.rejects(access(path.join(service, 'Dockerfile')), 'the removed built-in file is not written');

  // The plugin is registered before the routes: every answer carries the header, and the service's own tests pass.
  const probe = path.join(service, 'probe.ts');
  await writeFile(
    probe,
    `import { buildApp } from './src/app.js';
import { loadConfig } from './src/platform/config.js';
const app = await buildApp(loadConfig({ AUTH_MODE: 'mock', LOG_LEVEL: 'silent' }));
const answers = [];
for (const url of ['/health/live', '/v1/pets', '/v1/nowhere']) answers.push((await app.inject(url)).headers['x-council']);
await app.close();
console.log(JSON.stringify(answers));
`,
  );
  const probed = await run(bin('tsx'), [probe], service);
  assert.equal(probed.code, 0, probed.stderr);
  assert.deepEqual(JSON.parse(probed.stdout.trim().split('\n').at(-1)!), ['Somewhere <Council>', 'Somewhere <Council>', 'Somewhere <Council>']);
  const typecheck = await run(bin('tsc'), ['--noEmit', '-p', '.'], service);
  assert.equal(typecheck.code, 0, typecheck.stdout);
  const tests = await run(bin('tsx'), ['--test', 'test/platform.test.ts', 'test/contract.test.ts'], service);
  assert.match(tests.stdout, /# fail 0/, tests.stdout.slice(-2000));
});

test("a plain helper's output printed without an escaping helper is refused", async () => {
  const work = await scratchFolder('extension-points-raw');
  const playbook = await councilPlaybook(work, '# {{lower vars.councilName}}\n');
  const io = captureIo();
  assert.equal(await runNew({ blueprints: [PETS], playbook, out: 'pets', cwd: work }, io), 2);
  assert.match(io.err.at(-1)!, /template SUPPORT\.md\.hbs failed: a template printed "somewhere <council>" without an escaping helper \[DF_ERR_TEMPLATE\]/);
});
