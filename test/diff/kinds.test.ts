/**
 * The schema kinds not covered one by one in schemas.test.ts, each run on a
 * request body and on a response body: the same edit, judged in both directions.
 */
import { test } from 'node:test';
import type { SchemaKind, Severity } from '../../src/diff/index.js';
import { diffTexts, expectChange, lineOf, requestApi, responseApi } from './helpers.js';

interface Row {
  kind: SchemaKind;
  before: string;
  after: string;
  request: Severity;
  response: Severity;
}

const rows: Row[] = [
  { kind: 'enum-removed', before: '{ type: string, enum: [a, b] }', after: '{ type: string }', request: 'info', response: 'warning' },
  {
    kind: 'multiple-of-changed',
    before: '{ type: integer, multipleOf: 5 }',
    after: '{ type: integer, multipleOf: 10 }',
    request: 'breaking',
    response: 'info',
  },
  {
    kind: 'multiple-of-changed',
    before: '{ type: integer, multipleOf: 10 }',
    after: '{ type: integer, multipleOf: 5 }',
    request: 'info',
    response: 'breaking',
  },
  {
    kind: 'multiple-of-changed',
    before: '{ type: integer, multipleOf: 4 }',
    after: '{ type: integer, multipleOf: 6 }',
    request: 'breaking',
    response: 'breaking',
  },
  {
    kind: 'unique-items-set',
    before: '{ type: array, items: { type: string } }',
    after: '{ type: array, items: { type: string }, uniqueItems: true }',
    request: 'breaking',
    response: 'info',
  },
  {
    kind: 'unique-items-removed',
    before: '{ type: array, items: { type: string }, uniqueItems: true }',
    after: '{ type: array, items: { type: string } }',
    request: 'info',
    response: 'breaking',
  },
  {
    kind: 'additional-properties-allowed',
    before: '{ type: object, additionalProperties: false }',
    after: '{ type: object }',
    request: 'info',
    response: 'warning',
  },
  {
    kind: 'additional-properties-forbidden',
    before: '{ type: object, additionalProperties: { type: string } }',
    after: '{ type: object, additionalProperties: false }',
    request: 'breaking',
    response: 'info',
  },
  {
    kind: 'any-of-added',
    before: '{ anyOf: [{ type: string }, { type: integer }] }',
    after: '{ anyOf: [{ type: string }, { type: integer }, { type: boolean }] }',
    request: 'info',
    response: 'breaking',
  },
  {
    kind: 'any-of-removed',
    before: '{ anyOf: [{ type: string }, { type: integer }, { type: boolean }] }',
    after: '{ anyOf: [{ type: string }, { type: integer }] }',
    request: 'breaking',
    response: 'info',
  },
  { kind: 'became-enum', before: '{ type: string }', after: '{ type: string, enum: [fixed] }', request: 'breaking', response: 'info' },
  { kind: 'const-added', before: '{ type: string }', after: '{ type: string, const: fixed }', request: 'breaking', response: 'info' },
  { kind: 'const-changed', before: '{ type: string, const: a }', after: '{ type: string, const: b }', request: 'breaking', response: 'breaking' },
  { kind: 'const-removed', before: '{ type: string, const: a }', after: '{ type: string }', request: 'info', response: 'breaking' },
];

const bounds: Array<[string, string, string]> = [
  ['max', 'maximum', 'number'],
  ['min', 'minimum', 'number'],
  ['max-length', 'maxLength', 'string'],
  ['min-length', 'minLength', 'string'],
  ['max-items', 'maxItems', 'array, items: { type: string }'],
  ['min-items', 'minItems', 'array, items: { type: string }'],
  ['max-properties', 'maxProperties', 'object'],
  ['min-properties', 'minProperties', 'object'],
];
for (const [name, keyword, type] of bounds) {
  const none = `{ type: ${type} }`;
  const at = (value: number) => `{ type: ${type}, ${keyword}: ${value} }`;
  const upper = name.startsWith('max');
  const tighten = { request: 'breaking', response: 'info' } as const;
  const loosen = { request: 'info', response: 'breaking' } as const;
  rows.push(
    { kind: `${name}-set` as SchemaKind, before: none, after: at(5), ...tighten },
    { kind: `${name}-removed` as SchemaKind, before: at(5), after: none, ...loosen },
    { kind: `${name}-decreased` as SchemaKind, before: at(10), after: at(5), ...(upper ? tighten : loosen) },
    { kind: `${name}-increased` as SchemaKind, before: at(5), after: at(10), ...(upper ? loosen : tighten) },
  );
}

const thing = (value: string) => `type: object\nproperties:\n  value: ${value}\n`;

for (const row of rows) {
  test(`${row.kind}: ${row.before} -> ${row.after} is ${row.request} in a request, ${row.response} in a response`, async () => {
    for (const direction of ['request', 'response'] as const) {
      const build = direction === 'request' ? requestApi : responseApi;
      const before = build(thing(row.before));
      const after = build(thing(row.after));
      expectChange(await diffTexts(before, after), {
        id: `${direction}-property-${row.kind}`,
        severity: row[direction],
        oldLine: lineOf(before, 'value:'),
        newLine: lineOf(after, 'value:'),
      });
    }
  });
}
