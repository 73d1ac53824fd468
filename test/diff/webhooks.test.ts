/**
 * Webhooks and callbacks (webhooks.ts): requests the API sends to its clients.
 * Removing one is breaking; their operations are compared with the roles
 * reversed, since the client receives the request and sends the answer.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bothWays, diffTexts, expectChange, idsAndSeverities, lineOf } from './helpers.js';

const empty = "openapi: 3.1.0\ninfo: { title: T, version: '1' }\npaths: {}\n";
const hook = (body: string, required = '') => `openapi: 3.1.0
info: { title: T, version: '1' }
paths: {}
webhooks:
  newPet:
    post:
      requestBody:
${required}        content:
          application/json:
            schema: ${body}
      responses:
        '200': { description: received }
`;
const pet = '{ type: object, required: [id], properties: { id: { type: string }, tag: { type: string } } }';

test('a webhook removed is breaking, located at its operation and at `webhooks` (the document when it has none); one added is info', async () => {
  const before = hook(pet);
  expectChange(await diffTexts(before, empty), {
    id: 'webhook-removed',
    severity: 'breaking',
    oldLine: lineOf(before, 'post:'),
    newLine: 1,
    message: /^webhook `newPet` POST: the webhook was removed: subscribers waiting for it get nothing/,
  });
  assert.deepEqual(idsAndSeverities(await diffTexts(empty, before)), ['webhook-added info']);
});

test("a webhook's body is what clients receive: a property removed or the body made optional breaks them; made required does not", async () => {
  assert.deepEqual(await bothWays(hook(pet), hook(pet.replace(', tag: { type: string }', ''))), {
    forward: ['request-property-removed breaking'],
    backward: ['request-property-added info'],
  });
  assert.deepEqual(await bothWays(hook(pet), hook(pet, '        required: true\n')), {
    forward: ['request-body-became-required info'],
    backward: ['request-body-became-optional breaking'],
  });
  assert.deepEqual(await bothWays(hook('{ type: string, enum: [a] }'), hook('{ type: string, enum: [a, b] }')), {
    forward: ['request-body-enum-value-added warning'],
    backward: ['request-body-enum-value-removed info'],
  });
});

test("a webhook's answer is what clients send: a status it may answer with that is gone breaks them", async () => {
  const answered = hook(pet).replace(
    "        '200': { description: received }\n",
    "        '200': { description: received }\n        '204': { description: ignored }\n",
  );
  assert.deepEqual(await bothWays(answered, hook(pet)), {
    forward: ['response-success-status-removed breaking'],
    backward: ['response-success-status-added info'],
  });
});

const callback = (schema: string, callbacks = true) => `openapi: 3.0.3
info: { title: T, version: '1' }
paths:
  /subscriptions:
    post:
      responses:
        '201': { description: subscribed }
${
  callbacks
    ? `      callbacks:
        onEvent:
          '{$request.body#/url}':
            post:
              requestBody:
                content:
                  application/json:
                    schema: ${schema}
              responses:
                '200': { description: received }
`
    : ''
}`;

test('a callback removed is breaking, added info; its body is judged as what clients receive (oasdiff does not compare callbacks)', async () => {
  const before = callback(pet);
  expectChange(await diffTexts(before, callback(pet, false)), {
    id: 'callback-removed',
    severity: 'breaking',
    oldLine: lineOf(before, '            post:'),
    message: /^POST \/subscriptions callback `onEvent` POST \{\$request\.body#\/url\}: the callback was removed/,
  });
  assert.deepEqual(idsAndSeverities(await diffTexts(callback(pet, false), before)), ['callback-added info']);
  assert.deepEqual(await bothWays(before, callback(pet.replace('{ id: { type: string }', '{ id: { type: integer }'))), {
    forward: ['request-property-type-changed breaking'],
    backward: ['request-property-type-changed breaking'],
  });
  assert.deepEqual(await bothWays(before, callback(pet.replace(', tag: { type: string }', ''))), {
    forward: ['request-property-removed breaking'],
    backward: ['request-property-added info'],
  });
});
