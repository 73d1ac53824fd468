import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';
import { openapi } from '../../openapi-document.js';

const rule = 'error-no-internals';

const document = (properties: string): string =>
  openapi(`paths:
  /courses:
    get:
      responses:
        '200':
          description: ok
          content: { application/json: { schema: { type: object, properties: { Sql: { type: string } } } } }
        '500':
          description: broken
          content: { application/problem+json: { schema: { $ref: '#/components/schemas/Problem' } } }
components:
  schemas:
    Problem:
      type: object
      properties:
        title: { type: string }
        TraceId: { type: string }
${properties}`);

describe(rule, () => {
  it('passes error bodies without internals (success bodies are not checked)', async () => {
    assert.deepEqual(await lintWith(rule, document('')), []);
  });

  it('reports stack traces, exceptions, SQL and debug fields, nested ones too, once', async () => {
    const yaml = document(`        stackTrace: { type: string }
        Inner:
          type: object
          properties: { InnerException: { type: string }, sql_state: { type: string }, DebugInfo: { type: object } }
`);
    assert.deepEqual(summary(await lintWith(rule, yaml)), [
      [rule, 'warning', 20],
      [rule, 'warning', 23],
      [rule, 'warning', 23],
      [rule, 'warning', 23],
    ]);
  });
});
