/**
 * The JSON scan that places pointers (json-locate.ts) against jsonc-parser's
 * syntax tree, which `locate` used for every place before: the same offset for
 * every member and item of real descriptions, for pointers that go past the
 * document, and through `locate` once a source has switched to its tree.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseTree } from 'jsonc-parser';
import { jsonOffsets, treeOffset } from '../../src/blueprint/json-locate.js';
import { loadBlueprint } from '../../src/blueprint/load.js';
import { childPointer, parsePointer } from '../../src/blueprint/pointer.js';
import { parseSource } from '../../src/blueprint/source.js';

const corpus = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus/specs');

/** Every pointer into a value, each followed by one that goes past it. */
function pointersOf(value: unknown, pointer = '', out: string[] = []): string[] {
  out.push(pointer, childPointer(pointer, 'not-here'));
  if (Array.isArray(value)) {
    out.push(childPointer(pointer, value.length), `${pointer}/01`, `${pointer}/-1`);
    for (const [index, item] of value.entries()) pointersOf(item, childPointer(pointer, index), out);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) pointersOf(child, childPointer(pointer, key), out);
  }
  return out;
}

function assertSameAsTree(text: string, label: string): number {
  const tree = parseTree(text)!;
  const pointers = pointersOf(JSON.parse(text));
  const scanned = jsonOffsets(text, pointers);
  pointers.forEach((pointer, index) => {
    assert.equal(scanned[index], treeOffset(tree, parsePointer(pointer)), `${label}: ${pointer}`);
  });
  return pointers.length;
}

describe('placing JSON pointers by scanning the text', () => {
  it('gives the tree’s offset for keys that need escaping, nested and empty containers, and odd spacing', () => {
    const text = `{ "a/b" : { "~x": [ 1 , { "q\\"uote": null } , [], {} ] },
      "esc\\u0041": "v", "n": -1.5e3, "t": true,"list":[[0,[1]],"x\\\\"]}`;
    assert.ok(assertSameAsTree(text, 'hand-written') > 20);
    const [escaped, deep, past] = jsonOffsets(text, ['/a~1b/~0x/1/q"uote', '/list/0/1/0', '/list/0/1/0/more']);
    assert.equal(text.slice(escaped, (escaped ?? 0) + 9), '"q\\"uote"');
    assert.equal(text[deep!], '1');
    assert.equal(past, deep);
  });

  it('gives the tree’s offset for every value of three corpus descriptions', () => {
    const files = readdirSync(corpus)
      .filter((name) => name.endsWith('.json'))
      .slice(0, 3);
    assert.equal(files.length, 3);
    for (const name of files) assert.ok(assertSameAsTree(readFileSync(path.join(corpus, name), 'utf8'), name) > 100);
  });

  it('locate answers the same before and after a source builds its tree (after eight places)', () => {
    const text = JSON.stringify({ openapi: '3.0.3', paths: { '/pets/{id}': { get: { responses: { '200': { description: 'ok' } } } } } }, null, 2);
    const source = parseSource('/tmp/x.json', 'x.json', text);
    const pointers = ['/paths/~1pets~1{id}/get/responses/200', '/paths/~1pets~1{id}/get/nothing', '/openapi', '/paths'];
    const early = [...pointers, ...pointers].map((pointer) => source.locate(pointer));
    const late = pointers.map((pointer) => source.locate(pointer));
    assert.deepEqual(late, early.slice(0, pointers.length));
    assert.deepEqual(early[0], { line: 7, column: 11 });
    assert.deepEqual(early[1], { line: 5, column: 7 });
  });

  it('placeAll gives every bundled pointer of a two-file JSON blueprint the place `place` gives it alone', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'df-locate-'));
    const schemas = { Pet: { type: 'object', properties: { Id: { type: 'string' }, Tags: { type: 'array', items: { type: 'string' } } } } };
    const root = {
      openapi: '3.0.3',
      info: { title: 'Pets', version: '1.0.0' },
      paths: { '/pets': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: 'schemas.json#/Pet' } } } } } } } },
    };
    writeFileSync(path.join(folder, 'schemas.json'), JSON.stringify(schemas, null, 2));
    writeFileSync(path.join(folder, 'root.json'), JSON.stringify(root, null, 2));
    const loaded = await loadBlueprint(path.join(folder, 'root.json'));
    assert.equal(loaded.singleFile, false);
    const pointers = pointersOf(loaded.document);
    const together = loaded.placeAll(pointers);
    assert.deepEqual(
      together,
      pointers.map((pointer) => loaded.place(pointer)),
    );
    assert.ok(together.some((place) => place.file.endsWith('schemas.json')) && together.some((place) => place.file.endsWith('root.json')));
  });
});
