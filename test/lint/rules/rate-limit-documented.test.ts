import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';

const rule = 'rate-limit-documented';

const document = (audience: string, tooMany: string): string => `openapi: 3.1.0
info: { title: T, version: 1.0.0, x-audience: ${audience} }
paths:
  /courses:
    get:
      responses:
        '200': { description: ok }
${tooMany}components:
  responses:
    TooMany:
      description: slow down
      headers: { Retry-After: { schema: { type: integer, format: int32 } } }
    NoRetry: { description: slow down }
`;

describe(rule, () => {
  it('passes an external API that documents 429 with Retry-After', async () => {
    assert.deepEqual(await lintWith(rule, document('external', "        '429': { $ref: '#/components/responses/TooMany' }\n")), []);
  });

  it('does not apply to internal APIs', async () => {
    assert.deepEqual(await lintWith(rule, document('internal', '')), []);
  });

  it('reports a missing 429, and a 429 without Retry-After', async () => {
    assert.deepEqual(summary(await lintWith(rule, document('external', ''))), [[rule, 'warning', 6]]);
    assert.deepEqual(summary(await lintWith(rule, document('external', "        '429': { $ref: '#/components/responses/NoRetry' }\n"))), [
      [rule, 'warning', 14],
    ]);
  });
});
