/**
 * The route table's data files (src/render/route-data.ts) against hostile
 * blueprint text, read back by the generated service's own reader
 * (templates/service/src/platform/route-data.ts): whatever a definition name,
 * schema or mock body holds, the service reads back exactly the value the
 * model had, one line per value, and the text holds no line or paragraph
 * separator or bidi control a reviewer would not see.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { VersionModel } from '../../src/model/service-model.js';
import { definitionsJsonl, mockBodiesJsonl, routeDataJson } from '../../src/render/route-data.js';
import { readRouteData } from '../../templates/service/src/platform/route-data.js';

const HOSTILE = [
  '"',
  '\\',
  '\\"',
  '"],["response","x",{}]',
  '"\n["request","Injected",{}]\n',
  '\r\n',
  '\u2028',
  '\u2029',
  '\u202e\u2066\u2069\u200e\u061c\ufeff',
  '__proto__',
  'constructor',
  'hasOwnProperty',
  '\ud800',
  '\udc00x',
  '\u0000',
  '`${process.exit(1)}`',
  '</script>',
  '😀',
  '',
];

/** A version whose definition names, schemas and mock bodies are the hostile strings. */
function hostileVersion(): VersionModel {
  const $defs = (direction: string) =>
    Object.fromEntries(HOSTILE.map((text, index) => [text, { description: text, title: `${direction} ${index}`, properties: { [text]: { const: text } } }]));
  const operations = HOSTILE.map((text, index) => ({
    route: {
      operationId: `operation${index}`,
      method: 'GET',
      url: `/things-${index}`,
      mock: {
        status: 200,
        contentType: 'application/json',
        body: index === 0 ? null : { [text]: [text, JSON.parse('{"__proto__":{"polluted":true}}') as unknown], text },
      },
    },
  }));
  return {
    operations,
    definitions: {
      request: { $id: 'urn:design-first:v1:request', $defs: $defs('request') },
      response: { $id: 'urn:design-first:v1:response', $defs: $defs('response') },
    },
  } as unknown as VersionModel;
}

const folder = await mkdtemp(path.join(tmpdir(), 'route-data-'));
after(() => rm(folder, { recursive: true, force: true }));

describe('route table data files', () => {
  it('are read back by the service as exactly the values the model had', async () => {
    const version = hostileVersion();
    await writeFile(path.join(folder, 'routes.json'), routeDataJson(version));
    await writeFile(path.join(folder, 'definitions.jsonl'), definitionsJsonl(version));
    await writeFile(path.join(folder, 'mock-bodies.jsonl'), mockBodiesJsonl(version));
    const data = readRouteData(pathToFileURL(`${folder}/`));

    assert.deepEqual(
      data.routes.map((route) => route.mock.body),
      version.operations.map((operation) => operation.route.mock.body),
    );
    for (const direction of ['request', 'response'] as const) {
      const read = data.definitions[direction];
      assert.equal(read.$id, version.definitions[direction].$id);
      assert.deepEqual(Object.keys(read.$defs), HOSTILE, 'every name, in order, none lost to the prototype');
      for (const text of HOSTILE) assert.deepEqual(read.$defs[text], version.definitions[direction].$defs[text], JSON.stringify(text));
      assert.equal(Object.getPrototypeOf(read.$defs), Object.prototype, '__proto__ stayed a name');
    }
    assert.equal(data.definitions.request.$defs.Injected, undefined, 'a name cannot add a line');
  });

  it('hold one JSON value a line, and no separator or bidi control as itself', async () => {
    const version = hostileVersion();
    for (const [name, text] of [
      ['routes.json', routeDataJson(version)],
      ['definitions.jsonl', definitionsJsonl(version)],
      ['mock-bodies.jsonl', mockBodiesJsonl(version)],
    ] as const) {
      assert.doesNotMatch(text, /[\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ufeff\r]/, name);
      assert.ok(text.endsWith('\n'), name);
    }
    assert.equal(definitionsJsonl(version).split('\n').length, 2 * HOSTILE.length + 1);
    assert.deepEqual(
      mockBodiesJsonl(version)
        .split('\n')
        .slice(0, -1)
        .map((line) => JSON.parse(line) as unknown),
      version.operations.map((operation) => operation.route.mock.body),
    );
    assert.ok(!/"body"/.test(routeDataJson(version)), 'routes.json holds no mock body');
  });

  it('a file with a line too few is refused, naming it', async () => {
    const version = hostileVersion();
    const broken = path.join(folder, 'broken');
    await rm(broken, { recursive: true, force: true });
    await mkdir(broken);
    await writeFile(path.join(broken, 'routes.json'), routeDataJson(version));
    await writeFile(path.join(broken, 'definitions.jsonl'), definitionsJsonl(version));
    await writeFile(path.join(broken, 'mock-bodies.jsonl'), mockBodiesJsonl(version).split('\n').slice(1).join('\n'));
    const data = readRouteData(pathToFileURL(`${broken}/`));
    assert.throws(
      () => data.routes[1]!.mock.body,
      new RegExp(`${path.join(broken, 'mock-bodies.jsonl').replace(/[/\\.]/g, '\\$&')} has ${HOSTILE.length - 1} lines for ${HOSTILE.length} routes`),
    );
    assert.equal(await readFile(path.join(broken, 'routes.json'), 'utf8'), routeDataJson(version));
  });
});
