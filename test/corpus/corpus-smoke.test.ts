/**
 * Every document in ../shared/corpus generates a service (lint off) that
 * type-checks, or is refused with exit 2 and one clear line. One shared
 * node_modules (this repository's) and one type-check pass over all services
 * keep this fast enough for CI. Prints the counts.
 *
 * .ci/run skips it (CORPUS_RUN_FOLLOWS=1): its next step, `npm run
 * test:corpus`, makes the same checks of every document and then boots each
 * service and calls every operation; making them twice cost CI two minutes.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { runNew } from '../../src/cli/commands/new.js';
import { bin, captureIo, repoRoot, run, scratchFolder } from '../generate/helpers.js';

const corpus = path.resolve(repoRoot, '../shared/corpus/specs');

test('every corpus document generates a service that type-checks, or is refused with one line', {
  timeout: 900_000,
  skip: !existsSync(corpus)
    ? `no corpus at ${corpus}`
    : process.env.CORPUS_RUN_FOLLOWS === '1'
      ? 'npm run test:corpus follows (CORPUS_RUN_FOLLOWS=1) and checks this and more'
      : false,
}, async () => {
  const folder = await scratchFolder('corpus');
  const documents = readdirSync(corpus)
    .filter((file) => /\.(json|ya?ml)$/.test(file))
    .sort();
  const generated: string[] = [];
  const refused = new Map<string, string>();
  for (const document of documents) {
    const io = captureIo();
    const name = document.replace(/\.(json|ya?ml)$/, '');
    const code = await runNew({ blueprints: [path.join(corpus, document)], out: path.join(folder, name), lint: false }, io);
    if (code === 0) {
      generated.push(name);
      continue;
    }
    assert.equal(code, 2, `${document}: exit ${code}\n${io.err.join('\n')}`);
    const lines = io.err.filter((line) => !line.startsWith('note:'));
    assert.equal(lines.length, 1, `${document}: expected one line, got:\n${lines.join('\n')}`);
    assert.match(lines[0]!, /^design-first: .*\[DF_ERR_[A-Z_]+\]/);
    assert.doesNotMatch(lines[0]!, /\n\s+at /);
    refused.set(document, lines[0]!.replace(/^design-first: \S+ /, ''));
  }
  await writeFile(
    path.join(folder, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { target: 'es2023', module: 'nodenext', moduleResolution: 'nodenext', strict: true, skipLibCheck: true, noEmit: true, types: ['node'] },
      include: ['*/src/**/*.ts', '*/test/**/*.ts'],
    }),
  );
  const typecheck = await run(bin('tsc'), ['-p', '.'], folder, {}, 600_000);
  const failing = new Set([...typecheck.stdout.matchAll(/^([^/\s]+)\//gm)].map((match) => match[1]!));
  console.log(`corpus: ${documents.length} documents, ${generated.length} generated, ${generated.length - failing.size} type-check, ${refused.size} refused`);
  for (const [document, reason] of refused) console.log(`  refused ${document}: ${reason}`);
  assert.equal(typecheck.code, 0, `services that do not type-check: ${[...failing].join(', ')}\n${typecheck.stdout.slice(0, 3000)}`);
  assert.equal(generated.length + refused.size, documents.length);
});
