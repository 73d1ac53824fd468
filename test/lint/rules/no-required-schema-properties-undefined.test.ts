import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';

const rule = 'no-required-schema-properties-undefined';
const header = 'openapi: 3.1.0\ninfo: { title: T, version: 1.0.0 }\npaths: {}\ncomponents:\n  schemas:\n';

describe(rule, () => {
  it('passes names declared here, through allOf, or by the parent of a oneOf branch', async () => {
    const yaml = `${header}    Base: { type: object, properties: { Id: { type: string } } }
    Course:
      allOf:
        - $ref: '#/components/schemas/Base'
        - { type: object, properties: { Title: { type: string } }, required: [Id, Title] }
    Contact:
      type: object
      properties: { Email: { type: string }, Phone: { type: string } }
      oneOf: [{ required: [Email] }, { required: [Phone] }]
`;
    assert.deepEqual(await lintWith(rule, yaml), []);
  });

  it('reports a required name no property has', async () => {
    const findings = await lintWith(rule, `${header}    Course: { type: object, properties: { ID: { type: string } }, required: [Id] }\n`);
    assert.deepEqual(summary(findings), [[rule, 'warning', 6]]);
    assert.equal(findings[0]!.message, 'required property Id is not declared');
  });
});
