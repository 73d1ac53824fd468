/**
 * validSample reuses what it made for a schema it has seen (operations share
 * answers: Stripe's 452 operations answer with 224 schemas). What decides a
 * sample must all be part of what it is reused for: the example, the
 * direction, the converted schema and the document.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createExampleCheck } from '../../src/model/samples/example-check.js';
import { validSample } from '../../src/model/samples/valid-sample.js';

const ID = 'urn:test:v1:response';
const pet = {
  type: 'object',
  required: ['name', 'id'],
  properties: { id: { type: 'integer', readOnly: true }, name: { type: 'string', minLength: 2 }, secret: { type: 'string', writeOnly: true } },
};
const converted = {
  type: 'object',
  required: ['name', 'id'],
  properties: { id: { type: 'integer' }, name: { type: 'string', minLength: 2 }, secret: { type: 'string' } },
};
const document = { openapi: '3.1.0', components: { schemas: { Pet: pet } } };

test('the same schema gives the same answer, and each valid example is still its own answer', () => {
  const check = createExampleCheck({ $id: ID, $defs: {} });
  const sampled = validSample('response', pet, document, undefined, converted, check);
  assert.equal(check(converted, sampled), true);
  assert.deepEqual(validSample('response', pet, document, undefined, structuredClone(converted), check), sampled);
  const rex = { id: 1, name: 'Rex' };
  const tom = { id: 2, name: 'Tom' };
  assert.equal(validSample('response', pet, document, rex, converted, check), rex);
  assert.equal(validSample('response', pet, document, tom, converted, check), tom);
  // An invalid example is replaced, whichever came first.
  assert.deepEqual(validSample('response', pet, document, { id: 3, name: 'x' }, converted, check), sampled);
});

test('direction, converted schema and document each decide the sample', () => {
  const check = createExampleCheck({ $id: ID, $defs: {} });
  const response = validSample('response', pet, document, undefined, converted, check) as Record<string, unknown>;
  const request = validSample('request', pet, document, undefined, converted, check) as Record<string, unknown>;
  // A response leaves out write-only properties, a request read-only ones (then repaired where required).
  assert.ok(!Object.hasOwn(response, 'secret'), JSON.stringify(response));
  assert.ok(Object.hasOwn(request, 'secret'), JSON.stringify(request));
  const longer = structuredClone(converted);
  longer.properties.name.minLength = 40;
  const long = validSample('response', pet, document, undefined, longer, check) as Record<string, unknown>;
  assert.ok(String(long.name).length >= 40, JSON.stringify(long));
  const byReference = { $ref: '#/components/schemas/Pet' };
  const other = {
    openapi: '3.1.0',
    components: { schemas: { Pet: { type: 'object', required: ['tag'], properties: { tag: { type: 'string', enum: ['only'] } } } } },
  };
  const otherConverted = { type: 'object', required: ['tag'], properties: { tag: { type: 'string', enum: ['only'] } } };
  const first = validSample('response', byReference, document, undefined, otherConverted, check);
  const second = validSample('response', byReference, other, undefined, otherConverted, check);
  assert.deepEqual(second, { tag: 'only' });
  assert.notDeepEqual(first, second);
});
