/**
 * The loader on its own: YAML and JSON alike, 3.0 and 3.1, multi-file
 * blueprints bundled into one document whose refs are all internal, with every
 * bundled place traced back to its file and line.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { isPrivateAddress, publicOnlyLookup } from '../../src/blueprint/fetch-source.js';
import { loadBlueprint, type LoadedBlueprint } from '../../src/blueprint/load.js';
import { getAtPointer } from '../../src/blueprint/pointer.js';
import { forEachRef } from '../../src/blueprint/refs.js';
import { DesignFirstError, type ErrorCode } from '../../src/errors.js';

const MULTI = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'multi');

/** How the loader names a file: relative to the working folder when inside it. */
function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/** 1-based line and column of the n-th occurrence of `needle` in `text`. */
function positionOf(text: string, needle: string, occurrence = 1): { line: number; column: number } {
  let index = -1;
  for (let n = 0; n < occurrence; n++) {
    index = text.indexOf(needle, index + 1);
    assert.ok(index >= 0, `fixture does not contain ${JSON.stringify(needle)}`);
  }
  const before = text.slice(0, index);
  return { line: before.split('\n').length, column: index - before.lastIndexOf('\n') };
}

/** Write files into a new temporary folder; returns the folder. */
async function folderWith(files: Record<string, string | Uint8Array>): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'df-load-'));
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(folder, name)), { recursive: true });
    await writeFile(path.join(folder, name), content);
  }
  return folder;
}

async function refusal(file: string, options: { allowRemoteRefs?: boolean } = {}): Promise<DesignFirstError> {
  try {
    await loadBlueprint(file, options);
  } catch (error) {
    assert.ok(error instanceof DesignFirstError, `expected a DesignFirstError, got ${String((error as Error)?.stack ?? error)}`);
    assert.doesNotMatch(error.toLine(), /\n/);
    return error;
  }
  assert.fail(`${file} was accepted`);
}

/** Every $ref in the document, with where it sits. */
function refsOf(document: unknown): Array<{ ref: string; pointer: string }> {
  const refs: Array<{ ref: string; pointer: string }> = [];
  forEachRef(document, (ref, pointer) => refs.push({ ref, pointer }));
  return refs;
}

function assertAllRefsInternal(loaded: LoadedBlueprint): void {
  for (const { ref, pointer } of refsOf(loaded.document)) {
    assert.ok(ref.startsWith('#/'), `${pointer}: ${ref} is not internal`);
    assert.notEqual(getAtPointer(loaded.document, decodeURIComponent(ref.slice(1))), undefined, `${pointer}: ${ref} names nothing`);
  }
}

const YAML_TEXT = `openapi: 3.0.3
info:
  title: Same either way
  version: '1.0'
  x-flags: [yes, no, on, off, null, ~, 0o17, 012, 1e3, .inf, 2024-01-31]
paths:
  /pets:
    get:
      operationId: listPets
      description: |
        Lists pets.
        Two lines.
      summary: >
        Folded
        text
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Pet'
components:
  schemas:
    Pet:
      type: object
      properties:
        name: {type: string, example: "Rex \\u00e9"}
        age: {type: integer, nullable: true}
`;

const JSON_TEXT = JSON.stringify(
  {
    openapi: '3.0.3',
    info: { title: 'Same either way', version: '1.0', 'x-flags': ['yes', 'no', 'on', 'off', null, null, 15, 12, 1000, '__INFINITY__', '2024-01-31'] },
    paths: {
      '/pets': {
        get: {
          operationId: 'listPets',
          description: 'Lists pets.\nTwo lines.\n',
          summary: 'Folded text\n',
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } } } },
        },
      },
    },
    components: { schemas: { Pet: { type: 'object', properties: { name: { type: 'string', example: 'Rex é' }, age: { type: 'integer', nullable: true } } } } },
  },
  null,
  2,
).replace('"__INFINITY__"', '1e999'); // JSON.stringify cannot say Infinity; JSON.parse reads 1e999 as Infinity

describe('loadBlueprint: one file', () => {
  it('gives the same document for YAML and for JSON (YAML 1.2 core schema: yes/no/on/off and dates stay strings)', async () => {
    const expectedFlags = ['yes', 'no', 'on', 'off', null, null, 15, 12, 1000, Infinity, '2024-01-31'];
    const json = JSON_TEXT;
    const folder = await folderWith({ 'api.yaml': YAML_TEXT, 'api.json': json });
    const fromYaml = await loadBlueprint(path.join(folder, 'api.yaml'));
    const fromJson = await loadBlueprint(path.join(folder, 'api.json'));
    assert.equal(fromYaml.root.format, 'yaml');
    assert.equal(fromJson.root.format, 'json');
    assert.deepEqual(fromYaml.document, fromJson.document);
    assert.deepEqual((fromYaml.document.info as unknown as Record<string, unknown>)['x-flags'], expectedFlags);
    for (const loaded of [fromYaml, fromJson]) {
      assert.equal(loaded.specVersion, '3.0');
      assert.equal(loaded.singleFile, true);
      assert.equal(loaded.sources.size, 1);
      assertAllRefsInternal(loaded);
    }
    // Places point into each file's own text.
    const yamlPlace = fromYaml.place('/paths/~1pets/get/operationId');
    assert.deepEqual([yamlPlace.line, yamlPlace.column], Object.values(positionOf(YAML_TEXT, 'operationId')));
    const jsonPlace = fromJson.place('/paths/~1pets/get/operationId');
    assert.deepEqual([jsonPlace.line, jsonPlace.column], Object.values(positionOf(json, '"operationId"')));
    assert.equal(jsonPlace.file, shown(path.join(folder, 'api.json')));
    assert.equal(jsonPlace.pointer, '/paths/~1pets/get/operationId');
  });

  it('accepts OpenAPI 3.0.x and 3.1.x, in YAML and in JSON', async () => {
    for (const version of ['3.0.0', '3.0.3', '3.1.0', '3.1.1']) {
      const body = { openapi: version, info: { title: 'v', version: '1' }, paths: {} };
      const folder = await folderWith({
        'a.yaml': `openapi: ${version}\ninfo:\n  title: v\n  version: '1'\npaths: {}\n`,
        'a.json': JSON.stringify(body),
      });
      for (const name of ['a.yaml', 'a.json']) {
        const loaded = await loadBlueprint(path.join(folder, name));
        assert.equal(loaded.specVersion, version.startsWith('3.1') ? '3.1' : '3.0', `${name} ${version}`);
        assert.deepEqual(loaded.document, body);
      }
    }
  });

  it('accepts a UTF-8 byte-order mark and CRLF line ends, and still places lines right', async () => {
    const text = `\ufeffopenapi: 3.1.0\r\ninfo:\r\n  title: crlf\r\n  version: '1'\r\npaths:\r\n  /a:\r\n    get:\r\n      responses: {}\r\n`;
    const folder = await folderWith({ 'crlf.yaml': text });
    const loaded = await loadBlueprint(path.join(folder, 'crlf.yaml'));
    assert.equal(loaded.document.info.title, 'crlf');
    assert.equal(loaded.place('/paths/~1a/get').line, 7);
  });

  it('refuses duplicate keys in YAML with their place', async () => {
    const text = `openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a: {}\n  /a: {}\n`;
    const folder = await folderWith({ 'dup.yaml': text });
    const error = await refusal(path.join(folder, 'dup.yaml'));
    assert.equal(error.code, 'DF_ERR_LOAD_SYNTAX');
    assert.equal(error.place.line, 5);
  });

  it('refuses duplicate keys in JSON too, where JSON.parse would silently keep the last one', async () => {
    const text = `{\n  "openapi": "3.1.0",\n  "info": {"title": "t", "version": "1"},\n  "paths": {"/a": {}, "/b": {"x:y": ":"}},\n  "paths": {"/evil": {}}\n}\n`;
    const folder = await folderWith({ 'dup.json': text });
    const error = await refusal(path.join(folder, 'dup.json'));
    assert.equal(error.code, 'DF_ERR_LOAD_SYNTAX');
    assert.deepEqual([error.place.line, error.place.column], [5, 3]);
    assert.match(error.message, /"paths" appears twice/);
    // Equal keys in different objects, colons inside strings and a __proto__ key are all fine.
    const fine = `{"openapi": "3.1.0", "info": {"title": "a:b", "version": "1"}, "paths": {"/a": {"x-a": {"title": "c"}}}, "x-p": {"__proto__": {"a": 1}}}`;
    const fineFolder = await folderWith({ 'fine.json': fine });
    assert.equal((await loadBlueprint(path.join(fineFolder, 'fine.json'))).document.info.title, 'a:b');
  });

  it('does not follow $ref keys inside examples, defaults, enums and x- extensions', async () => {
    const text = `openapi: 3.1.0
info: {title: t, version: '1'}
paths: {}
x-data: {$ref: 'file:///etc/passwd'}
components:
  schemas:
    A:
      type: object
      example: {$ref: '../../outside.yaml'}
      default: {$ref: 'http://127.0.0.1/x'}
      enum: [{$ref: '/etc/passwd'}]
`;
    const folder = await folderWith({ 'data.yaml': text });
    const loaded = await loadBlueprint(path.join(folder, 'data.yaml'));
    assert.deepEqual((loaded.document.components?.schemas?.A as { example: unknown }).example, { $ref: '../../outside.yaml' });
  });

  it('keeps __proto__, constructor and prototype keys as plain data, and never touches Object.prototype', async () => {
    const text = `openapi: 3.1.0
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    __proto__:
      type: object
      properties:
        polluted: {type: string}
    constructor: {type: string}
    prototype: {type: string}
`;
    const json = `{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {},
  "components": {"schemas": {"__proto__": {"type": "object", "properties": {"polluted": {"type": "string"}}}, "constructor": {"type": "string"}}}}`;
    const folder = await folderWith({ 'proto.yaml': text, 'proto.json': json });
    for (const name of ['proto.yaml', 'proto.json']) {
      const loaded = await loadBlueprint(path.join(folder, name));
      const schemas = loaded.document.components?.schemas as Record<string, unknown>;
      assert.ok(Object.hasOwn(schemas, '__proto__'), name);
      assert.equal(Object.getPrototypeOf(schemas), Object.prototype, name);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    }
  });
});

describe('loadBlueprint: a multi-file blueprint', () => {
  const rootFile = path.join(MULTI, 'root.yaml');

  it('reads every file once and bundles them so that every $ref is internal', async () => {
    const loaded = await loadBlueprint(rootFile);
    assert.equal(loaded.singleFile, false);
    assert.equal(loaded.specVersion, '3.1');
    assert.deepEqual([...loaded.sources.keys()].map((file) => path.relative(MULTI, file)).sort(), [
      'other.yaml',
      'paths/pet.yaml',
      'paths/pets.yaml',
      'root.yaml',
      'schemas/pet.yaml',
    ]);
    assertAllRefsInternal(loaded);
    // Path items are copied in place.
    const pets = loaded.document.paths?.['/pets'] as Record<string, unknown>;
    assert.equal(pets.$ref, undefined);
    assert.equal((pets.get as { operationId: string }).operationId, 'listPets');
    assert.equal((loaded.document.paths?.['/pets/{petId}']?.get as { operationId: string }).operationId, 'getPet');
  });

  it('hoists external components under components/ with readable names, recursion across files intact', async () => {
    const { document } = await loadBlueprint(rootFile);
    const components = document.components as Record<string, Record<string, Record<string, unknown>>>;
    assert.deepEqual(Object.keys(components.schemas!).sort(), ['Error', 'Person', 'Tag', 'pet']);
    assert.deepEqual(Object.keys(components.parameters!), ['Page']);
    assert.deepEqual(Object.keys(components.responses!), ['NotFound']);
    const schemas = components.schemas!;
    const pet = schemas.pet as { properties: Record<string, { $ref?: string; items?: { $ref: string } }> };
    const person = schemas.Person as { properties: Record<string, { $ref?: string; items?: { $ref: string } }> };
    // pet -> Person -> pet: a cycle across two files, kept as refs, not copies.
    assert.equal(pet.properties.owner!.$ref, '#/components/schemas/Person');
    assert.equal(person.properties.pets!.items!.$ref, '#/components/schemas/pet');
    // Person -> Person inside other.yaml.
    assert.equal(person.properties.manager!.$ref, '#/components/schemas/Person');
    assert.equal(pet.properties.tags!.items!.$ref, '#/components/schemas/Tag');
    // `other.yaml#/…/X` and `root.yaml#/…/Error` reached from other files name the same component, never a copy.
    const listPets = document.paths?.['/pets']?.get as unknown as Record<string, any>;
    assert.equal(listPets.parameters[0].$ref, '#/components/parameters/Page');
    assert.equal(listPets.responses['200'].content['application/json'].schema.items.$ref, '#/components/schemas/pet');
    assert.equal(listPets.responses.default.content['application/json'].schema.$ref, '#/components/schemas/Error');
    assert.equal((components.responses!.NotFound as any).content['application/json'].schema.$ref, '#/components/schemas/Error');
    const getPet = document.paths?.['/pets/{petId}']?.get as unknown as Record<string, any>;
    assert.equal(getPet.responses['404'].$ref, '#/components/responses/NotFound');
    assert.equal(getPet.responses['200'].content['application/json'].schema.$ref, '#/components/schemas/pet');
  });

  it('traces every bundled place back to its original file, line and column', async () => {
    const loaded = await loadBlueprint(rootFile);
    const other = await readFile(path.join(MULTI, 'other.yaml'), 'utf8');
    const petSchema = await readFile(path.join(MULTI, 'schemas', 'pet.yaml'), 'utf8');
    const petsPath = await readFile(path.join(MULTI, 'paths', 'pets.yaml'), 'utf8');
    const root = await readFile(rootFile, 'utf8');
    const cases: Array<[string, string, string, { line: number; column: number }]> = [
      ['/components/schemas/Person', 'other.yaml', '/components/schemas/Person', positionOf(other, 'Person:')],
      ['/components/schemas/Person/properties/manager', 'other.yaml', '/components/schemas/Person/properties/manager', positionOf(other, 'manager:')],
      ['/components/schemas/Tag/type', 'other.yaml', '/components/schemas/Tag/type', positionOf(other, 'type: string')],
      ['/components/parameters/Page/in', 'other.yaml', '/components/parameters/Page/in', positionOf(other, 'in: query')],
      ['/components/schemas/pet/properties/owner', 'schemas/pet.yaml', '/properties/owner', positionOf(petSchema, 'owner:')],
      ['/paths/~1pets/get/operationId', 'paths/pets.yaml', '/get/operationId', positionOf(petsPath, 'operationId')],
      ['/paths/~1pets/get/responses/default', 'paths/pets.yaml', '/get/responses/default', positionOf(petsPath, 'default:')],
      ['/components/schemas/Error/properties/message', 'root.yaml', '/components/schemas/Error/properties/message', positionOf(root, 'message:')],
      ['/info/title', 'root.yaml', '/info/title', positionOf(root, 'title:')],
    ];
    for (const [bundled, file, pointer, { line, column }] of cases) {
      const origin = loaded.origin(bundled);
      assert.equal(path.relative(MULTI, origin.source.file), file, bundled);
      assert.equal(origin.pointer, pointer, bundled);
      assert.deepEqual(loaded.place(bundled), { file: shown(path.join(MULTI, file)), line, column, pointer }, bundled);
    }
  });
});

describe('loadBlueprint: refs that are easy to miss', () => {
  it('bundles a blueprint that names itself by file name, so no external ref is left', async () => {
    const text = `openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: 'self.yaml#/components/schemas/A'}
components:
  schemas:
    A: {type: object, properties: {b: {$ref: './self.yaml#/components/schemas/B'}}}
    B: {type: string}
`;
    const folder = await folderWith({ 'self.yaml': text });
    const loaded = await loadBlueprint(path.join(folder, 'self.yaml'));
    assert.equal(loaded.sources.size, 1);
    assert.equal(loaded.singleFile, false, 'the document is not the file as written');
    assertAllRefsInternal(loaded);
    assert.deepEqual(Object.keys(loaded.document.components?.schemas ?? {}), ['A', 'B']);
  });

  it('follows refs under names that look like data keys: a property or response called default, example, enum or x-…', async () => {
    const text = `openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /a:
    get:
      responses:
        default: {$ref: 'other.yaml#/components/responses/Oops'}
components:
  schemas:
    A:
      type: object
      properties:
        default: {$ref: 'other.yaml#/components/schemas/B'}
        example: {$ref: 'other.yaml#/components/schemas/B'}
        enum: {$ref: 'other.yaml#/components/schemas/B'}
        x-b: {$ref: 'other.yaml#/components/schemas/B'}
      example: {default: {$ref: 'not-a-ref.yaml'}}
`;
    const folder = await folderWith({
      'api.yaml': text,
      'other.yaml': 'components:\n  responses:\n    Oops: {description: oops}\n  schemas:\n    B: {type: string}\n',
    });
    const loaded = await loadBlueprint(path.join(folder, 'api.yaml'));
    assertAllRefsInternal(loaded);
    const properties = (loaded.document.components?.schemas?.A as { properties: Record<string, { $ref: string }> }).properties;
    for (const name of ['default', 'example', 'enum', 'x-b']) assert.equal(properties[name]!.$ref, '#/components/schemas/B', name);
    assert.equal((loaded.document.paths?.['/a']?.get?.responses.default as { $ref: string }).$ref, '#/components/responses/Oops');
    // An example is data: its `$ref` key is left exactly as written.
    assert.deepEqual((loaded.document.components?.schemas?.A as { example: unknown }).example, { default: { $ref: 'not-a-ref.yaml' } });
  });
});

describe('loadBlueprint: errors inside referenced files name that file and line', () => {
  const root = (ref: string) => `openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                $ref: '${ref}'
`;

  const cases: Array<{ name: string; files: Record<string, string | Uint8Array>; code: ErrorCode; file: string; find?: [string, number?] }> = [
    {
      name: 'a YAML syntax error',
      files: { 'root.yaml': root('schemas/a.yaml'), 'schemas/a.yaml': 'type: object\nproperties:\n  name: {type: string\n  age: {type: integer}\n' },
      code: 'DF_ERR_LOAD_SYNTAX',
      file: 'schemas/a.yaml',
    },
    {
      name: 'a JSON syntax error',
      files: { 'root.yaml': root('a.json'), 'a.json': '{\n  "type": "object",\n  "properties": {,}\n}\n' },
      code: 'DF_ERR_LOAD_SYNTAX',
      file: 'a.json',
      find: [',}'],
    },
    {
      name: 'an unresolved internal $ref',
      files: { 'root.yaml': root('a.yaml'), 'a.yaml': 'type: object\nproperties:\n  b:\n    $ref: "#/nothing/here"\n' },
      code: 'DF_ERR_REF_UNRESOLVED',
      file: 'a.yaml',
      find: ['$ref'],
    },
    {
      name: 'a $ref to a file that does not exist',
      files: { 'root.yaml': root('a.yaml'), 'a.yaml': 'type: object\nproperties:\n  b:\n    $ref: missing.yaml\n' },
      code: 'DF_ERR_REF_MISSING_FILE',
      file: 'a.yaml',
      find: ['$ref'],
    },
    {
      name: 'a $ref that leaves the folder',
      files: { 'root.yaml': root('sub/a.yaml'), 'sub/a.yaml': 'type: object\nproperties:\n  b:\n    $ref: ../../x.yaml\n' },
      code: 'DF_ERR_REF_OUTSIDE',
      file: 'sub/a.yaml',
      find: ['$ref'],
    },
    {
      name: 'a NUL byte',
      files: { 'root.yaml': root('a.yaml'), 'a.yaml': 'type: object\n\ndescription: "\u0000"\n' },
      code: 'DF_ERR_LOAD_BINARY',
      file: 'a.yaml',
      find: ['\u0000'],
    },
    {
      name: 'nesting too deep',
      files: { 'root.yaml': root('a.json'), 'a.json': `${'{"items":'.repeat(300)}{}${'}'.repeat(300)}` },
      code: 'DF_ERR_LOAD_TOO_DEEP',
      file: 'a.json',
    },
  ];

  for (const entry of cases) {
    it(entry.name, async () => {
      const folder = await folderWith(entry.files);
      const error = await refusal(path.join(folder, 'root.yaml'));
      assert.equal(error.code, entry.code, error.toLine());
      assert.equal(error.place.file, shown(path.join(folder, entry.file)), error.toLine());
      assert.ok(typeof error.place.line === 'number' && error.place.line > 0, error.toLine());
      if (entry.find) {
        const text = entry.files[entry.file] as string;
        const { line, column } = positionOf(text, ...entry.find);
        assert.deepEqual([error.place.line, error.place.column], [line, column], error.toLine());
      }
      assert.ok(error.toLine().startsWith(`${shown(path.join(folder, entry.file))}:${error.place.line}:`), error.toLine());
    });
  }

  it('a fragment that names nothing in the other file: the place of the $ref, naming the other file', async () => {
    const folder = await folderWith({
      'root.yaml': root('other.yaml#/components/schemas/Nope'),
      'other.yaml': 'components:\n  schemas:\n    Yes: {type: string}\n',
    });
    const error = await refusal(path.join(folder, 'root.yaml'));
    assert.equal(error.code, 'DF_ERR_REF_UNRESOLVED');
    assert.equal(error.place.file, shown(path.join(folder, 'root.yaml')));
    assert.equal(error.place.line, 12);
    assert.match(error.message, /other\.yaml/);
  });

  it('a $ref to a folder inside the blueprint folder is refused, not read', async () => {
    const folder = await folderWith({ 'root.yaml': root('schemas'), 'schemas/a.yaml': 'type: string\n' });
    const error = await refusal(path.join(folder, 'root.yaml'));
    assert.equal(error.code, 'DF_ERR_LOAD_READ');
    assert.equal(error.place.line, 12);
  });
});

describe('loadBlueprint: hostile multi-file blueprints', () => {
  it('refuses a cycle of path items instead of copying forever', async () => {
    const folder = await folderWith({
      'root.yaml': `openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    $ref: a.yaml\n`,
      'a.yaml': `$ref: b.yaml\n`,
      'b.yaml': `$ref: a.yaml\n`,
    });
    const error = await refusal(path.join(folder, 'root.yaml'));
    assert.equal(error.code, 'DF_ERR_REF_UNRESOLVED');
  });

  it('refuses a $ref expansion bomb (files that inline each other ten times per level) fast and in bounded memory', async () => {
    const levels = 8;
    const files: Record<string, string> = {
      'root.yaml': `openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /x:\n    $ref: 'l1.yaml#/item'\n`,
    };
    for (let level = 1; level <= levels; level++) {
      const callbacks =
        level < levels
          ? `    callbacks:\n${Array.from({ length: 10 }, (_, k) => `      c${k}:\n        '{$url}':\n          $ref: 'l${level + 1}.yaml#/item'\n`).join('')}`
          : '';
      files[`l${level}.yaml`] = `item:\n  post:\n    responses:\n      '200': {description: ok}\n${callbacks}`;
    }
    const folder = await folderWith(files);
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    const error = await refusal(path.join(folder, 'root.yaml'));
    const elapsed = performance.now() - started;
    assert.equal(error.code, 'DF_ERR_LOAD_TOO_LARGE', error.toLine());
    assert.ok(error.place.file && error.place.line, error.toLine());
    assert.ok(elapsed < 2000, `took ${Math.round(elapsed)} ms`);
    const growth = process.memoryUsage().heapUsed - heapBefore;
    assert.ok(growth < 128 * 1024 * 1024, `heap grew by ${Math.round(growth / 1024 / 1024)} MiB in ${Math.round(elapsed)} ms`);
  });

  it('keeps __proto__ keys of bundled files as data and never changes a prototype', async () => {
    const folder = await folderWith({
      'root.yaml': `openapi: 3.1.0
info: {title: t, version: '1'}
__proto__: {paths: {/evil: {}}}
paths:
  /a:
    $ref: a.yaml
components:
  __proto__: {schemas: {Evil: {type: string}}}
  schemas:
    __proto__: {type: object}
`,
      'a.yaml': `get:\n  responses:\n    '200':\n      description: ok\n      content:\n        application/json:\n          schema: {$ref: 'b.yaml#/__proto__'}\n`,
      'b.yaml': `__proto__:\n  type: object\n  properties:\n    polluted: {type: string}\n`,
    });
    const loaded = await loadBlueprint(path.join(folder, 'root.yaml'));
    const document = loaded.document as unknown as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(document), Object.prototype);
    assert.ok(Object.hasOwn(document, '__proto__'));
    assert.deepEqual(Object.keys(document.paths as object), ['/a']);
    const components = document.components as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(components), Object.prototype);
    assert.equal(components.schemas && Object.getPrototypeOf(components.schemas), Object.prototype);
    const schemas = components.schemas as Record<string, unknown>;
    assert.ok(Object.hasOwn(schemas, '__proto__'));
    assertAllRefsInternal(loaded);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(({} as Record<string, unknown>).paths, undefined);
  });
});

describe('remote refs: which addresses are private', () => {
  const PRIVATE = [
    '127.0.0.1',
    '127.255.255.254',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '198.18.0.1',
    '::1',
    '::',
    'fe80::1',
    'febf::1',
    'fec0::1',
    'fc00::1',
    'fd12:3456::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:a9fe:a9fe',
    '::ffff:10.0.0.1',
    '::127.0.0.1',
    '64:ff9b::7f00:1',
    '64:ff9b::10.0.0.1',
    '2002:7f00:1::1',
    '2002:c0a8:101::',
    '[::1]',
    'fe80::1%eth0',
    'not-an-address',
    '',
  ];
  const PUBLIC = [
    '8.8.8.8',
    '1.1.1.1',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
    '::ffff:808:808',
    '64:ff9b::808:808',
    '2002:808:808::1',
  ];

  it('refuses loopback, private, link-local, shared, reserved and multicast addresses in every spelling', () => {
    for (const address of PRIVATE) assert.equal(isPrivateAddress(address), true, address);
  });

  it('allows public addresses, also when carried in IPv6', () => {
    for (const address of PUBLIC) assert.equal(isPrivateAddress(address), false, address);
  });

  it('checks the addresses a connection would use: a name that resolves to loopback is refused at connect time', async () => {
    for (const all of [false, true]) {
      const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
        publicOnlyLookup('localhost', { all }, (failure) => resolve(failure));
      });
      assert.equal(error?.code, 'DF_PRIVATE_ADDRESS', `all: ${all}`);
    }
  });
});
