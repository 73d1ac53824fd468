import assert from 'node:assert/strict';
import { test } from 'node:test';
import { api, diffTexts, expectChange, expectIds, lineOf, requestApi, responseApi } from './helpers.js';

const pet = `type: object
required: [id, name]
properties:
  id: { type: string }
  name: { type: string }
  tag: { type: string }
`;

// Response schemas: widening what clients receive breaks them.

test('a removed required response property is breaking, located at the property and at its schema', async () => {
  const before = responseApi(pet);
  const after = responseApi(pet.replace('required: [id, name]', 'required: [id]').replace('  name: { type: string }\n', '  name2: { type: integer }\n'));
  const changes = await diffTexts(before, after);
  expectIds(changes, ['response-property-removed', 'response-property-added']);
  expectChange(changes, {
    id: 'response-property-removed',
    severity: 'breaking',
    oldLine: lineOf(before, 'name: {'),
    newLine: lineOf(after, 'Thing:'),
    message: /^GET \/things \(200 application\/json\): response property `name` was removed/,
  });
});

test('a removed optional response property is breaking too, and says it was optional', async () => {
  const changes = await diffTexts(responseApi(pet), responseApi(pet.replace('  tag: { type: string }\n', '')));
  expectChange(changes, { id: 'response-property-removed', severity: 'breaking', message: /it was optional/ });
});

test('a renamed response property (one removed, one of the same shape added) is breaking', async () => {
  const before = responseApi(pet);
  const after = responseApi(pet.replace('  tag: {', '  label: {'));
  const changes = await diffTexts(before, after);
  expectIds(changes, ['response-property-renamed']);
  expectChange(changes, {
    id: 'response-property-renamed',
    severity: 'breaking',
    oldLine: lineOf(before, 'tag:'),
    newLine: lineOf(after, 'label:'),
    message: /`tag` was replaced by `label` \(same shape: a rename\?\)/,
  });
});

test('a response property whose type changed is breaking; narrowed (number -> integer) is info', async () => {
  const before = responseApi(pet);
  const after = responseApi(pet.replace('id: { type: string }', 'id: { type: integer }'));
  expectChange(await diffTexts(before, after), {
    id: 'response-property-type-changed',
    severity: 'breaking',
    oldLine: lineOf(before, 'id: {'),
    newLine: lineOf(after, 'id: {'),
    message: /from string to integer/,
  });
  const number = responseApi(pet.replace('id: { type: string }', 'id: { type: number }'));
  expectChange(await diffTexts(number, after), { id: 'response-property-type-changed', severity: 'info' });
});

test('a response format changed is breaking; a format added is info', async () => {
  const at = (format: string) => responseApi(pet.replace('tag: { type: string }', `tag: { type: string${format} }`));
  const before = at(', format: date-time');
  const after = at(', format: date');
  expectChange(await diffTexts(before, after), {
    id: 'response-property-format-changed',
    severity: 'breaking',
    oldLine: lineOf(before, 'date-time'),
    newLine: lineOf(after, 'format: date'),
  });
  expectChange(await diffTexts(at(''), after), { id: 'response-property-format-changed', severity: 'info' });
});

test('a response property made optional is breaking; made required is info', async () => {
  const before = responseApi(pet);
  const after = responseApi(pet.replace('required: [id, name]', 'required: [id]'));
  expectChange(await diffTexts(before, after), {
    id: 'response-property-became-optional',
    severity: 'breaking',
    oldLine: lineOf(before, 'name: {'),
    newLine: lineOf(after, 'name: {'),
  });
  expectChange(await diffTexts(after, before), { id: 'response-property-became-required', severity: 'info' });
});

test('a response property made nullable is breaking', async () => {
  const before = responseApi(pet);
  const after = responseApi(pet.replace('tag: { type: string }', 'tag: { type: string, nullable: true }'));
  expectChange(await diffTexts(before, after), {
    id: 'response-property-became-nullable',
    severity: 'breaking',
    oldLine: lineOf(before, 'tag:'),
    newLine: lineOf(after, 'tag:'),
  });
  expectChange(await diffTexts(after, before), { id: 'response-property-became-not-nullable', severity: 'info' });
});

test('3.0 nullable, 3.1 type arrays and anyOf with null mean the same', async () => {
  const v30 = responseApi(pet.replace('tag: { type: string }', 'tag: { type: string, nullable: true }'));
  const v31 = responseApi(pet.replace('tag: { type: string }', "tag: { type: [string, 'null'] }"), '3.1.0');
  const anyOf = responseApi(pet.replace('tag: { type: string }', "tag: { anyOf: [{ type: string }, { type: 'null' }] }"), '3.1.0');
  assert.deepEqual(await diffTexts(v30, v31), []);
  assert.deepEqual(await diffTexts(v31, anyOf), []);
});

test('a new enum value in a response is a warning for clients; a removed one is info', async () => {
  const status = (values: string) => responseApi(pet.replace('tag: { type: string }', `tag: { type: string, enum: [${values}] }`));
  const changes = await diffTexts(status('a, b'), status('a, b, c'));
  expectChange(changes, {
    id: 'response-property-enum-value-added',
    severity: 'warning',
    message: /gained enum value `"c"`: clients that switch over the values must handle it/,
  });
  expectChange(await diffTexts(status('a, b'), status('a')), { id: 'response-property-enum-value-removed', severity: 'info' });
});

test('a loosened bound in a response is breaking (clients may have sized storage to it); a tightened one is info', async () => {
  const bounded = (max: number) => responseApi(pet.replace('name: { type: string }', `name: { type: string, maxLength: ${max} }`));
  expectChange(await diffTexts(bounded(20), bounded(50)), { id: 'response-property-max-length-increased', severity: 'breaking' });
  expectChange(await diffTexts(bounded(50), bounded(20)), { id: 'response-property-max-length-decreased', severity: 'info' });
});

test('writeOnly properties are not part of responses', async () => {
  const secret = pet.replace('tag: { type: string }', 'tag: { type: string, writeOnly: true }');
  assert.deepEqual(await diffTexts(responseApi(secret), responseApi(secret.replace('  tag: { type: string, writeOnly: true }\n', ''))), []);
});

test('a response body whose type changed is reported on the body', async () => {
  const before = responseApi('type: object\n');
  const after = responseApi('type: array\nitems: { type: string }\n');
  expectChange(await diffTexts(before, after), {
    id: 'response-body-type-changed',
    severity: 'breaking',
    message: /response body changed type from object to array/,
  });
});

test('array items are compared, and their path shows as `name[]`', async () => {
  const tags = (type: string) => responseApi(pet.replace('tag: { type: string }', `tags: { type: array, items: { type: ${type} } }`));
  const changes = await diffTexts(tags('string'), tags('integer'));
  expectChange(changes, {
    id: 'response-property-type-changed',
    severity: 'breaking',
    message: /response property `tags\[\]` changed type/,
  });
});

// Request schemas: narrowing what clients send breaks them.

test('a required request property added is breaking; an optional one is info', async () => {
  const before = requestApi(pet);
  const after = requestApi(
    pet.replace('required: [id, name]', 'required: [id, name, owner]').replace('  tag:', '  owner: { type: string }\n  color: { type: string }\n  tag:'),
  );
  const changes = await diffTexts(before, after);
  expectIds(changes, ['request-property-added-required', 'request-property-added']);
  expectChange(changes, {
    id: 'request-property-added-required',
    severity: 'breaking',
    oldLine: lineOf(before, 'Thing:'),
    newLine: lineOf(after, 'owner: {'),
  });
});

test('a required readOnly property added to a request schema is not breaking: clients never send it', async () => {
  const after = requestApi(
    pet.replace('required: [id, name]', 'required: [id, name, created]').replace('  tag:', '  created: { type: string, readOnly: true }\n  tag:'),
  );
  assert.deepEqual(await diffTexts(requestApi(pet), after), []);
});

test('a request property made required is breaking', async () => {
  const before = requestApi(pet);
  const after = requestApi(pet.replace('required: [id, name]', 'required: [id, name, tag]'));
  expectChange(await diffTexts(before, after), {
    id: 'request-property-became-required',
    severity: 'breaking',
    oldLine: lineOf(before, 'tag:'),
    newLine: lineOf(after, 'tag:'),
  });
});

test('an enum value removed from a request property is breaking; one added is info', async () => {
  const kinds = (values: string) => requestApi(pet.replace('tag: { type: string }', `tag: { type: string, enum: [${values}] }`));
  const before = kinds('cat, dog, bird');
  const after = kinds('cat, dog');
  expectChange(await diffTexts(before, after), {
    id: 'request-property-enum-value-removed',
    severity: 'breaking',
    oldLine: lineOf(before, 'enum'),
    newLine: lineOf(after, 'enum'),
    message: /lost enum value `"bird"`/,
  });
  expectChange(await diffTexts(after, before), { id: 'request-property-enum-value-added', severity: 'info' });
  expectChange(await diffTexts(requestApi(pet), after), { id: 'request-property-became-enum', severity: 'breaking' });
});

test('a pattern added to a request property is breaking, changed a warning (not decided which accepts more), removed info', async () => {
  // A function replacement: `$'` in a replacement string means something to String.replace.
  const patterned = (pattern: string) => requestApi(pet.replace('tag: { type: string }', () => `tag: { type: string${pattern} }`));
  expectChange(await diffTexts(patterned(''), patterned(", pattern: '^[a-z]+$'")), {
    id: 'request-property-pattern-added',
    severity: 'breaking',
  });
  expectChange(await diffTexts(patterned(", pattern: '^[a-z]+$'"), patterned(", pattern: '^[a-z]{2}$'")), {
    id: 'request-property-pattern-changed',
    severity: 'warning',
  });
  expectChange(await diffTexts(patterned(", pattern: '^[a-z]+$'"), patterned('')), {
    id: 'request-property-pattern-removed',
    severity: 'info',
  });
});

test('tightened request bounds are breaking: minimum raised, maxLength lowered, minItems set', async () => {
  const bounded = (extra: string) =>
    requestApi(
      pet.replace(
        'tag: { type: string }',
        `count: { type: integer${extra} }\n  list: { type: array, items: { type: string }${extra.includes('minItems') ? ', minItems: 1' : ''} }`,
      ),
    );
  const before = bounded(', minimum: 1');
  const after = bounded(', minimum: 5');
  expectChange(await diffTexts(before, after), {
    id: 'request-property-min-increased',
    severity: 'breaking',
    oldLine: lineOf(before, 'minimum'),
    newLine: lineOf(after, 'minimum'),
  });
  expectChange(await diffTexts(after, before), { id: 'request-property-min-decreased', severity: 'info' });
  expectChange(await diffTexts(bounded(''), bounded(', minimum: 0, minItems: 0')), {
    id: 'request-property-min-set',
    severity: 'breaking',
  });
  const named = (max: string) => requestApi(pet.replace('name: { type: string }', `name: { type: string${max} }`));
  expectChange(await diffTexts(named(', maxLength: 50'), named(', maxLength: 20')), {
    id: 'request-property-max-length-decreased',
    severity: 'breaking',
  });
  expectChange(await diffTexts(named(''), named(', maxLength: 20')), { id: 'request-property-max-length-set', severity: 'breaking' });
});

test('3.0 boolean exclusiveMaximum and 3.1 numeric exclusiveMaximum are one bound', async () => {
  const v30 = requestApi(pet.replace('tag: { type: string }', 'size: { type: number, maximum: 10, exclusiveMaximum: true }'));
  const v31 = requestApi(pet.replace('tag: { type: string }', 'size: { type: number, exclusiveMaximum: 10 }'), '3.1.0');
  assert.deepEqual(await diffTexts(v30, v31), []);
  const inclusive = requestApi(pet.replace('tag: { type: string }', 'size: { type: number, maximum: 10 }'));
  expectChange(await diffTexts(inclusive, v30), {
    id: 'request-property-max-decreased',
    severity: 'breaking',
    message: /from 10 to 10 \(exclusive\)/,
  });
});

test('a removed request property is a warning, and breaking when other properties are refused', async () => {
  expectChange(await diffTexts(requestApi(pet), requestApi(pet.replace('  tag: { type: string }\n', ''))), {
    id: 'request-property-removed',
    severity: 'warning',
  });
  const closed = `${pet}additionalProperties: false\n`;
  expectChange(await diffTexts(requestApi(closed), requestApi(closed.replace('  tag: { type: string }\n', ''))), {
    id: 'request-property-removed',
    severity: 'breaking',
  });
});

test('forbidding undeclared request properties is breaking', async () => {
  const before = requestApi(pet);
  const after = requestApi(`${pet}additionalProperties: false\n`);
  expectChange(await diffTexts(before, after), {
    id: 'request-body-additional-properties-forbidden',
    severity: 'breaking',
    oldLine: lineOf(before, 'Thing:'),
    newLine: lineOf(after, 'additionalProperties'),
  });
});

test('a widened request type (integer -> number) is info', async () => {
  const typed = (type: string) => requestApi(pet.replace('tag: { type: string }', `size: { type: ${type} }`));
  expectChange(await diffTexts(typed('integer'), typed('number')), { id: 'request-property-type-changed', severity: 'info' });
  expectChange(await diffTexts(typed('number'), typed('integer')), { id: 'request-property-type-changed', severity: 'breaking' });
});

// Composition and references.

test('moving properties into allOf with a shared base is not a change', async () => {
  const split = `allOf:
  - $ref: '#/components/schemas/Base'
  - type: object
    required: [name]
    properties:
      name: { type: string }
      tag: { type: string }
`;
  const base = `Base:\n  type: object\n  required: [id]\n  properties:\n    id: { type: string }\n`;
  assert.deepEqual(await diffTexts(responseApi(pet), responseApi(split, '3.0.3', base)), []);
  const changes = await diffTexts(
    responseApi(split, '3.0.3', base),
    responseApi(split, '3.0.3', base.replace('    id: { type: string }\n', '    uid: { type: integer }\n')),
  );
  expectChange(changes, { id: 'response-property-removed', severity: 'breaking', message: /`id` was removed/ });
});

test('a oneOf alternative added to a response is breaking; removed from a request is breaking', async () => {
  const extra = `Cat: { type: object, properties: { meow: { type: boolean } } }\nDog: { type: object, properties: { bark: { type: boolean } } }\n`;
  const one = "oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }]\n";
  const two = "oneOf: [{ $ref: '#/components/schemas/Cat' }]\n";
  const cat = "oneOf:\n  - $ref: '#/components/schemas/Cat'\n  - $ref: '#/components/schemas/Dog'\n  - { type: string }\n";
  expectChange(await diffTexts(responseApi(one, '3.0.3', extra), responseApi(cat, '3.0.3', extra)), {
    id: 'response-body-one-of-added',
    severity: 'breaking',
  });
  expectChange(await diffTexts(requestApi(one, '3.0.3', extra), requestApi(two, '3.0.3', extra)), {
    id: 'request-body-one-of-removed',
    severity: 'breaking',
    message: /alternative `Dog`/,
  });
});

test('recursive schemas end, and a change inside the recursion is reported once', async () => {
  const node = `type: object
properties:
  name: { type: string }
  children:
    type: array
    items: { $ref: '#/components/schemas/Thing' }
  parent: { $ref: '#/components/schemas/Thing' }
`;
  assert.deepEqual(await diffTexts(responseApi(node), responseApi(node)), []);
  const changes = await diffTexts(responseApi(node), responseApi(node.replace('name: { type: string }', 'name: { type: integer }')));
  expectIds(changes, ['response-property-type-changed']);
});

test('cycles through allOf wrappers end too', async () => {
  const wrapped = `type: object
properties:
  name: { type: string }
  next:
    allOf: [{ $ref: '#/components/schemas/Thing' }]
    description: the next one
`;
  assert.deepEqual(await diffTexts(responseApi(wrapped), responseApi(wrapped)), []);
  expectIds(await diffTexts(responseApi(wrapped), responseApi(wrapped.replace('  name: { type: string }\n', ''))), ['response-property-removed']);
});

test('odd shapes are skipped, never thrown on', async () => {
  const odd = (schema: string) =>
    api(`/things:
  get:
    parameters: not-a-list
    responses:
      '200':
        description: ok
        headers: [1, 2]
        content:
          application/json:
            schema: ${schema}
`);
  for (const [before, after] of [
    ['"a string"', '{ properties: [1, 2], required: yes, type: 7 }'],
    ['{ enum: 3, allOf: {}, oneOf: [null, 3], items: [1] }', '{ type: [], maximum: "x", properties: { a: null } }'],
    ['{ allOf: [{ $ref: "#/paths" }] }', '{ additionalProperties: 3, anyOf: [] }'],
  ] as const) {
    await diffTexts(odd(before), odd(after));
    await diffTexts(odd(after), odd(before));
  }
});
