import assert from 'node:assert/strict';
import { test } from 'node:test';
import { api, diffTexts, expectChange, expectIds, lineOf } from './helpers.js';

function upload(body: string, produces = 'application/json'): string {
  return api(`/uploads:
  post:
${body}    responses:
      '201':
        description: created
        content:
          ${produces}:
            schema: { type: object }
`);
}

const jsonBody = `    requestBody:
      content:
        application/json:
          schema: { type: object }
        text/csv:
          schema: { type: string }
`;

test('a request media type removed is breaking; one added is info', async () => {
  const before = upload(jsonBody);
  const after = upload(jsonBody.replace(/ {8}text\/csv:\n.*\n/, ''));
  const changes = await diffTexts(before, after);
  expectIds(changes, ['request-body-media-type-removed']);
  expectChange(changes, {
    id: 'request-body-media-type-removed',
    severity: 'breaking',
    oldLine: lineOf(before, 'text/csv'),
    newLine: lineOf(after, 'content:'),
  });
  expectChange(await diffTexts(after, before), {
    id: 'request-body-media-type-added',
    severity: 'info',
    oldLine: lineOf(after, 'content:'),
    newLine: lineOf(before, 'text/csv'),
  });
});

test('a response media type removed is breaking; one added is info', async () => {
  const before = api(`/report:
  get:
    responses:
      '200':
        description: ok
        content:
          application/json: { schema: { type: object } }
          text/csv: { schema: { type: string } }
`);
  const after = before.replace(/.*text\/csv.*\n/, '');
  const changes = await diffTexts(before, after);
  expectIds(changes, ['response-media-type-removed']);
  expectChange(changes, {
    id: 'response-media-type-removed',
    severity: 'breaking',
    oldLine: lineOf(before, 'text/csv'),
    newLine: lineOf(after, 'content:'),
    message: /^GET \/report \(200\): media type `text\/csv` is no longer produced/,
  });
  expectChange(await diffTexts(after, before), { id: 'response-media-type-added', severity: 'info' });
});

test('media types match ignoring case and spaces; a parameter added to a request type specialises it (breaking)', async () => {
  assert.deepEqual(await diffTexts(upload(jsonBody), upload(jsonBody.replace('application/json:', "'Application/JSON ':"), 'Application/JSON')), []);
  expectChange(await diffTexts(upload(jsonBody), upload(jsonBody.replace('application/json:', 'application/json; charset=utf-8:'))), {
    id: 'request-body-media-type-name-specialized',
    severity: 'breaking',
  });
});

test('a required request body added is breaking; an optional one is info', async () => {
  const before = upload('');
  const required = upload(jsonBody.replace('requestBody:\n', 'requestBody:\n      required: true\n'));
  expectChange(await diffTexts(before, required), {
    id: 'request-body-added-required',
    severity: 'breaking',
    oldLine: lineOf(before, 'post:'),
    newLine: lineOf(required, 'requestBody:'),
  });
  expectChange(await diffTexts(before, upload(jsonBody)), { id: 'request-body-added', severity: 'info' });
});

test('a request body made required is breaking; made optional is info', async () => {
  const before = upload(jsonBody);
  const after = upload(jsonBody.replace('requestBody:\n', 'requestBody:\n      required: true\n'));
  expectChange(await diffTexts(before, after), {
    id: 'request-body-became-required',
    severity: 'breaking',
    oldLine: lineOf(before, 'requestBody:'),
    newLine: lineOf(after, 'requestBody:'),
  });
  expectChange(await diffTexts(after, before), { id: 'request-body-became-optional', severity: 'info' });
});

test('a removed request body is breaking: what clients send is no longer read', async () => {
  const before = upload(jsonBody);
  const after = upload('');
  expectChange(await diffTexts(before, after), {
    id: 'request-body-removed',
    severity: 'breaking',
    oldLine: lineOf(before, 'requestBody:'),
    newLine: lineOf(after, 'post:'),
  });
});

test('request bodies behind $ref are compared through the reference', async () => {
  const shared = (type: string) =>
    api(
      `/uploads:
  post:
    requestBody: { $ref: '#/components/requestBodies/Upload' }
    responses:
      '204': { description: done }
`,
      `requestBodies:
  Upload:
    content:
      application/json:
        schema: { type: ${type} }
`,
    );
  expectChange(await diffTexts(shared('object'), shared('string')), {
    id: 'request-body-type-changed',
    severity: 'breaking',
    oldLine: lineOf(shared('object'), 'schema:'),
    newLine: lineOf(shared('string'), 'schema:'),
  });
});
