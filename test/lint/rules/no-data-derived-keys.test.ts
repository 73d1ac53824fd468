import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';
import { openapi } from '../../openapi-document.js';

const rule = 'no-data-derived-keys';

describe(rule, () => {
  it('passes objects with declared properties, closed or open', async () => {
    const yaml = openapi(`paths: {}
components:
  schemas:
    Course:
      type: object
      properties: { Title: { type: string } }
      additionalProperties: false
    Extensible:
      type: object
      properties: { Title: { type: string } }
      additionalProperties: { type: string }
    Free: { type: object, additionalProperties: true }
`);
    assert.deepEqual(await lintWith(rule, yaml), []);
  });

  it('reports maps keyed by data', async () => {
    const yaml = openapi(`paths: {}
components:
  schemas:
    NamesByLanguage:
      type: object
      additionalProperties: { type: string }
    ScoresById:
      type: object
      patternProperties: { '^[0-9]+$': { type: integer } }
`);
    assert.deepEqual(summary(await lintWith(rule, yaml)), [
      [rule, 'warning', 8],
      [rule, 'warning', 11],
    ]);
  });
});
