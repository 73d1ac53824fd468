/**
 * The mock check (src/model/samples/example-check.ts) compiles each shared
 * definition only when a value reaches it. Its verdicts must be those of
 * AJV compiling every reference up front, as the service's contract tests do.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { createExampleCheck } from '../../src/model/samples/example-check.js';

const ID = 'urn:design-first:v1:response';
const ref = (name: string) => ({ $ref: `${ID}#/$defs/${name}` });
const definitions = {
  $id: ID,
  $defs: {
    Pet: {
      type: 'object',
      required: ['Id', 'constructor'],
      properties: {
        Id: { type: 'string', format: 'uuid' },
        constructor: { type: 'integer' },
        Owner: { anyOf: [{ type: 'string', maxLength: 5 }, ref('Owner')] },
        Tags: { type: 'array', items: ref('Tag') },
        Marker: { const: { $ref: `${ID}#/$defs/Tag` } },
        ['__proto__']: ref('Tag'),
      },
    },
    Owner: { type: 'object', required: ['Name'], properties: { Name: { type: 'string', pattern: '^[A-Z]' }, Pets: { type: 'array', items: ref('Pet') } } },
    Tag: { type: 'string', enum: ['a', 'b'] },
  },
};

function reference(schema: Record<string, unknown>, value: unknown): boolean {
  const ajv = new Ajv2020({ strict: false, validateFormats: true, ownProperties: true, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema(structuredClone(definitions));
  return ajv.compile(schema)(value) === true;
}

const pet = { Id: '0b6f7f1e-2c5d-4a51-9d8e-3f3c4c1f2a77', constructor: 1 };
const cases: Array<[string, Record<string, unknown>, unknown]> = [
  ['a valid pet', ref('Pet'), pet],
  ['a missing required property named constructor (not found on the prototype)', ref('Pet'), { Id: pet.Id }],
  ['a bad format', ref('Pet'), { ...pet, Id: 'not-a-uuid' }],
  ['a nested definition reached through anyOf', ref('Pet'), { ...pet, Owner: { Name: 'ann' } }],
  ['a nested definition reached and valid', ref('Pet'), { ...pet, Owner: { Name: 'Ann', Pets: [pet] } }],
  ['recursion, invalid deep down', ref('Pet'), { ...pet, Owner: { Name: 'Ann', Pets: [{ ...pet, Tags: ['c'] }] } }],
  ['a const holding $ref-like data is data', ref('Pet'), { ...pet, Marker: { $ref: `${ID}#/$defs/Tag` } }],
  ['a const holding $ref-like data refuses other data', ref('Pet'), { ...pet, Marker: 'a' }],
  ['a list of pets', { type: 'array', items: ref('Pet') }, [pet, { ...pet, Tags: ['a', 'z'] }]],
];

for (const [name, schema, value] of cases) {
  test(`the mock check agrees with AJV compiling everything: ${name}`, () => {
    const check = createExampleCheck(structuredClone(definitions));
    assert.equal(check(schema, value), reference(schema, value));
  });
}

test('a property named __proto__ is judged as AJV judges it', () => {
  const check = createExampleCheck(structuredClone(definitions));
  for (const text of [`{"Id":"${pet.Id}","constructor":1,"__proto__":"z"}`, `{"Id":"${pet.Id}","constructor":1,"__proto__":"a"}`]) {
    const value = JSON.parse(text) as unknown;
    assert.equal(check(ref('Pet'), value), reference(ref('Pet'), value), text);
  }
});

test('a definition that does not compile only spares the values that reach it', () => {
  const broken = { $id: ID, $defs: { ...structuredClone(definitions.$defs), Tag: { type: 'no-such-type' } } };
  const check = createExampleCheck(broken);
  // Reaches Tag: AJV cannot judge it, which is not the value's fault.
  assert.equal(check(ref('Pet'), { ...pet, Tags: ['anything'] }), true);
  // Never reaches Tag: judged as usual.
  assert.equal(check(ref('Pet'), { ...pet, Id: 7 }), false);
  assert.equal(check(ref('Pet'), pet), true);
});

test('with unevaluatedProperties, references are compiled as AJV does (they see through them)', () => {
  const defs = {
    $id: ID,
    $defs: {
      Base: { type: 'object', properties: { Name: { type: 'string' } } },
      Closed: { allOf: [ref('Base')], unevaluatedProperties: false },
    },
  };
  const check = createExampleCheck(defs);
  assert.equal(check(ref('Closed'), { Name: 'x' }), true);
  assert.equal(check(ref('Closed'), { Name: 'x', Other: 1 }), false);
});

test('an answer that is only a reference is judged by that definition, or counts as not compiling when it cannot be', () => {
  const broken = { $id: ID, $defs: { ...structuredClone(definitions.$defs), Tag: { type: 'no-such-type' } } };
  const check = createExampleCheck(broken);
  assert.equal(check(ref('Tag'), 'anything'), true);
  assert.equal(check(ref('Missing'), 42), true);
  assert.equal(check(ref('Owner'), { Name: 'ann' }), false);
  assert.equal(check(ref('Owner'), { Name: 'Ann' }), true);
  // The same definition inside a larger schema gets the same verdicts.
  assert.equal(check({ type: 'array', items: ref('Owner') }, [{ Name: 'ann' }]), false);
});

test('a settled verdict answers for that value only; an equal copy is judged again', () => {
  const check = createExampleCheck(structuredClone(definitions));
  const schema = ref('Pet');
  const wrong = { Id: pet.Id };
  check.settle(schema, wrong, true);
  assert.equal(check(schema, wrong), true);
  assert.equal(check(schema, structuredClone(wrong)), false);
  // Another schema object is not answered by it.
  assert.equal(check(ref('Pet'), wrong), false);
});
