import assert from 'node:assert/strict';
import { test } from 'node:test';
import { api, diffTexts, expectChange, expectIds, lineOf } from './helpers.js';

function pets(responses: string): string {
  return api(`/pets:
  get:
    responses:
${responses}`);
}

const responses = `      '200':
        description: ok
        headers:
          X-Rate-Limit:
            required: true
            schema: { type: integer }
          X-Request-Id:
            schema: { type: string }
      '404':
        description: not found
`;

test('a success status removed is breaking; an error status removed is a warning', async () => {
  const before = pets(responses);
  const noOk = pets(`${responses.replace(/ {6}'200':[\s\S]*?(?= {6}'404')/, "      '201':\n        description: created\n")}`);
  const changes = await diffTexts(before, noOk);
  expectIds(changes, ['response-success-status-removed', 'response-success-status-added']);
  expectChange(changes, {
    id: 'response-success-status-removed',
    severity: 'breaking',
    oldLine: lineOf(before, "'200'"),
    newLine: lineOf(noOk, 'responses:'),
  });
  expectChange(changes, {
    id: 'response-success-status-added',
    severity: 'warning',
    oldLine: lineOf(before, 'responses:'),
    newLine: lineOf(noOk, "'201'"),
  });
  const noNotFound = pets(responses.replace(/ {6}'404':\n.*\n/, ''));
  expectChange(await diffTexts(before, noNotFound), {
    id: 'response-non-success-status-removed',
    severity: 'warning',
    oldLine: lineOf(before, "'404'"),
  });
  expectChange(await diffTexts(noNotFound, before), { id: 'response-non-success-status-added', severity: 'info' });
});

test('status ranges match whatever their case', async () => {
  assert.deepEqual(await diffTexts(pets("      '4xx':\n        description: oops\n"), pets("      '4XX':\n        description: oops\n")), []);
});

test('a required response header removed is breaking; an optional one is a warning', async () => {
  const before = pets(responses);
  const required = pets(responses.replace(/ {10}X-Rate-Limit:\n.*\n.*\n/, ''));
  expectChange(await diffTexts(before, required), {
    id: 'response-header-removed',
    severity: 'breaking',
    oldLine: lineOf(before, 'X-Rate-Limit'),
    newLine: lineOf(required, "'200'"),
  });
  const optional = pets(responses.replace(/ {10}X-Request-Id:\n.*\n/, ''));
  expectChange(await diffTexts(before, optional), { id: 'response-header-removed', severity: 'warning' });
  expectChange(await diffTexts(optional, before), { id: 'response-header-added', severity: 'info' });
});

test('a response header made optional is breaking, and its schema is compared as a response', async () => {
  const before = pets(responses);
  const after = pets(responses.replace('            required: true\n', '').replace('schema: { type: integer }', 'schema: { type: string }'));
  const changes = await diffTexts(before, after);
  expectIds(changes, ['response-header-became-optional', 'response-header-type-changed']);
  expectChange(changes, {
    id: 'response-header-became-optional',
    severity: 'breaking',
    oldLine: lineOf(before, 'X-Rate-Limit'),
    newLine: lineOf(after, 'X-Rate-Limit'),
  });
  expectChange(changes, {
    id: 'response-header-type-changed',
    severity: 'breaking',
    message: /response header `X-Rate-Limit` changed type from integer to string/,
  });
});

test('response header names ignore case', async () => {
  assert.deepEqual(await diffTexts(pets(responses), pets(responses.replace('X-Request-Id', 'x-request-id'))), []);
});
