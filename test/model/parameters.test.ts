/**
 * Parameter Objects of a path item and its operation (src/model/parameters.ts):
 * which are kept, how path-level ones are overridden, which serialisations the
 * service validates and which it passes through as text, and the group
 * schemas and types of query and headers.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Json } from '../../src/blueprint/openapi.js';
import { collectParameters, groupSchema, IGNORED_HEADERS, type Parameter } from '../../src/model/parameters.js';
import { openapi } from '../openapi-document.js';
import { contextOf } from './operation-context.js';

const ITEM = '/paths/~1pets~1{petId}';
const OPERATION = `${ITEM}/get`;
const list = { type: 'array', items: { type: 'integer' } };
const object = { type: 'object', properties: { r: { type: 'integer' }, g: { type: 'integer' } } };

/** The parameters of one operation, and the notes they produced. */
function collect(operationParameters: unknown[], pathParameters?: unknown[], components = '{}') {
  const context = contextOf(openapi(`paths: {}\ncomponents: ${components}`));
  const parameters = collectParameters(context, {
    pathItem: (pathParameters ? { parameters: pathParameters } : {}) as Json,
    itemPointer: ITEM,
    operation: { parameters: operationParameters } as Json,
    pointer: OPERATION,
  });
  return { parameters, notes: context.notes, context };
}

const one = (parameter: Json) => collect([parameter]).parameters[0]!;
const passThroughNote = (index: number, name: string) =>
  `${OPERATION}/parameters/${index}: parameter "${name}" has a serialisation design-first does not validate; passed through as text`;

describe('collectParameters: which parameters and where from', () => {
  it('keeps every field the service and its samples use', () => {
    const parameters = collect([
      { name: 'petId', in: 'path', description: 'The pet', schema: { type: 'string', format: 'uuid' }, example: '0b6c5e2a-7d4c-4c1e-9f6e-2f4a4e1c8b11' },
      { name: 'limit', in: 'query', required: true, schema: { type: 'integer' }, examples: { small: { value: 5 } } },
    ]).parameters;
    assert.deepEqual(parameters, [
      {
        name: 'petId',
        in: 'path',
        required: true,
        schema: { type: 'string', format: 'uuid' },
        rawSchema: { type: 'string', format: 'uuid' },
        queryStyle: undefined,
        example: '0b6c5e2a-7d4c-4c1e-9f6e-2f4a4e1c8b11',
        description: 'The pet',
      },
      {
        name: 'limit',
        in: 'query',
        required: true,
        schema: { type: 'integer' },
        rawSchema: { type: 'integer' },
        queryStyle: undefined,
        example: 5,
        description: undefined,
      },
    ]);
  });

  it('a path parameter is always required; others only with required: true', () => {
    const required = collect([
      { name: 'petId', in: 'path', required: false, schema: { type: 'string' } },
      { name: 'q', in: 'query', schema: { type: 'string' } },
      { name: 'r', in: 'query', required: 'true', schema: { type: 'string' } },
      { name: 'X-Request-Id', in: 'header', required: true, schema: { type: 'string' } },
      { name: 'session', in: 'cookie', schema: { type: 'string' } },
    ]).parameters.map((parameter) => [parameter.name, parameter.required]);
    assert.deepEqual(required, [
      ['petId', true],
      ['q', false],
      ['r', false],
      ['X-Request-Id', true],
      ['session', false],
    ]);
  });

  it("follows $ref'd parameters (and chains of them), at path level and operation level, and their $ref'd examples", () => {
    const components = JSON.stringify({
      parameters: {
        PetId: { name: 'petId', in: 'path', schema: { $ref: '#/components/schemas/Id' }, description: 'The pet' },
        Limit: { $ref: '#/components/parameters/PageSize' },
        PageSize: { name: 'limit', in: 'query', schema: { type: 'integer', maximum: 50 }, examples: { one: { $ref: '#/components/examples/Ten' } } },
      },
      schemas: { Id: { type: 'string' } },
      examples: { Ten: { value: 10 } },
    });
    const { parameters, notes } = collect([{ $ref: '#/components/parameters/Limit' }], [{ $ref: '#/components/parameters/PetId' }], components);
    assert.deepEqual(
      parameters.map((parameter) => [parameter.name, parameter.in, parameter.schema, parameter.example, parameter.description]),
      [
        // The schema stays a $ref: the converter turns it into a reference to the shared definitions.
        ['petId', 'path', { $ref: '#/components/schemas/Id' }, undefined, 'The pet'],
        ['limit', 'query', { type: 'integer', maximum: 50 }, 10, undefined],
      ],
    );
    assert.deepEqual(notes, []);
  });

  it('an operation parameter overrides the path-level one of the same name and location, in its place', () => {
    const { parameters } = collect(
      [
        { name: 'limit', in: 'query', required: true, schema: { type: 'integer', maximum: 10 } },
        { name: 'limit', in: 'header', schema: { type: 'string' } },
        { name: 'sort', in: 'query', schema: { type: 'string' } },
      ],
      [
        { name: 'petId', in: 'path', schema: { type: 'string' } },
        { name: 'limit', in: 'query', schema: { type: 'integer', maximum: 100 } },
        { name: 'Limit', in: 'query', schema: { type: 'boolean' } },
      ],
    );
    assert.deepEqual(
      parameters.map((parameter) => [parameter.in, parameter.name, parameter.required, parameter.schema]),
      [
        ['path', 'petId', true, { type: 'string' }],
        ['query', 'limit', true, { type: 'integer', maximum: 10 }],
        // Query names are case-sensitive: `Limit` is another parameter.
        ['query', 'Limit', false, { type: 'boolean' }],
        // Same name, other location: another parameter.
        ['header', 'limit', false, { type: 'string' }],
        ['query', 'sort', false, { type: 'string' }],
      ],
    );
  });

  it('a later duplicate in the same list wins, as an override would', () => {
    const { parameters } = collect([
      { name: 'q', in: 'query', schema: { type: 'string' } },
      { name: 'q', in: 'query', schema: { type: 'integer' } },
    ]);
    assert.deepEqual(
      parameters.map((parameter) => parameter.schema),
      [{ type: 'integer' }],
    );
  });

  it('an operation header overrides the path-level header whatever the case of its name (header names are case-insensitive)', () => {
    const { parameters } = collect(
      [{ name: 'x-trace-id', in: 'header', required: true, schema: { type: 'string', format: 'uuid' } }],
      [{ name: 'X-Trace-Id', in: 'header', schema: { type: 'string' } }],
    );
    assert.deepEqual(
      parameters.map((parameter) => [parameter.name, parameter.required, parameter.schema]),
      [['x-trace-id', true, { type: 'string', format: 'uuid' }]],
    );
  });

  it('ignores, with a note, parameters without a name or location, and __proto__ outside the path', () => {
    const { parameters, notes } = collect(
      [
        { in: 'query', schema: { type: 'string' } },
        { name: 'q' },
        { $ref: '#/components/parameters/Missing' },
        { name: '__proto__', in: 'query', schema: { type: 'string' } },
        { name: '__proto__', in: 'header', schema: { type: 'string' } },
        { name: '__proto__', in: 'path', schema: { type: 'string' } },
      ],
      [null],
    );
    assert.deepEqual(
      parameters.map((parameter) => [parameter.in, parameter.name]),
      [['path', '__proto__']],
    );
    assert.deepEqual(notes, [
      `${ITEM}/parameters/0: parameter without name or in; ignored`,
      `${OPERATION}/parameters/0: parameter without name or in; ignored`,
      `${OPERATION}/parameters/1: parameter without name or in; ignored`,
      `${OPERATION}/parameters/2: parameter without name or in; ignored`,
      `${OPERATION}/parameters/3: parameter "__proto__" can never be received; ignored`,
      `${OPERATION}/parameters/4: parameter "__proto__" can never be received; ignored`,
    ]);
  });

  it('parameters lists that are not lists are skipped', () => {
    const context = contextOf(openapi('paths: {}'));
    const parameters = collectParameters(context, {
      pathItem: { parameters: { name: 'q', in: 'query' } } as Json,
      itemPointer: ITEM,
      operation: {} as Json,
      pointer: OPERATION,
    });
    assert.deepEqual(parameters, []);
    assert.deepEqual(context.notes, []);
  });

  it('names the header parameters OpenAPI says to ignore, in lower case', () => {
    assert.deepEqual([...IGNORED_HEADERS].sort(), ['accept', 'authorization', 'content-type']);
  });
});

describe('collectParameters: query styles the service puts back together', () => {
  it('form (the default) explodes by default: ?ids=1&ids=2 is validated as the list it is, with nothing to put together', () => {
    for (const parameter of [
      { name: 'ids', in: 'query', schema: list },
      { name: 'ids', in: 'query', style: 'form', schema: list },
      { name: 'ids', in: 'query', style: 'form', explode: true, schema: list },
    ]) {
      const collected = one(parameter);
      assert.deepEqual([collected.schema, collected.queryStyle], [list, undefined], JSON.stringify(parameter));
    }
  });

  it('a list not exploded is split at its style separator: , for form, | for pipeDelimited, a space for spaceDelimited', () => {
    const { parameters, notes } = collect([
      { name: 'a', in: 'query', explode: false, schema: list },
      { name: 'b', in: 'query', style: 'form', explode: false, schema: list },
      // pipeDelimited and spaceDelimited do not explode unless told to.
      { name: 'c', in: 'query', style: 'pipeDelimited', schema: list },
      { name: 'd', in: 'query', style: 'spaceDelimited', explode: false, schema: list },
      // A 3.1 type list that admits an array is a list.
      { name: 'e', in: 'query', explode: false, schema: { type: ['array', 'null'], items: { type: 'string' } } },
    ]);
    assert.deepEqual(
      parameters.map((parameter) => [parameter.queryStyle, parameter.schema === undefined]),
      [
        [{ name: 'a', style: 'delimited', separator: ',' }, false],
        [{ name: 'b', style: 'delimited', separator: ',' }, false],
        [{ name: 'c', style: 'delimited', separator: '|' }, false],
        [{ name: 'd', style: 'delimited', separator: ' ' }, false],
        [{ name: 'e', style: 'delimited', separator: ',' }, false],
      ],
    );
    assert.deepEqual(notes, []);
  });

  it("a $ref'd list schema is a list", () => {
    const { parameters } = collect(
      [{ name: 'ids', in: 'query', explode: false, schema: { $ref: '#/components/schemas/Ids' } }],
      undefined,
      JSON.stringify({ schemas: { Ids: list } }),
    );
    assert.deepEqual(parameters[0]!.queryStyle, { name: 'ids', style: 'delimited', separator: ',' });
    assert.deepEqual(parameters[0]!.schema, { $ref: '#/components/schemas/Ids' });
  });

  it('a scalar not exploded is spelt as the scalar: validated, with nothing to split', () => {
    const collected = one({ name: 'q', in: 'query', explode: false, schema: { type: 'integer' } });
    assert.deepEqual([collected.schema, collected.queryStyle], [{ type: 'integer' }, undefined]);
  });

  it('deepObject is folded and validated as declared, explode written or not, for objects and scalars alike', () => {
    const { parameters, notes } = collect([
      { name: 'filter', in: 'query', style: 'deepObject', explode: true, schema: object },
      { name: 'page', in: 'query', style: 'deepObject', schema: object },
      { name: 'name', in: 'query', style: 'deepObject', schema: { type: 'string' } },
    ]);
    assert.deepEqual(
      parameters.map((parameter) => [parameter.queryStyle, parameter.schema]),
      [
        [{ name: 'filter', style: 'deepObject' }, object],
        [{ name: 'page', style: 'deepObject' }, object],
        [{ name: 'name', style: 'deepObject' }, { type: 'string' }],
      ],
    );
    assert.deepEqual(notes, []);
  });
});

describe('collectParameters: serialisations passed through as text', () => {
  it('passes through, with a note, what the service cannot validate as declared; keeps the schema as written for samples', () => {
    const { parameters, notes } = collect([
      // 0: a form object spreads its properties over the query: ?r=1&g=2
      { name: 'color', in: 'query', schema: object },
      // 1: an object without type, recognised by its properties
      { name: 'shape', in: 'query', schema: { properties: { x: { type: 'integer' } } } },
      // 2: a header object
      { name: 'X-Color', in: 'header', schema: object },
      // 3: a cookie object
      { name: 'prefs', in: 'cookie', schema: object },
      // 4: a parameter described by content, not schema
      { name: 'where', in: 'query', content: { 'application/json': { schema: object } } },
      // 5, 6: `;petId=5` and `.5` arrive as they are
      { name: 'petId', in: 'path', style: 'matrix', schema: { type: 'integer' } },
      { name: 'format', in: 'path', style: 'label', schema: { type: 'string' } },
      // 7, 8: a path object or list not exploded
      { name: 'rgb', in: 'path', explode: false, schema: object },
      { name: 'ids', in: 'path', explode: false, schema: list },
      // 9: a list of another style, not exploded, has no separator the service knows
      { name: 'tags', in: 'header', explode: false, schema: list },
    ]);
    assert.deepEqual(
      parameters.map((parameter) => [parameter.name, parameter.schema, parameter.queryStyle]),
      parameters.map((parameter) => [parameter.name, undefined, undefined]),
    );
    assert.deepEqual(parameters[0]!.rawSchema, object);
    assert.equal(parameters[4]!.rawSchema, undefined);
    assert.deepEqual(notes, [
      passThroughNote(0, 'color'),
      passThroughNote(1, 'shape'),
      passThroughNote(2, 'X-Color'),
      passThroughNote(3, 'prefs'),
      passThroughNote(4, 'where'),
      passThroughNote(5, 'petId'),
      passThroughNote(6, 'format'),
      passThroughNote(7, 'rgb'),
      passThroughNote(8, 'ids'),
      passThroughNote(9, 'tags'),
    ]);
  });

  it('a parameter with neither schema nor content is any text, without a note', () => {
    const { parameters, notes } = collect([{ name: 'q', in: 'query' }]);
    assert.deepEqual([parameters[0]!.schema, parameters[0]!.rawSchema, parameters[0]!.queryStyle], [undefined, undefined, undefined]);
    assert.deepEqual(notes, []);
  });

  it('scalars in path, header and cookie are validated, exploded or not', () => {
    const { parameters, notes } = collect([
      { name: 'petId', in: 'path', explode: false, schema: { type: 'integer' } },
      { name: 'X-Rate', in: 'header', explode: true, schema: { type: 'number' } },
      { name: 'session', in: 'cookie', schema: { type: 'string' } },
    ]);
    assert.deepEqual(
      parameters.map((parameter) => parameter.schema),
      [{ type: 'integer' }, { type: 'number' }, { type: 'string' }],
    );
    assert.deepEqual(notes, []);
  });

  it('a path or header list is spelt 1,2,3 whether explode is left out (simple style: false by default) or written, so both are passed through alike', () => {
    const { parameters } = collect(
      [
        { name: 'ids', in: 'path', schema: list },
        { name: 'ids', in: 'path', style: 'simple', explode: false, schema: list },
        { name: 'X-Ids', in: 'header', schema: list },
        { name: 'X-Ids', in: 'header', style: 'simple', explode: false, schema: list },
      ].map((parameter, index) => ({ ...parameter, name: `${parameter.name}${index}` })),
    );
    assert.deepEqual(
      parameters.map((parameter) => parameter.schema),
      [undefined, undefined, undefined, undefined],
    );
  });
});

describe('groupSchema', () => {
  const parameter = (fields: Partial<Parameter> & { name: string }): Parameter => ({
    in: 'query',
    required: false,
    schema: undefined,
    rawSchema: undefined,
    queryStyle: undefined,
    example: undefined,
    description: undefined,
    ...fields,
  });

  it('no parameters: no schema, an empty object type', () => {
    const context = contextOf(openapi('paths: {}'));
    assert.deepEqual(
      groupSchema(context, [], OPERATION, (name) => name),
      { schema: undefined, type: { kind: 'object', properties: [], additional: undefined } },
    );
  });

  it('one property per parameter under its key, required ones listed, text passed through as any string', () => {
    const context = contextOf(openapi('paths: {}'));
    const group = groupSchema(
      context,
      [
        parameter({ name: 'X-Request-Id', in: 'header', required: true, schema: { type: 'string', format: 'uuid' }, description: 'Correlation' }),
        parameter({ name: 'X-Page', in: 'header', schema: { type: 'integer', minimum: 1 } }),
        parameter({ name: 'X-Filter', in: 'header' }),
      ],
      OPERATION,
      (name) => name.toLowerCase(),
    );
    assert.deepEqual(group.schema, {
      type: 'object',
      properties: { 'x-request-id': { type: 'string', format: 'uuid' }, 'x-page': { type: 'integer', minimum: 1 }, 'x-filter': {} },
      required: ['x-request-id'],
    });
    assert.deepEqual(group.type, {
      kind: 'object',
      additional: undefined,
      properties: [
        { name: 'x-request-id', optional: false, type: { kind: 'primitive', name: 'string' }, description: 'Correlation' },
        { name: 'x-page', optional: true, type: { kind: 'primitive', name: 'number' }, description: undefined },
        { name: 'x-filter', optional: true, type: { kind: 'primitive', name: 'string' }, description: undefined },
      ],
    });
  });

  it('no required parameter: no required list', () => {
    const context = contextOf(openapi('paths: {}'));
    const group = groupSchema(context, [parameter({ name: 'ids', schema: list })], OPERATION, (name) => name);
    assert.deepEqual(group.schema, { type: 'object', properties: { ids: list } });
    assert.deepEqual(group.type.kind === 'object' && group.type.properties[0]!.type, { kind: 'array', items: { kind: 'primitive', name: 'number' } });
  });
});
