/**
 * Templates owned by playbook authors, end to end: `templates eject` copies
 * the built-in set; a templates folder (the playbook's `templates:`, or
 * --templates, which wins) overrides built-in templates by exact relative name
 * and adds files; everything else falls back to the built-ins.
 */
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { before, test } from 'node:test';
import { runEject } from '../../src/cli/commands/templates.js';
import { runNew } from '../../src/cli/commands/new.js';
import { BUILT_IN_TEMPLATES } from '../../src/render/render.js';
import { listServiceFiles } from '../../src/update/service-tree.js';
import { bin, captureIo, repoRoot, run, scratchFolder } from '../generate/helpers.js';

const PETS_V1 = path.join(repoRoot, 'examples/pets/pets-v1.yaml');

let work: string;
let plain: Map<string, string>;

async function tree(folder: string): Promise<Map<string, string>> {
  const files = await listServiceFiles(folder);
  return new Map(await Promise.all(files.map(async (file) => [file, await readFile(path.join(folder, file), 'utf8')] as const)));
}

async function generate(out: string, options: { playbook?: string; templates?: string } = {}): Promise<Map<string, string>> {
  const io = captureIo();
  const code = await runNew({ blueprints: [PETS_V1], out, cwd: work, ...options }, io);
  assert.equal(code, 0, io.err.join('\n'));
  return tree(path.join(work, out));
}

async function put(file: string, content: string): Promise<void> {
  await mkdir(path.dirname(path.join(work, file)), { recursive: true });
  await writeFile(path.join(work, file), content);
}

before(async () => {
  work = await scratchFolder('templates');
  plain = await generate('plain');
});

test('eject copies every built-in template, byte for byte, and refuses a folder that is not empty', async () => {
  const io = captureIo();
  assert.equal(await runEject({ out: 'ejected', cwd: work }, io), 0, io.err.join('\n'));
  assert.match(io.out[0]!, /copied the built-in templates to .*ejected/);
  const builtIn = await tree(BUILT_IN_TEMPLATES);
  assert.deepEqual(await tree(path.join(work, 'ejected')), builtIn);
  assert.ok(builtIn.has('template-set.json') && builtIn.has('src/handlers/__version__/__operation__.ts.hbs'));

  const again = captureIo();
  assert.equal(await runEject({ out: 'ejected', cwd: work }, again), 2);
  assert.match(again.err.at(-1)!, /\[DF_ERR_OUT_NOT_EMPTY\]/);
});

test('an ejected set, unchanged, generates exactly the built-in service', async () => {
  await runEject({ out: 'ejected-unchanged', cwd: work }, captureIo());
  const service = await generate('from-ejected', { templates: 'ejected-unchanged' });
  for (const [file, content] of plain) {
    if (file !== '.design-first/manifest.json') assert.equal(service.get(file), content, file);
  }
  // Beside the service, update keeps a copy of the templates folder it rendered (.design-first/templates/).
  assert.deepEqual([...service.keys()].filter((file) => !file.startsWith('.design-first/templates/')).sort(), [...plain.keys()].sort());
  assert.ok(service.has('.design-first/templates/src/app.ts'));
});

test("the playbook's templates folder overrides by exact name, adds files, and falls back to the built-ins for the rest; the service compiles", async () => {
  await put('org/templates/template-set.json', '{ "name": "org", "version": "2.3.0" }\n');
  await put('org/templates/Dockerfile', 'FROM registry.org.example/node:20\n');
  await put('org/templates/CODEOWNERS.hbs', '* @org/{{md model.packageName}}-team\n');
  await put('org/templates/src/platform/org-banner.ts', "export const banner = 'An Org service';\n");
  await put('org/playbook.yaml', 'templates: templates\n');
  const service = await generate('overridden', { playbook: 'org/playbook.yaml' });

  assert.equal(service.get('Dockerfile'), 'FROM registry.org.example/node:20\n');
  assert.equal(service.get('CODEOWNERS'), '* @org/pets-api-team\n');
  assert.equal(service.get('src/platform/org-banner.ts'), "export const banner = 'An Org service';\n");
  assert.equal(service.has('template-set.json'), false);
  const added = ['CODEOWNERS', 'src/platform/org-banner.ts'];
  assert.deepEqual([...service.keys()].filter((file) => !plain.has(file) && !file.startsWith('.design-first/templates/')).sort(), added.sort());
  assert.equal(
    service.get('.design-first/templates/CODEOWNERS.hbs'),
    '* @org/{{md model.packageName}}-team\n',
    'the templates as rendered are kept for update',
  );
  for (const [file, content] of plain) {
    if (!['Dockerfile', '.design-first/manifest.json'].includes(file)) assert.equal(service.get(file), content, `${file} falls back to the built-in template`);
  }
  const manifest = JSON.parse(service.get('.design-first/manifest.json')!);
  assert.match(manifest.templateVersion, /^\d+\.\d+\.\d+\+2\.3\.0$/);
  assert.equal(manifest.files.CODEOWNERS.owner, 'platform');
  const typecheck = await run(bin('tsc'), ['--noEmit', '-p', '.'], path.join(work, 'overridden'));
  assert.equal(typecheck.code, 0, typecheck.stdout);
});

test("--templates wins over the playbook's templates folder", async () => {
  await put('other/Dockerfile', 'FROM other\n');
  await put('org2/templates/Dockerfile', 'FROM playbook\n');
  await put('org2/playbook.yaml', 'templates: templates\n');
  const service = await generate('templates-flag', { playbook: 'org2/playbook.yaml', templates: 'other' });
  assert.equal(service.get('Dockerfile'), 'FROM other\n');
  // Without a template-set.json, the override folder does not change the recorded version.
  assert.match(JSON.parse(service.get('.design-first/manifest.json')!).templateVersion, /^\d+\.\d+\.\d+$/);
});
