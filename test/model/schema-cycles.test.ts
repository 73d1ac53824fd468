/**
 * A component schema that reaches itself with nothing nested in between
 * (`A: allOf [B]`, `B: anyOf [A]`) describes no value anyone can check: every
 * validator, the mock-answer check and AJV in the generated service alike,
 * recurses forever on it. `design-first new` refuses it with one located line
 * and exit 2, writing nothing; recursion through a nested value (a tree whose
 * `children` items are the node again) stays allowed. The built CLI (dist/, as
 * `npm run build` leaves it) is run as a user runs it; the cycle finder is
 * also tested on the sources for the shapes a blueprint cannot easily carry.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { findSameValueCycle } from '../../src/blueprint/same-value-cycles.js';
import { namedDefinitions } from '../../src/model/schema-cycles.js';
import { repoRoot, run } from '../generate/helpers.js';

const cli = path.join(repoRoot, 'bin/design-first.js');
if (!existsSync(path.join(repoRoot, 'dist/src/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` first');

/** A blueprint whose one operation answers with the first component, written pretty so that each component has its own line. */
function blueprint(schemas: Record<string, unknown>): string {
  const first = Object.keys(schemas)[0]!;
  const ref = `#/components/schemas/${encodeURIComponent(first.replace(/~/g, '~0').replace(/\//g, '~1'))}`;
  const document = {
    openapi: '3.1.0',
    info: { title: 'Cycles', version: '1.0.0' },
    paths: {
      '/things': {
        get: {
          operationId: 'listThings',
          security: [],
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: ref } } } } },
        },
      },
    },
    components: { schemas },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

const scratch: string[] = [];
after(() => Promise.all(scratch.map((folder) => rm(folder, { recursive: true, force: true }))));

/** `design-first new` on the built CLI, in a fresh folder holding only the blueprint. */
async function generate(schemas: Record<string, unknown>) {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'df-schema-cycles-'));
  scratch.push(folder);
  const file = path.join(folder, 'api.json');
  const text = blueprint(schemas);
  await writeFile(file, text);
  const out = path.join(folder, 'service');
  const result = await run(process.execPath, [cli, 'new', file, '--out', out, '--no-lint'], folder, { NO_COLOR: '1' });
  return { ...result, folder, file, text, out };
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

describe('new refuses a schema that refers to itself with nothing nested in between', () => {
  const cases: Array<{ label: string; schemas: Record<string, unknown>; component: string; pointer: string; cycle: string }> = [
    {
      label: 'allOf -> anyOf (the reported blueprint)',
      schemas: { A: { allOf: [ref('B')] }, B: { anyOf: [ref('A')] } },
      component: 'A',
      pointer: '/components/schemas/A',
      cycle: 'A -> B -> A',
    },
    { label: 'not', schemas: { A: { not: ref('A') } }, component: 'A', pointer: '/components/schemas/A', cycle: 'A -> A' },
    {
      label: 'a $ref at the top level with siblings',
      schemas: { A: { $ref: '#/components/schemas/A', description: 'itself' } },
      component: 'A',
      pointer: '/components/schemas/A',
      cycle: 'A -> A',
    },
    {
      label: 'then -> oneOf, under a name that needs escaping (the message names the component, not its type name)',
      schemas: {
        'Node/Part~1': { type: 'object', if: { required: ['kind'] }, then: { allOf: [{ $ref: '#/components/schemas/Other' }] } },
        Other: { oneOf: [{ type: 'string' }, { $ref: '#/components/schemas/Node~1Part~01' }] },
      },
      component: 'Node/Part~1',
      pointer: '/components/schemas/Node~1Part~01',
      cycle: 'Node/Part~1 -> Other -> Node/Part~1',
    },
  ];

  for (const entry of cases) {
    it(entry.label, async () => {
      const result = await generate(entry.schemas);
      assert.equal(result.code, 2, result.stderr);
      const lines = result.stderr.split('\n').filter((line) => line.trim() !== '');
      assert.equal(lines.length, 1, `exactly one line on stderr, got:\n${result.stderr}`);
      const line = lines[0]!;
      assert.doesNotMatch(result.stderr, /^\s+at /m, 'no stack trace');
      // The component's own line in the blueprint: its key, under components/schemas.
      const key = JSON.stringify(entry.component);
      const lineNumber = result.text.split('\n').findIndex((text) => text.trimStart().startsWith(`${key}: {`)) + 1;
      assert.ok(lineNumber > 0);
      // The file as the CLI shows it, relative to where it runs (the blueprint's folder); the column is left free.
      assert.equal(
        line.replace(/:\d+ #/, ' #'),
        `design-first: ${path.relative(result.folder, result.file)}:${lineNumber} #${entry.pointer}: schema ${entry.component} refers to itself with nothing nested in between (${entry.cycle}): ` +
          'no value can be checked against it [DF_ERR_MODEL_SCHEMA_CYCLE] - ' +
          'break the cycle: put the reference inside a property or an array item, or remove it',
      );
      assert.equal(existsSync(result.out), false, 'the --out folder is not created');
      assert.deepEqual(await readdir(result.folder), ['api.json'], 'nothing written beside it');
    });
  }
});

describe('recursion through a nested value stays allowed', () => {
  it('generates a tree node whose children refer to the node, and a list of itself inside anyOf, and AJV checks them', async () => {
    const result = await generate({
      Node: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, children: { type: 'array', items: ref('Node') } } },
      Nested: { anyOf: [{ type: 'string' }, { type: 'array', items: ref('Nested') }] },
    });
    assert.equal(result.code, 0, result.stderr);
    // The service's own definitions, compiled as the service's AJV would: the recursion terminates and still checks.
    const lines = (await readFile(path.join(result.out, 'src/generated/v1/definitions.jsonl'), 'utf8')).trim().split('\n');
    const defs: Record<string, unknown> = {};
    for (const line of lines) {
      const [direction, key, schema] = JSON.parse(line) as [string, string, unknown];
      if (direction === 'response') defs[key] = schema;
    }
    const ajv = new Ajv2020({ strict: false });
    ajv.addSchema({ $id: 'urn:design-first:v1:response', $defs: defs });
    const node = ajv.compile({ $ref: 'urn:design-first:v1:response#/$defs/Node' });
    const nested = ajv.compile({ $ref: 'urn:design-first:v1:response#/$defs/Nested' });
    assert.equal(node({ name: 'root', children: [{ name: 'leaf', children: [] }] }), true);
    assert.equal(node({ name: 'root', children: [{ children: [] }] }), false, 'a child without its name is refused');
    assert.equal(nested(['a', ['b', []]]), true);
    assert.equal(nested(['a', [1]]), false, 'a number deep inside is refused');
  });
});

describe('a cycle no operation reaches is left alone', () => {
  it('generates a service whose unused components hold the common Pet: oneOf [Cat], Cat: allOf [Pet] shape', async () => {
    const result = await generate({
      Thing: { type: 'object', properties: { name: { type: 'string' } } },
      Pet: { oneOf: [ref('Cat')] },
      Cat: { allOf: [ref('Pet'), { type: 'object', properties: { purrs: { type: 'boolean' } } }] },
    });
    assert.equal(result.code, 0, result.stderr);
    assert.ok(existsSync(path.join(result.out, 'src/generated/v1/definitions.jsonl')));
  });
});

describe('findSameValueCycle (sources)', () => {
  const id = 'urn:design-first:v1:response';
  const to = (key: string) => ({ $ref: `${id}#/$defs/${key}` });
  const find = ($defs: Record<string, unknown>) => findSameValueCycle(namedDefinitions({ $id: id, $defs: $defs as Record<string, Record<string, unknown>> }));

  it('does not follow keywords that step into a nested value', () => {
    for (const keyword of ['properties', 'patternProperties']) assert.equal(find({ A: { [keyword]: { x: to('A') } } }), undefined, keyword);
    for (const keyword of ['additionalProperties', 'items', 'contains', 'propertyNames', 'unevaluatedProperties', 'unevaluatedItems']) {
      assert.equal(find({ A: { allOf: [{ [keyword]: to('A') }] } }), undefined, keyword);
    }
    assert.equal(find({ A: { prefixItems: [to('A')] } }), undefined, 'prefixItems');
  });

  it('follows every keyword that applies to the same value, however deep among them', () => {
    assert.deepEqual(find({ A: { dependentSchemas: { x: to('B') } }, B: { else: to('A') } }), ['A', 'B', 'A']);
    assert.deepEqual(find({ A: { if: { not: { oneOf: [true, { anyOf: [to('A')] }] } } } }), ['A', 'A']);
    // The cycle is named from where it closes, not from where the search began.
    assert.deepEqual(find({ Start: { allOf: [to('B')] }, B: { anyOf: [to('C')] }, C: to('B') }), ['B', 'C', 'B']);
  });

  it('decodes keys as URI-encoded JSON-pointer tokens, and ignores references to anything else', () => {
    assert.deepEqual(find({ 'a/b~c d': { $ref: `${id}#/$defs/a~1b~0c%20d` } }), ['a/b~c d', 'a/b~c d']);
    assert.equal(find({ A: { $ref: 'urn:design-first:v1:request#/$defs/A' } }), undefined, 'the other direction');
    assert.equal(find({ A: to('Missing'), B: { $ref: `${id}#/$defs/%E0%A4%A` } }), undefined, 'nothing there, or undecodable');
  });

  it('walks a long chain without exhausting the stack', () => {
    const $defs: Record<string, unknown> = {};
    const size = 50_000;
    for (let i = 0; i < size; i += 1) $defs[`D${i}`] = { allOf: [to(`D${(i + 1) % size}`)] };
    assert.equal(find($defs)?.length, size + 1);
    delete $defs.D0;
    assert.equal(find($defs), undefined);
  });
});
