/**
 * Composition (schema-composition.ts) and the values family it meets
 * (schema-values.ts): discriminators, allOf members, a schema wrapped in (or
 * unwrapped from) a oneOf, a type turned into a list of types, const,
 * x-extensible-enum and default values. Each edit on a request body and on a
 * response body, both ways.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bothWays, diffTexts, expectChange, requestApi, responseApi } from './helpers.js';

const animals = `Cat: { type: object, required: [kind], properties: { kind: { type: string, enum: [cat] }, meow: { type: boolean } } }
Dog: { type: object, required: [kind], properties: { kind: { type: string, enum: [dog] }, bark: { type: boolean } } }
Robot: { type: object, required: [model], properties: { model: { type: string } } }
`;
const oneOf = (discriminator: string) => `oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }]\n${discriminator}`;

interface Row {
  name: string;
  before: string;
  after: string;
  request: [string[], string[]];
  response: [string[], string[]];
  version?: string;
}

const rows: Row[] = [
  {
    name: 'a discriminator is added',
    before: oneOf(''),
    after: oneOf('discriminator: { propertyName: kind }\n'),
    request: [['body-discriminator-added warning'], ['body-discriminator-removed info']],
    response: [['body-discriminator-added info'], ['body-discriminator-removed warning']],
  },
  {
    name: "the discriminator's property changes",
    before: oneOf('discriminator: { propertyName: kind }\n'),
    after: oneOf('discriminator: { propertyName: type }\n'),
    request: [['body-discriminator-property-name-changed breaking'], ['body-discriminator-property-name-changed breaking']],
    response: [['body-discriminator-property-name-changed breaking'], ['body-discriminator-property-name-changed breaking']],
  },
  {
    name: 'a discriminator mapping value is removed',
    before: oneOf("discriminator:\n  propertyName: kind\n  mapping: { cat: '#/components/schemas/Cat', dog: '#/components/schemas/Dog' }\n"),
    after: oneOf("discriminator:\n  propertyName: kind\n  mapping: { cat: '#/components/schemas/Cat' }\n"),
    request: [['body-discriminator-mapping-deleted breaking'], ['body-discriminator-mapping-added info']],
    response: [['body-discriminator-mapping-deleted info'], ['body-discriminator-mapping-added warning']],
  },
  {
    name: 'a discriminator value names another schema',
    before: oneOf("discriminator:\n  propertyName: kind\n  mapping: { cat: '#/components/schemas/Cat' }\n"),
    after: oneOf("discriminator:\n  propertyName: kind\n  mapping: { cat: '#/components/schemas/Dog' }\n"),
    request: [['body-discriminator-mapping-changed breaking'], ['body-discriminator-mapping-changed breaking']],
    response: [['body-discriminator-mapping-changed breaking'], ['body-discriminator-mapping-changed breaking']],
  },
  {
    name: 'an allOf member with a required property is added',
    before: "allOf: [{ $ref: '#/components/schemas/Cat' }]\n",
    after: "allOf: [{ $ref: '#/components/schemas/Cat' }, { type: object, required: [name], properties: { name: { type: string } } }]\n",
    request: [
      ['body-all-of-added breaking', 'property-added-required breaking'],
      ['body-all-of-removed info', 'property-removed warning'],
    ],
    response: [
      ['body-all-of-added info', 'property-added info'],
      ['body-all-of-removed breaking', 'property-removed breaking'],
    ],
  },
  {
    name: 'properties moved into allOf members (nothing else changed)',
    before: 'type: object\nproperties: { a: { type: string }, b: { type: string } }\n',
    after: 'allOf: [{ type: object, properties: { a: { type: string } } }, { type: object, properties: { b: { type: string } } }]\n',
    request: [[], []],
    response: [[], []],
  },
  {
    name: 'a schema is wrapped into a oneOf with an overlapping alternative',
    before: "$ref: '#/components/schemas/Cat'\n",
    after: "oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Robot' }]\n",
    request: [['body-wrapped-in-one-of breaking'], ['body-one-of-removed breaking']],
    response: [['body-wrapped-in-one-of breaking'], ['body-one-of-removed info']],
  },
  {
    name: 'a schema is wrapped into a oneOf with a disjoint alternative',
    before: "$ref: '#/components/schemas/Cat'\n",
    after: "oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }]\n",
    request: [['body-wrapped-in-one-of info'], ['body-one-of-removed breaking']],
    response: [['body-wrapped-in-one-of breaking'], ['body-one-of-removed info']],
  },
  {
    name: 'a type becomes a oneOf of types',
    before: 'type: object\nproperties: { a: { type: string } }\n',
    after: 'type: object\nproperties: { a: { oneOf: [{ type: string }, { type: integer }] } }\n',
    request: [['property-list-of-types-widened info'], ['property-list-of-types-narrowed breaking']],
    response: [['property-list-of-types-widened breaking'], ['property-list-of-types-narrowed info']],
  },
  {
    name: 'a 3.1 list of types gains a type',
    before: 'type: object\nproperties: { a: { type: [string, integer] } }\n',
    after: 'type: object\nproperties: { a: { type: [string, integer, boolean] } }\n',
    request: [['property-list-of-types-widened info'], ['property-list-of-types-narrowed breaking']],
    response: [['property-list-of-types-widened breaking'], ['property-list-of-types-narrowed info']],
    version: '3.1.0',
  },
  {
    name: 'const changes',
    before: 'type: string\nconst: a\n',
    after: 'type: string\nconst: b\n',
    request: [['body-const-changed breaking'], ['body-const-changed breaking']],
    response: [['body-const-changed breaking'], ['body-const-changed breaking']],
  },
  {
    name: 'an x-extensible-enum value is removed',
    before: 'type: string\nx-extensible-enum: [a, b]\n',
    after: 'type: string\nx-extensible-enum: [a]\n',
    request: [['body-x-extensible-enum-value-removed breaking'], ['body-x-extensible-enum-value-added info']],
    response: [['body-x-extensible-enum-value-removed info'], ['body-x-extensible-enum-value-added info']],
  },
  {
    name: 'a default value changes',
    before: 'type: object\nproperties: { size: { type: integer, default: 10 } }\n',
    after: 'type: object\nproperties: { size: { type: integer, default: 20 } }\n',
    request: [['property-default-value-changed breaking'], ['property-default-value-changed breaking']],
    response: [['property-default-value-changed info'], ['property-default-value-changed info']],
  },
  {
    name: 'a default value is removed',
    before: 'type: object\nproperties: { size: { type: integer, default: 10 } }\n',
    after: 'type: object\nproperties: { size: { type: integer } }\n',
    request: [['property-default-value-removed breaking'], ['property-default-value-added warning']],
    response: [['property-default-value-removed info'], ['property-default-value-added info']],
  },
  {
    name: 'a property becomes readOnly',
    before: 'type: object\nproperties: { id: { type: string } }\n',
    after: 'type: object\nproperties: { id: { type: string, readOnly: true } }\n',
    request: [['property-became-read-only warning'], ['property-became-non-read-only info']],
    response: [['property-became-read-only info'], ['property-became-non-read-only info']],
  },
  {
    name: 'a required property becomes writeOnly',
    before: 'type: object\nrequired: [secret]\nproperties: { secret: { type: string } }\n',
    after: 'type: object\nrequired: [secret]\nproperties: { secret: { type: string, writeOnly: true } }\n',
    request: [['property-became-write-only info'], ['property-became-non-write-only info']],
    response: [['property-became-write-only breaking'], ['property-became-non-write-only warning']],
  },
  {
    name: 'a required property is no longer readOnly',
    before: 'type: object\nrequired: [id]\nproperties: { id: { type: string, readOnly: true } }\n',
    after: 'type: object\nrequired: [id]\nproperties: { id: { type: string } }\n',
    request: [['property-became-non-read-only breaking'], ['property-became-read-only warning']],
    response: [['property-became-non-read-only info'], ['property-became-read-only info']],
  },
];

for (const row of rows) {
  test(`${row.name}: request ${row.request[0].join(', ') || 'nothing'}; response ${row.response[0].join(', ') || 'nothing'} (and back)`, async () => {
    for (const [build, direction] of [
      [requestApi, 'request'],
      [responseApi, 'response'],
    ] as const) {
      const { forward, backward } = await bothWays(build(row.before, row.version ?? '3.0.3', animals), build(row.after, row.version ?? '3.0.3', animals));
      const prefixed = (lines: string[]) => lines.map((line) => `${direction}-${line}`).sort();
      assert.deepEqual(forward, prefixed(row[direction][0]), `${direction} forward`);
      assert.deepEqual(backward, prefixed(row[direction][1]), `${direction} backward`);
    }
  });
}

test('a request default changed names both values and says what unchanged requests now get', async () => {
  const before = requestApi('type: object\nproperties: { size: { type: integer, default: 10 } }\n');
  const after = requestApi('type: object\nproperties: { size: { type: integer, default: 20 } }\n');
  expectChange(await diffTexts(before, after), {
    id: 'request-property-default-value-changed',
    severity: 'breaking',
    message: /request property `size` changed default from `10` to `20`: requests without it are handled differently/,
  });
});
