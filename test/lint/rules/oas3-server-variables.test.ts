import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';

const rule = 'oas3-server-variables';
const yaml = (server: string) => `openapi: 3.1.0\ninfo: { title: T, version: 1.0.0 }\nservers:\n  - ${server}\npaths: {}\n`;

describe(rule, () => {
  it('passes declared, used variables whose default is in the enum', async () => {
    assert.deepEqual(await lintWith(rule, yaml("{ url: 'https://{env}.api.gov.uk', variables: { env: { default: live, enum: [live, test] } } }")), []);
  });

  it('reports an undeclared variable, an unused one, an empty enum and a default outside the enum', async () => {
    const findings = await lintWith(
      rule,
      yaml("{ url: 'https://{env}.api.gov.uk/{base}', variables: { base: { default: v1, enum: [] }, region: { default: uk, enum: [eu] } } }"),
    );
    assert.deepEqual(
      summary(findings).map(([id, severity]) => [id, severity]),
      Array(4).fill([rule, 'error']),
    );
    assert.deepEqual(findings.map((f) => f.message).sort(), [
      'server URL variable {env} is not declared under variables',
      'server variable base has an empty enum',
      'server variable region is not used in the URL https://{env}.api.gov.uk/{base}',
      'server variable region: default "uk" is not one of its enum values',
    ]);
  });
});
