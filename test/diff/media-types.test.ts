/**
 * Media type names (media-types.ts, media.ts): the same type with other
 * parameters, or replaced by a wildcard that covers it, is generalised or
 * specialised rather than removed and added; a schema that appears or
 * disappears in a kept media type; XML bodies, loosely typed.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bothWays } from './helpers.js';

const document = (request: string, response: string, schema = '{ schema: { type: object } }') => `openapi: 3.0.3
info: { title: T, version: '1' }
paths:
  /things:
    post:
      requestBody:
        content:
          ${request}: ${schema}
      responses:
        '200':
          description: ok
          content:
            ${response}: ${schema}
`;

test('application/json -> application/*: generalised, info for a request (the server takes more), breaking for a response (clients may get another type)', async () => {
  assert.deepEqual(await bothWays(document('application/json', 'application/json'), document("'application/*'", "'application/*'")), {
    forward: ['request-body-media-type-name-generalized info', 'response-media-type-name-generalized breaking'],
    backward: ['request-body-media-type-name-specialized breaking', 'response-media-type-name-specialized info'],
  });
});

test('a parameter dropped generalises, one added specialises, one changed is a warning', async () => {
  assert.deepEqual(
    await bothWays(document("'application/json; charset=utf-8'", "'application/json; charset=utf-8'"), document('application/json', 'application/json')),
    {
      forward: ['request-body-media-type-name-generalized info', 'response-media-type-name-generalized breaking'],
      backward: ['request-body-media-type-name-specialized breaking', 'response-media-type-name-specialized info'],
    },
  );
  assert.deepEqual(
    (await bothWays(document("'text/csv; charset=utf-8'", "'text/csv; charset=utf-8'"), document("'text/csv; charset=latin1'", "'text/csv; charset=latin1'")))
      .forward,
    ['request-body-media-type-name-changed warning', 'response-media-type-name-changed warning'],
  );
});

test('a schema that appears in a kept media type narrows a request; one that disappears widens a response', async () => {
  assert.deepEqual(await bothWays(document('application/json', 'application/json', '{}'), document('application/json', 'application/json')), {
    forward: ['request-body-media-type-schema-added breaking', 'response-body-media-type-schema-added info'],
    backward: ['request-body-media-type-schema-removed info', 'response-body-media-type-schema-removed breaking'],
  });
});

test('a type change in an XML body is a warning: elements are text, how a schema maps onto them is loose', async () => {
  assert.deepEqual(
    await bothWays(document('application/xml', 'application/xml', '{ schema: { type: string } }'), document('application/xml', 'application/xml')),
    {
      forward: ['request-body-type-changed warning', 'response-body-type-changed warning'],
      backward: ['request-body-type-changed warning', 'response-body-type-changed warning'],
    },
  );
  // The same change in JSON is breaking both ways.
  assert.deepEqual(
    (await bothWays(document('application/json', 'application/json', '{ schema: { type: string } }'), document('application/json', 'application/json')))
      .forward,
    ['request-body-type-changed breaking', 'response-body-type-changed breaking'],
  );
});
