import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';
import { openapi } from '../../openapi-document.js';

const rule = 'paging-mandatory-400';

const collection = (extra: string): string =>
  openapi(`paths:
  /courses:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { type: object, properties: { Courses: { type: array, items: { type: object } } } }
${extra}`);

describe(rule, () => {
  it('passes a collection GET that documents 400', async () => {
    assert.deepEqual(await lintWith(rule, collection("        '400': { description: paging is mandatory }\n")), []);
  });

  it('reports a collection GET without 400, as info, at its responses', async () => {
    assert.deepEqual(summary(await lintWith(rule, collection(''))), [[rule, 'info', 6]]);
  });

  it('does not apply to offset or cursor paging', async () => {
    const profile = { propertyCasing: 'pascal' as const, paging: 'cursor' as const, errorShape: 'problem' as const, versioning: 'path' as const };
    assert.deepEqual(await lintWith(rule, collection(''), { profile }), []);
  });
});
