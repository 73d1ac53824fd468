/**
 * The pets example's generated service is committed (examples/pets/service/):
 * reviewers read the diff of generated code. It must compile, and it must be
 * exactly what the generator produces today (regenerate with
 * `npm run examples` when a template changes on purpose).
 */
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { parseUpstreamFlags } from '../../src/model/upstreams/flags.js';
import { generateService } from '../../src/pipeline.js';
import { EXAMPLE_SERVICES } from '../../scripts/example-services.js';
import { bin, repoRoot, run } from './helpers.js';

async function listFiles(folder: string, prefix = ''): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(path.join(folder, prefix), { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    if (entry.isDirectory()) files.push(...(await listFiles(folder, relative)));
    else files.push(relative);
  }
  return files.sort();
}

for (const example of EXAMPLE_SERVICES) {
  test(`${example.out} is what the generator produces`, async () => {
    const cwd = process.cwd();
    process.chdir(repoRoot);
    try {
      const committed = path.join(repoRoot, example.out);
      const generated = await generateService({
        blueprints: example.blueprints.map((file) => path.join(repoRoot, file)),
        serviceDir: committed,
        upstreams: parseUpstreamFlags('upstreams' in example ? example.upstreams : [], repoRoot),
      });
      assert.deepEqual(await listFiles(committed), generated.files.map((file) => file.path).sort());
      for (const file of generated.files) {
        assert.equal(await readFile(path.join(committed, file.path), 'utf8'), file.content, `${file.path} differs: run npm run examples`);
      }
    } finally {
      process.chdir(cwd);
    }
  });

  test(`${example.out} compiles`, async () => {
    const typecheck = await run(bin('tsc'), ['--noEmit', '-p', '.'], path.join(repoRoot, example.out));
    assert.equal(typecheck.code, 0, typecheck.stdout);
  });
}
