/**
 * Request Body Object (src/model/request-body.ts): the media types a request
 * may carry, the JSON and form schemas validated per media type, the body's
 * TypeScript type, whether it is required, and the sample the contract tests send.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { requestBody } from '../../src/model/request-body.js';
import type { TypeNode } from '../../src/model/type-node.js';
import { openapi } from '../openapi-document.js';
import { contextOf } from './operation-context.js';

const POINTER = '/paths/~1pets/post/requestBody';
const COMPONENTS = JSON.stringify({
  schemas: {
    Pet: { type: 'object', required: ['name'], properties: { name: { type: 'string', example: 'Rex' } } },
    Patch: { type: 'object', properties: { op: { type: 'string', enum: ['add'] } }, required: ['op'] },
  },
  requestBodies: {
    NewPet: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } } },
    Alias: { $ref: '#/components/requestBodies/NewPet' },
  },
});

function body(raw: unknown) {
  const context = contextOf(openapi(`paths: {}\ncomponents: ${COMPONENTS}`));
  return { ...requestBody(context, raw, POINTER), notes: context.notes };
}

const pet: TypeNode = { kind: 'ref', name: 'Pet' };
const undefinedType: TypeNode = { kind: 'primitive', name: 'undefined' };
const petSchema = { $ref: '#/components/schemas/Pet' };

describe('requestBody', () => {
  it('no request body: no media types, nothing validated, the type undefined, no sample', () => {
    for (const raw of [undefined, {}, { content: {} }]) {
      const { notes, ...built } = body(raw);
      assert.deepEqual(built, { mediaTypes: [], required: false, jsonContent: undefined, type: undefinedType, sample: { contentType: null, value: null } });
      assert.deepEqual(notes, []);
    }
  });

  it("a required JSON body ($ref'd, through a chain): validated as application/json, typed without undefined, sampled", () => {
    const built = body({ $ref: '#/components/requestBodies/Alias' });
    assert.deepEqual(built.mediaTypes, ['application/json']);
    assert.equal(built.required, true);
    assert.deepEqual(built.jsonContent, { 'application/json': { schema: { $ref: 'urn:test:request#/$defs/Pet' } } });
    assert.deepEqual(built.type, pet);
    assert.deepEqual(built.sample, { contentType: 'application/json', value: { name: 'Rex' } });
  });

  it('an optional body (required left out or not true) may be undefined, and is still sampled when JSON', () => {
    for (const required of [undefined, false, 'true']) {
      const built = body({ required, content: { 'application/json': { schema: petSchema } } });
      assert.equal(built.required, false);
      assert.deepEqual(built.type, { kind: 'union', members: [pet, undefinedType] });
      assert.deepEqual(built.sample, { contentType: 'application/json', value: { name: 'Rex' } });
    }
  });

  it('vendor +json and text/json are JSON, each validated under its own media type', () => {
    const built = body({
      required: true,
      content: {
        'application/merge-patch+json': { schema: petSchema },
        'application/json-patch+json': { schema: { $ref: '#/components/schemas/Patch' } },
        'text/json': { schema: petSchema },
      },
    });
    assert.deepEqual(built.jsonContent, {
      'application/merge-patch+json': { schema: { $ref: 'urn:test:request#/$defs/Pet' } },
      'application/json-patch+json': { schema: { $ref: 'urn:test:request#/$defs/Patch' } },
      'text/json': { schema: { $ref: 'urn:test:request#/$defs/Pet' } },
    });
    assert.deepEqual(built.type, { kind: 'union', members: [pet, { kind: 'ref', name: 'Patch' }] });
    // The first JSON media type is the one sampled.
    assert.deepEqual(built.sample, { contentType: 'application/merge-patch+json', value: { name: 'Rex' } });
  });

  it('JSON is preferred for the sample wherever it is listed; non-JSON types are accepted but not validated', () => {
    const built = body({
      required: true,
      content: { 'application/xml': { schema: petSchema }, 'text/plain': {}, 'application/json': { schema: petSchema }, 'image/png': {} },
    });
    assert.deepEqual(built.mediaTypes, ['application/xml', 'text/plain', 'application/json', 'image/png']);
    assert.deepEqual(Object.keys(built.jsonContent ?? {}), ['application/json']);
    assert.deepEqual(built.type, {
      kind: 'union',
      members: [{ kind: 'primitive', name: 'Buffer' }, { kind: 'primitive', name: 'string' }, pet],
    });
    assert.deepEqual(built.sample, { contentType: 'application/json', value: { name: 'Rex' } });
  });

  it('media-type parameters and case are dropped from the validation key; the first schema for a key is the one validated', () => {
    const built = body({
      required: true,
      content: {
        'Application/JSON; charset=utf-8': { schema: petSchema },
        'application/json': { schema: { $ref: '#/components/schemas/Patch' } },
      },
    });
    assert.deepEqual(built.mediaTypes, ['Application/JSON; charset=utf-8', 'application/json']);
    assert.deepEqual(built.jsonContent, { 'application/json': { schema: { $ref: 'urn:test:request#/$defs/Pet' } } });
    // The sample is sent as the blueprint spells the media type, and valid for the schema validated.
    assert.deepEqual(built.sample, { contentType: 'Application/JSON; charset=utf-8', value: { name: 'Rex' } });
  });

  it('application/* admits JSON: validated and sampled as application/json', () => {
    const built = body({ required: true, content: { 'application/*': { schema: petSchema } } });
    assert.deepEqual(built.jsonContent, { 'application/json': { schema: { $ref: 'urn:test:request#/$defs/Pet' } } });
    assert.deepEqual(built.sample, { contentType: 'application/json', value: { name: 'Rex' } });
  });

  it('the full range */* admits JSON: validated and sampled as application/json, like application/*', () => {
    const built = body({ required: true, content: { '*/*': { schema: petSchema } } });
    assert.deepEqual(built.mediaTypes, ['*/*']);
    assert.deepEqual(built.jsonContent, { 'application/json': { schema: { $ref: 'urn:test:request#/$defs/Pet' } } });
    assert.deepEqual(built.type, pet);
    assert.deepEqual(built.sample, { contentType: 'application/json', value: { name: 'Rex' } });
    assert.deepEqual(built.notes, []);
  });

  it('a form body is validated with its schema marked for coercion, and sampled when it is the only structured type', () => {
    const form = { type: 'object', required: ['count'], properties: { count: { type: 'integer', example: 3 } } };
    const built = body({ required: true, content: { 'multipart/form-data': { schema: form }, 'application/x-www-form-urlencoded': { schema: form } } });
    assert.deepEqual(built.jsonContent, {
      'application/x-www-form-urlencoded': {
        schema: { type: 'object', required: ['count'], properties: { count: { type: 'integer' } }, 'x-form-encoded': true },
      },
    });
    assert.deepEqual(built.type, {
      kind: 'union',
      members: [
        { kind: 'primitive', name: 'Buffer' },
        {
          kind: 'object',
          properties: [{ name: 'count', optional: false, type: { kind: 'primitive', name: 'number' }, description: undefined }],
          additional: undefined,
        },
      ],
    });
    assert.deepEqual(built.sample, { contentType: 'application/x-www-form-urlencoded', value: { count: 3 } });
  });

  it('a required non-JSON body is text for text/*, bytes otherwise, and sampled as "x" in the first media type', () => {
    const text = body({ required: true, content: { 'text/csv': { schema: { type: 'string' } } } });
    assert.deepEqual([text.type, text.jsonContent, text.sample], [{ kind: 'primitive', name: 'string' }, undefined, { contentType: 'text/csv', value: 'x' }]);
    const bytes = body({ required: true, content: { 'application/octet-stream': {}, 'text/plain': {} } });
    assert.deepEqual(
      [bytes.type, bytes.sample],
      [
        {
          kind: 'union',
          members: [
            { kind: 'primitive', name: 'Buffer' },
            { kind: 'primitive', name: 'string' },
          ],
        },
        { contentType: 'application/octet-stream', value: 'x' },
      ],
    );
  });

  it('an optional body with no JSON media type is not sent by the samples', () => {
    const built = body({ content: { 'application/octet-stream': {} } });
    assert.deepEqual(built.type, { kind: 'union', members: [{ kind: 'primitive', name: 'Buffer' }, undefinedType] });
    assert.deepEqual(built.sample, { contentType: null, value: null });
  });

  it('a JSON media type without a schema accepts any JSON, unvalidated, typed unknown', () => {
    const built = body({ required: true, content: { 'application/json': {} } });
    assert.deepEqual([built.jsonContent, built.type], [undefined, { kind: 'primitive', name: 'unknown' }]);
    assert.equal(built.sample.contentType, 'application/json');
  });

  it('keys that are not media types are ignored, with a note', () => {
    const built = body({ required: true, content: { json: { schema: petSchema }, 'application/json': { schema: petSchema } } });
    assert.deepEqual(built.mediaTypes, ['application/json']);
    assert.deepEqual(built.notes, [`${POINTER}/content: "json" is not a media type; ignored`]);
  });
});
