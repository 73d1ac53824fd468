import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';

const rule = 'no-unsatisfiable-schemas';
const header = 'openapi: 3.0.3\ninfo: { title: T, version: 1.0.0 }\npaths: {}\ncomponents:\n  schemas:\n';

describe(rule, () => {
  it('passes schemas that values can satisfy, nullable ones with impossible limits included', async () => {
    const yaml = `${header}    Id: { type: string, pattern: '^[0-9a-f]{8}$', maxLength: 8 }
    Odd: { type: string, nullable: true, minLength: 5, maxLength: 2 }
    NewBook: { type: object, additionalProperties: false, properties: { Title: { type: string } } }
    Book:
      allOf:
        - $ref: '#/components/schemas/NewBook'
        - { type: object, properties: { Title: { type: string } }, required: [Title] }
`;
    assert.deepEqual(await lintWith(rule, yaml), []);
  });

  it('reports an allOf whose member forbids a property another member requires (issue 14)', async () => {
    const yaml = `${header}    NewBook: { type: object, additionalProperties: false, properties: { Title: { type: string } } }
    Book:
      allOf:
        - $ref: '#/components/schemas/NewBook'
        - { type: object, properties: { Id: { type: integer } }, required: [Id] }
`;
    const findings = await lintWith(rule, yaml);
    assert.deepEqual(summary(findings), [[rule, 'error', 7]]);
    assert.match(
      findings[0]!.message,
      /no value can satisfy this schema: requires property 'Id', but an allOf member allows only its own properties \(additionalProperties: false\)/,
    );
  });

  it('reports an allOf member that forbids a property another member declares, at the member', async () => {
    const yaml = `${header}    NewBook: { type: object, additionalProperties: false, properties: { Title: { type: string } } }
    Book:
      allOf:
        - $ref: '#/components/schemas/NewBook'
        - { type: object, properties: { Id: { type: integer } } }
`;
    const findings = await lintWith(rule, yaml);
    assert.deepEqual(summary(findings), [[rule, 'error', 9]]);
    assert.equal(findings[0]!.pointer, '/components/schemas/Book/allOf/0');
  });

  it('reports limits that contradict, a pattern longer than maxLength, forbidden required properties and types in conflict', async () => {
    const yaml = `${header}    Range: { type: integer, minimum: 10, maximum: 1 }
    Code: { type: string, pattern: '^[A-Z]{4}-[0-9]{4}$', maxLength: 6 }
    Closed: { type: object, additionalProperties: false, properties: { A: { type: string } }, required: [B] }
    Value:
      type: object
      required: [Amount]
      properties: { Amount: { type: string, enum: [null] } }
      oneOf:
        - { properties: { Amount: { type: integer } } }
        - { properties: { Amount: { type: boolean } } }
    Mixed: { type: string, allOf: [{ type: integer }] }
`;
    const findings = await lintWith(rule, yaml);
    assert.deepEqual(summary(findings), [
      [rule, 'error', 6],
      [rule, 'error', 7],
      [rule, 'error', 8],
      [rule, 'error', 9],
      [rule, 'error', 16],
    ]);
    assert.match(findings[0]!.message, /minimum 10 is above maximum 1/);
    assert.match(findings[1]!.message, /matches only strings of 9 characters or more, but maxLength is 6/);
    assert.match(findings[2]!.message, /requires property 'B' but additionalProperties is false/);
    assert.match(findings[3]!.message, /no branch of oneOf can be met/);
    assert.match(findings[4]!.message, /type string and an allOf member's type integer have no value in common/);
  });
});
