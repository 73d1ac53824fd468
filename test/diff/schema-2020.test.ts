/**
 * The JSON Schema 2020-12 keywords of OpenAPI 3.1 (schema-2020.ts, and the
 * contains bounds in schema-constraints.ts): each edit on a request body and on
 * a response body, both ways, with the ids and severities expected.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bothWays, diffTexts, expectChange, lineOf, requestApi, responseApi } from './helpers.js';

interface Row {
  name: string;
  before: string;
  after: string;
  /** `kind severity` lines, as request body / response body, forward and backward. */
  request: [string[], string[]];
  response: [string[], string[]];
  /** The subject is a property (`(prefixItems[0])`) rather than the body itself. */
  nested?: true;
}

const rows: Row[] = [
  {
    name: 'prefixItems gains a position',
    before: 'type: array\nprefixItems: [{ type: string }]\n',
    after: 'type: array\nprefixItems: [{ type: string }, { type: integer }]\n',
    request: [['prefix-items-added info'], ['prefix-items-removed breaking']],
    response: [['prefix-items-added breaking'], ['prefix-items-removed info']],
  },
  {
    name: 'a prefixItems schema narrows',
    before: 'type: array\nprefixItems: [{ type: number }]\n',
    after: 'type: array\nprefixItems: [{ type: integer }]\n',
    request: [['type-changed breaking'], ['type-changed info']],
    response: [['type-changed info'], ['type-changed breaking']],
    nested: true,
  },
  {
    name: 'contains is added',
    before: 'type: array\nitems: { type: string }\n',
    after: 'type: array\nitems: { type: string }\ncontains: { const: admin }\n',
    request: [['contains-added breaking'], ['contains-removed info']],
    response: [['contains-added info'], ['contains-removed breaking']],
  },
  {
    name: 'minContains increases',
    before: 'type: array\ncontains: { const: a }\nminContains: 1\n',
    after: 'type: array\ncontains: { const: a }\nminContains: 2\n',
    request: [['min-contains-increased breaking'], ['min-contains-decreased info']],
    response: [['min-contains-increased info'], ['min-contains-decreased breaking']],
  },
  {
    name: 'maxContains is set',
    before: 'type: array\ncontains: { const: a }\n',
    after: 'type: array\ncontains: { const: a }\nmaxContains: 3\n',
    request: [['max-contains-set breaking'], ['max-contains-removed info']],
    response: [['max-contains-set info'], ['max-contains-removed breaking']],
  },
  {
    name: 'patternProperties gains a pattern',
    before: 'type: object\n',
    after: "type: object\npatternProperties:\n  '^x-': { type: string }\n",
    request: [['pattern-property-added breaking'], ['pattern-property-removed info']],
    response: [['pattern-property-added info'], ['pattern-property-removed breaking']],
  },
  {
    name: 'propertyNames is added',
    before: 'type: object\n',
    after: 'type: object\npropertyNames: { maxLength: 3 }\n',
    request: [['property-names-added breaking'], ['property-names-removed info']],
    response: [['property-names-added info'], ['property-names-removed breaking']],
  },
  {
    name: 'dependentRequired gains an entry',
    before: 'type: object\nproperties: { a: { type: string }, b: { type: string } }\n',
    after: 'type: object\nproperties: { a: { type: string }, b: { type: string } }\ndependentRequired: { a: [b] }\n',
    request: [['dependent-required-added breaking'], ['dependent-required-removed info']],
    response: [['dependent-required-added info'], ['dependent-required-removed breaking']],
  },
  {
    name: 'dependentRequired names other properties',
    before: 'type: object\ndependentRequired: { a: [b] }\n',
    after: 'type: object\ndependentRequired: { a: [c] }\n',
    request: [['dependent-required-changed breaking'], ['dependent-required-changed breaking']],
    response: [['dependent-required-changed breaking'], ['dependent-required-changed breaking']],
  },
  {
    name: 'dependentSchemas gains an entry',
    before: 'type: object\n',
    after: 'type: object\ndependentSchemas: { a: { required: [b] } }\n',
    request: [['dependent-schema-added breaking'], ['dependent-schema-removed info']],
    response: [['dependent-schema-added info'], ['dependent-schema-removed breaking']],
  },
  {
    name: 'if/then are added',
    before: 'type: object\n',
    after: 'type: object\nif: { required: [a] }\nthen: { required: [b] }\n',
    request: [
      ['if-added breaking', 'then-added breaking'],
      ['if-removed info', 'then-removed info'],
    ],
    response: [
      ['if-added info', 'then-added info'],
      ['if-removed breaking', 'then-removed breaking'],
    ],
  },
  {
    name: 'the if condition changes',
    before: 'type: object\nif: { required: [a] }\nthen: { required: [b] }\n',
    after: 'type: object\nif: { required: [c] }\nthen: { required: [b] }\n',
    request: [['if-changed warning'], ['if-changed warning']],
    response: [['if-changed warning'], ['if-changed warning']],
  },
  {
    name: 'else is added',
    before: 'type: object\nif: { required: [a] }\n',
    after: 'type: object\nif: { required: [a] }\nelse: { required: [b] }\n',
    request: [['else-added breaking'], ['else-removed info']],
    response: [['else-added info'], ['else-removed breaking']],
  },
  {
    name: 'unevaluatedProperties: false is added',
    before: 'type: object\nproperties: { a: { type: string } }\n',
    after: 'type: object\nproperties: { a: { type: string } }\nunevaluatedProperties: false\n',
    request: [['unevaluated-properties-added breaking'], ['unevaluated-properties-removed info']],
    response: [['unevaluated-properties-added info'], ['unevaluated-properties-removed breaking']],
  },
  {
    name: 'unevaluatedItems: false is added',
    before: 'type: array\nprefixItems: [{ type: string }]\n',
    after: 'type: array\nprefixItems: [{ type: string }]\nunevaluatedItems: false\n',
    request: [['unevaluated-items-added breaking'], ['unevaluated-items-removed info']],
    response: [['unevaluated-items-added info'], ['unevaluated-items-removed breaking']],
  },
  {
    name: 'contentMediaType and contentEncoding are set',
    before: 'type: string\n',
    after: 'type: string\ncontentMediaType: image/png\ncontentEncoding: base64\n',
    request: [
      ['content-encoding-changed breaking', 'content-media-type-changed breaking'],
      ['content-encoding-changed breaking', 'content-media-type-changed breaking'],
    ],
    response: [
      ['content-encoding-changed breaking', 'content-media-type-changed breaking'],
      ['content-encoding-changed breaking', 'content-media-type-changed breaking'],
    ],
  },
  {
    name: 'contentSchema is added',
    before: 'type: string\ncontentMediaType: application/json\n',
    after: 'type: string\ncontentMediaType: application/json\ncontentSchema: { type: object, required: [a] }\n',
    request: [['content-schema-added breaking'], ['content-schema-removed info']],
    response: [['content-schema-added info'], ['content-schema-removed breaking']],
  },
  {
    name: 'not is added',
    before: 'type: string\n',
    after: 'type: string\nnot: { const: root }\n',
    request: [['not-added breaking'], ['not-removed info']],
    response: [['not-added info'], ['not-removed breaking']],
  },
];

for (const row of rows) {
  test(`${row.name}: request ${row.request[0].join(', ') || 'nothing'}; response ${row.response[0].join(', ') || 'nothing'} (and back)`, async () => {
    for (const [build, direction] of [
      [requestApi, 'request'],
      [responseApi, 'response'],
    ] as const) {
      const { forward, backward } = await bothWays(build(row.before, '3.1.0'), build(row.after, '3.1.0'));
      const prefixed = (lines: string[]) => lines.map((line) => `${direction}-${row.nested ? 'property' : 'body'}-${line}`).sort();
      assert.deepEqual(forward, prefixed(row[direction][0]), `${direction} forward`);
      assert.deepEqual(backward, prefixed(row[direction][1]), `${direction} backward`);
    }
  });
}

test('changes inside subschemas are reported where they are: a property of a contains schema, the items of a patternProperties schema', async () => {
  const before = responseApi("type: object\npatternProperties:\n  '^x-':\n    type: array\n    items: { type: string }\n", '3.1.0');
  const after = responseApi("type: object\npatternProperties:\n  '^x-':\n    type: array\n    items: { type: string, nullable: true }\n", '3.1.0');
  expectChange(await diffTexts(before, after.replace('nullable: true', 'format: uri')), {
    id: 'response-property-format-changed',
    severity: 'info',
    message: /response property `\(patternProperties \^x-\)\[\]` gained format `uri`/,
    newLine: lineOf(after, 'items:'),
  });
});

test('changes inside `not` count the other way round: excluding one more value narrows a request', async () => {
  const before = requestApi('type: string\nnot: { enum: [a] }\n', '3.1.0');
  const after = requestApi('type: string\nnot: { enum: [a, b] }\n', '3.1.0');
  expectChange(await diffTexts(after, before), { id: 'request-property-enum-value-removed', severity: 'info', message: /`\(not\)` lost enum value `"b"`/ });
  expectChange(await diffTexts(before, after), { id: 'request-property-enum-value-added', severity: 'warning' });
});
