/**
 * Samples for `oneOf` must match exactly one branch (issue: mock answers that
 * matched two overlapping branches failed the service's own contract tests,
 * and a sample request left out a required property whose schema was such a
 * `oneOf`).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createExampleCheck } from '../../src/model/samples/example-check.js';
import { repairSample } from '../../src/model/samples/repair-sample.js';
import { validSample } from '../../src/model/samples/valid-sample.js';

const ID = 'urn:test:v1:response';
const $defs = {
  Card: { type: 'object', properties: { Number: { type: 'string' }, Expiry: { type: 'string' } } },
  Bank: { type: 'object', properties: { Sort: { type: 'string' }, Account: { type: 'string' } } },
  Strict: { type: 'object', properties: { Kind: { const: 'strict' } }, required: ['Kind'], additionalProperties: false },
};
const check = createExampleCheck({ $id: ID, $defs });
const ref = (name: string) => ({ $ref: `${ID}#/$defs/${name}` });
const overlapping = { oneOf: [ref('Card'), ref('Bank')] };

describe('oneOf samples', () => {
  it('an empty object matches both overlapping branches, so it is refused', () => {
    assert.equal(check(overlapping, {}), false);
  });

  it('repair picks a value that exactly one branch admits', () => {
    const repaired = repairSample({}, overlapping, check);
    assert.equal(check(overlapping, repaired), true, JSON.stringify(repaired));
  });

  it('a required property whose schema is such a oneOf is kept, with a value of one branch', () => {
    const body = { type: 'object', required: ['Payment'], properties: { Payment: overlapping } };
    const repaired = repairSample({ Payment: {} }, body, check) as Record<string, unknown>;
    assert.ok(Object.hasOwn(repaired, 'Payment'));
    assert.equal(check(body, repaired), true, JSON.stringify(repaired));
  });

  it('valid samples from the blueprint schema match exactly one branch', () => {
    const document = { components: { schemas: $defs } };
    const raw = { oneOf: [{ $ref: '#/components/schemas/Card' }, { $ref: '#/components/schemas/Bank' }] };
    const sample = validSample('response', raw, document, undefined, overlapping, check);
    assert.equal(check(overlapping, sample), true, JSON.stringify(sample));
  });

  it('a branch that forbids others’ properties can be chosen', () => {
    const schema = { oneOf: [ref('Card'), ref('Strict')] };
    const repaired = repairSample({}, schema, check);
    assert.equal(check(schema, repaired), true, JSON.stringify(repaired));
  });
});
