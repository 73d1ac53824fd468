/**
 * Responses Object (src/model/responses.ts): a response type per status for
 * the Handlers interface, the serialisation schema per status, the media types
 * produced, and the success response a mock answers with.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildResponses } from '../../src/model/responses.js';
import type { TypeNode } from '../../src/model/type-node.js';
import { openapi } from '../openapi-document.js';
import { contextOf, versionOf } from './operation-context.js';

const POINTER = '/paths/~1pets/get/responses';
const COMPONENTS = JSON.stringify({
  schemas: {
    Pet: { type: 'object', properties: { name: { type: 'string' } } },
    Problem: { type: 'object', properties: { title: { type: 'string' } } },
  },
  responses: {
    NotFound: { description: 'No such pet', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
    Missing: { $ref: '#/components/responses/NotFound' },
  },
});

function responses(raw: unknown) {
  const context = contextOf(openapi(`paths: {}\ncomponents: ${COMPONENTS}`));
  return { ...buildResponses(context, raw, POINTER), notes: context.notes };
}

const petSchema = { $ref: '#/components/schemas/Pet' };
const problemSchema = { $ref: '#/components/schemas/Problem' };
const json = (schema: unknown, description = 'ok') => ({ description, content: { 'application/json': { schema } } });
const pet: TypeNode = { kind: 'ref', name: 'Pet' };
const problem: TypeNode = { kind: 'ref', name: 'Problem' };
const textOrBytes: TypeNode = {
  kind: 'union',
  members: [
    { kind: 'primitive', name: 'string' },
    { kind: 'primitive', name: 'Buffer' },
  ],
};

describe('buildResponses: the success response', () => {
  it('is the lowest literal 2xx status, wherever it is listed', () => {
    const built = responses({ '404': json(problemSchema), '202': json(problemSchema, 'accepted'), '201': json(petSchema, 'created'), '299': json(petSchema) });
    assert.deepEqual(built.success, { status: 201, mediaType: 'application/json', media: { schema: petSchema }, schemaKey: '201' });
  });

  it('a literal 2xx status wins over a 2XX range and default', () => {
    const built = responses({ default: json(problemSchema), '2XX': json(problemSchema), '204': { description: 'gone' } });
    assert.deepEqual(built.success, { status: 204, mediaType: null, media: undefined, schemaKey: '204' });
  });

  it('a 2XX range (either case) answers 200 when no literal 2xx is declared', () => {
    for (const key of ['2XX', '2xx']) {
      const built = responses({ '4XX': json(problemSchema), [key]: json(petSchema) });
      assert.deepEqual(built.success, { status: 200, mediaType: 'application/json', media: { schema: petSchema }, schemaKey: '2xx' }, key);
    }
  });

  it('default answers 200 when nothing else is a success', () => {
    const built = responses({ '400': json(problemSchema), default: json(petSchema) });
    assert.deepEqual(built.success, { status: 200, mediaType: 'application/json', media: { schema: petSchema }, schemaKey: 'default' });
  });

  it('a 2XX range is the success over default, whichever is listed first', () => {
    const built = responses({ default: json(problemSchema, 'error'), '2XX': json(petSchema) });
    assert.deepEqual(built.success, { status: 200, mediaType: 'application/json', media: { schema: petSchema }, schemaKey: '2xx' });
  });

  it('nothing declared: 204 without a body', () => {
    for (const raw of [undefined, null, {}]) {
      assert.deepEqual(responses(raw).success, { status: 204, mediaType: null, media: undefined, schemaKey: '204' }, JSON.stringify(raw));
    }
  });

  it('no success, range or default declared: the mock answers a status the blueprint declares, the lowest redirect (304 last), else the lowest error', () => {
    // An undeclared 204 would fail the service's own contract test, which holds every answer to the blueprint.
    assert.deepEqual(responses({ '400': json(problemSchema) }).success, {
      status: 400,
      mediaType: 'application/json',
      media: { schema: problemSchema },
      schemaKey: '400',
    });
    assert.equal(responses({ '4XX': json(problemSchema), '500': json(problemSchema) }).success.status, 500, 'a range is not a status to answer');
    assert.equal(responses({ '404': json(problemSchema), '302': { description: 'moved' } }).success.status, 302);
    assert.equal(responses({ '304': { description: 'not modified' }, '307': { description: 'moved' } }).success.status, 307);
  });

  it('prefers a JSON media type for the success wherever it is listed, else the first one', () => {
    const mixed = responses({
      '200': { description: 'ok', content: { 'text/csv': {}, 'application/xml': {}, 'application/vnd.pets+json': { schema: petSchema } } },
    });
    assert.deepEqual(mixed.success, { status: 200, mediaType: 'application/vnd.pets+json', media: { schema: petSchema }, schemaKey: '200' });
    const text = responses({ '200': { description: 'ok', content: { 'text/csv': { example: 'a,b' }, 'application/xml': {} } } });
    assert.deepEqual(text.success, { status: 200, mediaType: 'text/csv', media: { example: 'a,b' }, schemaKey: '200' });
  });
});

describe('buildResponses: models, schemas and media types', () => {
  it('a JSON response: its schema converted under its status, its type from the schema', () => {
    const built = responses({ '200': json(petSchema, 'The pet') });
    assert.deepEqual(built.models, [{ status: 200, description: 'The pet', bodyType: pet, raw: false }]);
    assert.deepEqual(built.schemas, { '200': { $ref: 'urn:test:response#/$defs/Pet' } });
    assert.deepEqual(built.produces, ['application/json']);
    assert.deepEqual(built.notes, []);
  });

  it('ranges and default keep their schemas under the keys Fastify reads (2xx, 4xx, default); their models have no literal status', () => {
    const built = responses({ '2XX': json(petSchema, 'fine'), '4xx': json(problemSchema, 'bad'), default: json(problemSchema, 'error') });
    assert.deepEqual(built.schemas, {
      '2xx': { $ref: 'urn:test:response#/$defs/Pet' },
      '4xx': { $ref: 'urn:test:response#/$defs/Problem' },
      default: { $ref: 'urn:test:response#/$defs/Problem' },
    });
    assert.deepEqual(built.models, [
      { status: undefined, description: 'fine', bodyType: pet, raw: false },
      { status: undefined, description: 'bad', bodyType: problem, raw: false },
      { status: undefined, description: 'error', bodyType: problem, raw: false },
    ]);
  });

  it("follows $ref'd responses (and chains of them); vendor +json is JSON", () => {
    const built = responses({ '200': json(petSchema), '404': { $ref: '#/components/responses/Missing' } });
    assert.deepEqual(built.models[1], { status: 404, description: 'No such pet', bodyType: problem, raw: false });
    assert.deepEqual(built.schemas['404'], { $ref: 'urn:test:response#/$defs/Problem' });
    assert.deepEqual(built.produces, ['application/json', 'application/problem+json']);
  });

  it('204 (or any response without content) has no body type, no schema and produces nothing', () => {
    const built = responses({ '204': { description: 'Deleted' }, '304': { description: 'Not modified', content: {} } });
    assert.deepEqual(built.models, [
      { status: 204, description: 'Deleted', bodyType: undefined, raw: false },
      { status: 304, description: 'Not modified', bodyType: undefined, raw: false },
    ]);
    assert.deepEqual([built.schemas, built.produces], [{}, []]);
  });

  it('a non-JSON response is sent as given: string or Buffer, no schema, raw', () => {
    const built = responses({ '200': { description: 'A picture', content: { 'image/png': { schema: { type: 'string', format: 'binary' } } } } });
    assert.deepEqual(built.models, [{ status: 200, description: 'A picture', bodyType: textOrBytes, raw: true }]);
    assert.deepEqual([built.schemas, built.produces], [{}, ['image/png']]);
    assert.deepEqual(built.success, { status: 200, mediaType: 'image/png', media: { schema: { type: 'string', format: 'binary' } }, schemaKey: '200' });
  });

  it('with JSON and non-JSON media types, JSON is the typed and validated body; all are produced, once each', () => {
    const built = responses({
      '200': { description: 'ok', content: { 'text/csv': {}, 'application/json': { schema: petSchema } } },
      '201': { description: 'made', content: { 'application/json; charset=utf-8': { schema: petSchema }, 'text/csv': {} } },
    });
    assert.deepEqual(
      built.models.map((model) => [model.status, model.bodyType, model.raw]),
      [
        [200, pet, false],
        [201, pet, false],
      ],
    );
    assert.deepEqual(Object.keys(built.schemas), ['200', '201']);
    assert.deepEqual(built.produces, ['text/csv', 'application/json', 'application/json; charset=utf-8']);
  });

  it('a JSON response without a schema is any JSON: unknown, unvalidated', () => {
    const built = responses({ '200': { description: 'ok', content: { 'text/json': {} } } });
    assert.deepEqual(built.models, [{ status: 200, description: 'ok', bodyType: { kind: 'primitive', name: 'unknown' }, raw: false }]);
    assert.deepEqual([built.schemas, built.produces], [{}, ['text/json']]);
  });

  it('a description that is not text is empty', () => {
    assert.equal(responses({ '200': { description: 42 } }).models[0]!.description, '');
  });

  it('keys that are not status codes are ignored with a note; unresolvable responses are skipped', () => {
    const built = responses({
      '20': json(petSchema),
      '600': json(petSchema),
      '2XY': json(petSchema),
      ok: json(petSchema),
      '201': { $ref: '#/components/responses/None' },
      '200': json(petSchema),
    });
    assert.deepEqual(
      built.models.map((model) => model.status),
      [200],
    );
    assert.deepEqual(built.notes, [
      `${POINTER}/20: "20" is not a status code; ignored`,
      `${POINTER}/600: "600" is not a status code; ignored`,
      `${POINTER}/2XY: "2XY" is not a status code; ignored`,
      `${POINTER}/ok: "ok" is not a status code; ignored`,
    ]);
  });

  it('the full range */* is produced as application/json, typed and validated by its schema (springdoc writes it for every response)', () => {
    const built = responses({ '200': { description: 'ok', content: { '*/*': { schema: petSchema } } } });
    assert.deepEqual(built.models, [{ status: 200, description: 'ok', bodyType: pet, raw: false }]);
    assert.deepEqual(built.schemas, { '200': { $ref: 'urn:test:response#/$defs/Pet' } });
    assert.deepEqual(built.produces, ['application/json']);
    assert.deepEqual(built.success, { status: 200, mediaType: '*/*', media: { schema: petSchema }, schemaKey: '200' });
    assert.deepEqual(built.notes, []);
  });
});

describe('the success response, as the mock answers it (with operations.ts)', () => {
  const mockOf = async (status: string) => {
    const version = await versionOf(
      openapi(`paths:
  /pets/{id}:
    get:
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses:
        '${status}':
          description: The pet
          content:
            application/json:
              schema: { type: object, required: [id], properties: { id: { type: integer } } }
              example: { id: not-a-number }
`),
    );
    return version.operations[0]!.route.mock;
  };

  it('a literal 200: an example its schema refuses is replaced by a valid sample', async () => {
    assert.deepEqual(await mockOf('200'), { status: 200, contentType: 'application/json', body: { id: 0 } });
  });

  it('a 2XX range or default: an example its schema refuses is replaced by a valid sample, as for a literal 200', async () => {
    assert.deepEqual(await mockOf('2XX'), { status: 200, contentType: 'application/json', body: { id: 0 } });
    assert.deepEqual(await mockOf('default'), { status: 200, contentType: 'application/json', body: { id: 0 } });
  });
});
