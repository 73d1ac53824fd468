/**
 * What `new` prints about constructs it handles specially: one line per
 * message, at its first place, with the count of the other places, so a large
 * blueprint's repeated notes do not bury the rest.
 */
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { generateService } from '../../src/pipeline.js';

test('the same note at several places is printed once, with the count of the others', async () => {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'df-notes-'));
  const file = path.join(folder, 'api.json');
  // A parameter in a `content` serialisation is passed through as text, with a note.
  const filter = { name: 'filter', in: 'query', content: { 'application/json': { schema: { type: 'object', properties: { Name: { type: 'string' } } } } } };
  const list = (operationId: string) => ({ get: { operationId, parameters: [filter], responses: { '200': { description: 'ok' } } } });
  await writeFile(
    file,
    JSON.stringify({
      openapi: '3.0.3',
      info: { title: 'T', version: '1.0.0' },
      paths: {
        '/cats': list('listCats'),
        '/dogs': list('listDogs'),
        '/owls': list('listOwls'),
        '/odd': { get: { operationId: 'odd', parameters: [{ in: 'query' }], responses: { '200': { description: 'ok' } } } },
      },
    }),
  );
  const printed: string[] = [];
  await generateService({ blueprints: [file], lint: false, report: (line) => printed.push(line) });
  const notes = printed.filter((line) => line.startsWith('note:'));
  assert.deepEqual(notes, [
    `note: ${file} /paths/~1cats/get/parameters/0 (and 2 more places): parameter "filter" has a serialisation design-first does not validate; passed through as text`,
    `note: ${file} /paths/~1odd/get/parameters/0: parameter without name or in; ignored`,
  ]);
});

test('a mock answer nothing can make valid is noted, naming the operation and why', async () => {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'df-notes-'));
  const file = path.join(folder, 'api.json');
  // Two branches that both require the same property and accept the same values: every value matches both.
  const twin = { type: 'object', required: ['Id'], properties: { Id: { type: 'string' } }, additionalProperties: false };
  await writeFile(
    file,
    JSON.stringify({
      openapi: '3.0.3',
      info: { title: 'T', version: '1.0.0' },
      paths: {
        '/things': {
          get: { operationId: 'listThings', responses: { '200': { description: 'ok', content: { 'application/json': { schema: { oneOf: [twin, twin] } } } } } },
        },
      },
    }),
  );
  const printed: string[] = [];
  await generateService({ blueprints: [file], lint: false, report: (line) => printed.push(line) });
  assert.ok(
    printed.includes(
      `note: ${file} #/paths/~1things/get/responses/200: no mock answer fits the response schema (/ must match exactly one schema in oneOf); its contract test fails until a handler answers`,
    ),
    printed.join('\n'),
  );
});
