/**
 * Templates are strict everywhere: a field that does not exist is an error
 * naming the template, the line and the field (with the field meant, when it
 * can tell), whether the template prints it, hands it to a helper or loops
 * over it. Before, `{{md model.titel}}` rendered "undefined".
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { DesignFirstError } from '../../src/errors.js';
import { generateService } from '../../src/pipeline.js';
import { repoRoot } from '../generate/helpers.js';

async function generateWith(template: string): Promise<DesignFirstError> {
  const templates = await mkdtemp(path.join(os.tmpdir(), 'df-strict-'));
  await mkdir(templates, { recursive: true });
  await writeFile(path.join(templates, 'NOTES.md.hbs'), template);
  const failure = await generateService({ blueprints: [path.join(repoRoot, 'examples/pets/pets-v1.yaml')], templates, lint: false }).then(
    () => assert.fail('generated'),
    (error: unknown) => error,
  );
  assert.ok(failure instanceof DesignFirstError, String(failure));
  assert.equal(failure.code, 'DF_ERR_TEMPLATE');
  assert.equal(failure.place.file, path.join(templates, 'NOTES.md.hbs'));
  return failure;
}

test('a misspelt field inside a helper names the template, the line and the field meant', async () => {
  const error = await generateWith('# {{md model.title}}\n\nBy {{md model.titel}}.\n');
  assert.equal(error.message, 'template NOTES.md.hbs failed: line 3: model.titel is not a field (did you mean model.title?)');
});

test('a misspelt list in a block, or a field in a condition, is an error too', async () => {
  assert.match(
    (await generateWith('{{#each model.versoins}}{{md key}}{{/each}}\n')).message,
    /NOTES\.md\.hbs failed: line 1: model\.versoins is not a field \(did you mean model\.versions\?\)/,
  );
  assert.match(
    (await generateWith('a\n{{#if model.runtime.errorShap}}b{{/if}}\n')).message,
    /line 2: model\.runtime\.errorShap is not a field \(did you mean model\.runtime\.errorShape\?\)/,
  );
  assert.match((await generateWith('{{#each model.versions}}{{md tilte}}{{/each}}\n')).message, /line 1: tilte is not a field/);
});
