/**
 * The architecture test: the import graph (dependency-cruiser, rules in
 * .dependency-cruiser.cjs) has no stage importing a later stage or one beside
 * it, no import circle, no library code reaching into the CLI, and no bridge
 * between the generator and the templates of the services it writes. A copy
 * of the sources with one backward import planted proves the test can fail.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { repoRoot } from '../generate/helpers.js';

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

async function violationsIn(root: string): Promise<Violation[]> {
  const depcruise = path.join(repoRoot, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
  const args = [depcruise, 'src', 'templates/service/src', 'generators', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'];
  const result = await promisify(execFile)(process.execPath, args, { cwd: root, maxBuffer: 64 * 1024 * 1024 }).catch((error: { stdout: string }) => error);
  const report = JSON.parse(result.stdout) as { summary: { violations: Violation[]; totalCruised: number } };
  assert.ok(report.summary.totalCruised > 100, 'the sources were not found');
  return report.summary.violations;
}

const describe = (violations: readonly Violation[]) => violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`);

test('no stage imports backwards or sideways, and there is no import circle', { timeout: 120_000 }, async () => {
  assert.deepEqual(describe(await violationsIn(repoRoot)), []);
});

test('a planted backward import and a planted circle are caught', { timeout: 120_000 }, async () => {
  const copy = await mkdtemp(path.join(os.tmpdir(), 'df-architecture-'));
  for (const entry of ['src', 'templates/service/src', 'generators', 'tsconfig.json', '.dependency-cruiser.cjs']) {
    await cp(path.join(repoRoot, entry), path.join(copy, entry), { recursive: true });
  }
  // Lint reaching into the model (a later stage), and a type-only circle between two model files.
  const engine = path.join(copy, 'src/lint/engine.ts');
  await writeFile(
    engine,
    `import type { ServiceModel } from '../model/service-model.js';\nexport type Planted = ServiceModel;\n${await readFile(engine, 'utf8')}`,
  );
  const names = path.join(copy, 'src/model/names.ts');
  await writeFile(
    names,
    `import type { OperationModel } from './service-model.js';\nexport type PlantedCircle = OperationModel;\n${await readFile(names, 'utf8')}`,
  );
  const serviceModel = path.join(copy, 'src/model/service-model.ts');
  await writeFile(
    serviceModel,
    `import type { PlantedCircle } from './names.js';\nexport type Planted = PlantedCircle;\n${await readFile(serviceModel, 'utf8')}`,
  );

  const found = describe(await violationsIn(copy));
  assert.ok(found.includes('lint-only-looks-forward: src/lint/engine.ts -> src/model/service-model.ts'), found.join('\n'));
  assert.ok(
    found.some((line) => line.startsWith('no-circular: src/model/names.ts -> src/model/service-model.ts')),
    found.join('\n'),
  );
});
