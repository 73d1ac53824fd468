/**
 * The worked example of docs/playbook-authors.md, run as it is written: its
 * files and edits are taken from the page's code blocks (`file=PATH` writes a
 * file, `replace=PATH` then `with` changes one passage of it), so the page
 * cannot drift from what design-first does. If an edit no longer applies to
 * the built-in templates, update the page.
 */
import assert from 'node:assert/strict';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { runEject } from '../../src/cli/commands/templates.js';
import { runNew } from '../../src/cli/commands/new.js';
import { runUpdate } from '../../src/cli/commands/update.js';
import { bin, captureIo, repoRoot, run, scratchFolder } from '../generate/helpers.js';

interface Block {
  info: string;
  body: string;
}

const page = await readFile(path.join(repoRoot, 'docs/playbook-authors.md'), 'utf8');
const ROLL_OUT = '### Rolling out a change';

function blocks(markdown: string): Block[] {
  return [...markdown.matchAll(/^```([^\n]*)\n([\s\S]*?)^```$/gm)].map((match) => ({ info: match[1]!.trim(), body: match[2]! }));
}

/** Apply a part of the page: `file=` blocks are written, `replace=` + `with` pairs edit a file. */
async function applyPage(folder: string, markdown: string): Promise<string[]> {
  const applied: string[] = [];
  const list = blocks(markdown);
  for (let index = 0; index < list.length; index++) {
    const block = list[index]!;
    const file = /\bfile=(\S+)/.exec(block.info)?.[1];
    const replace = /\breplace=(\S+)/.exec(block.info)?.[1];
    if (file) {
      await mkdir(path.dirname(path.join(folder, file)), { recursive: true });
      await writeFile(path.join(folder, file), block.body);
      applied.push(`file ${file}`);
    } else if (replace) {
      const replacement = list[++index];
      assert.ok(replacement && /\bwith\b/.test(replacement.info), `a replace=${replace} block is followed by a with block`);
      const target = path.join(folder, replace);
      const text = await readFile(target, 'utf8');
      const count = text.split(block.body).length - 1;
      assert.equal(count, 1, `docs/playbook-authors.md: the passage to replace in ${replace} occurs ${count} times in the built-in template; update the page`);
      await writeFile(
        target,
        text.replace(block.body, () => replacement.body),
      );
      applied.push(`edit ${replace}`);
    }
  }
  return applied;
}

/** Requests to the generated service, through Fastify's inject, in a child process that runs its TypeScript. */
async function ask(service: string, urls: string[]): Promise<Array<{ status: number; contentType: string; body: any }>> {
  const probe = path.join(service, 'probe.ts');
  await writeFile(
    probe,
    `import { buildApp } from './src/app.js';
import { loadConfig } from './src/platform/config.js';
const app = await buildApp(loadConfig({ AUTH_MODE: 'mock', LOG_LEVEL: 'silent' }));
const answers = [];
for (const url of ${JSON.stringify(urls)}) {
  const response = await app.inject({ method: 'GET', url });
  answers.push({ status: response.statusCode, contentType: String(response.headers['content-type']), body: response.json() });
}
await app.close();
console.log(JSON.stringify(answers));
`,
  );
  const result = await run(bin('tsx'), [probe], service);
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!);
}

test("docs/playbook-authors.md: Acme's templates and playbook make the service the page says, and a template change rolls out with update", async () => {
  const work = await scratchFolder('playbook-authors');
  const [before, after] = [page.slice(0, page.indexOf(ROLL_OUT)), page.slice(page.indexOf(ROLL_OUT))];
  assert.ok(page.includes(ROLL_OUT));

  // "eject the built-in templates, copy src/platform/problem.ts to acme/templates/src/platform/problem.ts"
  assert.equal(await runEject({ out: 'acme/templates-full', cwd: work }, captureIo()), 0);
  await mkdir(path.join(work, 'acme/templates/src/platform'), { recursive: true });
  await copyFile(path.join(work, 'acme/templates-full/src/platform/problem.ts'), path.join(work, 'acme/templates/src/platform/problem.ts'));
  assert.deepEqual(await applyPage(work, before), [
    'file acme/templates/template-set.json',
    'file acme/playbook.yaml',
    'file acme/templates/SECURITY.md.hbs',
    'edit acme/templates/src/platform/problem.ts',
    'file acme/parcels.yaml',
  ]);

  // design-first new acme/parcels.yaml --playbook acme/playbook.yaml --out parcels
  const io = captureIo();
  assert.equal(await runNew({ blueprints: ['acme/parcels.yaml'], playbook: 'acme/playbook.yaml', out: 'parcels', cwd: work }, io), 0, io.err.join('\n'));
  const service = path.join(work, 'parcels');
  assert.match(
    await readFile(path.join(service, 'SECURITY.md'), 'utf8'),
    /^# Security of Parcels API\n\nReport a vulnerability in this service to security@acme\.example/,
  );
  const typecheck = await run(bin('tsc'), ['--noEmit', '-p', '.'], service);
  assert.equal(typecheck.code, 0, typecheck.stdout);
  const [collection, missing] = await ask(service, ['/v1/parcels', '/v1/nowhere']);
  assert.equal(collection!.status, 200);
  assert.deepEqual(Object.keys(collection!.body), ['PageNumber', 'Parcels', 'Related']);
  assert.deepEqual(collection!.body.Related[0], { Rel: 'self', Href: '/v1/parcels', Type: 'GET' });
  assert.equal(missing!.status, 404);
  assert.equal(missing!.body.type, 'https://developer.acme.example/errors/404');
  const manifest = JSON.parse(await readFile(path.join(service, '.design-first/manifest.json'), 'utf8'));
  assert.match(manifest.templateVersion, /^\d+\.\d+\.\d+\+1\.0\.0$/);
  // The templates folder is the playbook's (not given with --templates); the playbook is named relative to the service.
  assert.equal(manifest.templates, null);
  assert.equal(manifest.playbook.source, '../acme/playbook.yaml');

  // Rolling out a change: the edits, then `design-first update` in the service.
  assert.deepEqual(await applyPage(work, after), ['edit acme/templates/SECURITY.md.hbs', 'file acme/templates/template-set.json']);
  const updated = captureIo();
  assert.equal(await runUpdate({ cwd: service }, updated), 0, updated.err.join('\n'));
  const report = updated.out.join('\n');
  const builtIn = manifest.templateVersion.split('+')[0];
  assert.match(report, new RegExp(`^templates: ${builtIn}\\+1\\.0\\.0 -> ${builtIn}\\+1\\.1\\.0$`, 'm'));
  assert.match(report, /^updated +SECURITY\.md$/m);
  assert.match(report, /type-check: the service compiles/);
  assert.match(await readFile(path.join(service, 'SECURITY.md'), 'utf8'), /at https:\/\/acme\.example\/security, never/);
});
