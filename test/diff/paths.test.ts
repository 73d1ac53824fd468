import assert from 'node:assert/strict';
import { test } from 'node:test';
import { api, diffTexts, expectChange, expectIds, lineOf } from './helpers.js';

const ok = `responses:
      '200':
        description: ok`;

function pets(extra = ''): string {
  return api(`/pets:
  get:
    operationId: listPets
    ${ok}
  delete:
    operationId: deletePets
    ${ok}
/pets/{id}:
  get:
    operationId: getPet
    parameters:
      - { name: id, in: path, required: true, schema: { type: string } }
    ${ok}
${extra}`);
}

test('a blueprint against itself has no changes', async () => {
  assert.deepEqual(await diffTexts(pets(), pets()), []);
});

test('a removed path is breaking for each operation, located at the operation and at `paths`', async () => {
  const before = pets();
  const after = before.replace(/\/pets\/\{id\}:[\s\S]*$/, '');
  const changes = await diffTexts(before, after);
  expectIds(changes, ['api-path-removed-without-deprecation']);
  expectChange(changes, {
    id: 'api-path-removed-without-deprecation',
    severity: 'breaking',
    oldLine: lineOf(before, '/pets/{id}:') + 1,
    newLine: lineOf(after, 'paths:'),
    message: /^GET \/pets\/\{id\}: the path and its operation were removed without being deprecated first/,
  });
});

test('a removed operation is breaking; an added one is info', async () => {
  const before = pets();
  const after = before.replace('delete:', 'post:').replace('deletePets', 'createPet');
  const changes = await diffTexts(before, after);
  expectIds(changes, ['api-removed-without-deprecation', 'endpoint-added']);
  expectChange(changes, {
    id: 'api-removed-without-deprecation',
    severity: 'breaking',
    oldLine: lineOf(before, 'delete:'),
    newLine: lineOf(after, '/pets:'),
    message: /^DELETE \/pets:/,
  });
  expectChange(changes, { id: 'endpoint-added', severity: 'info', oldLine: lineOf(before, '/pets:'), newLine: lineOf(after, 'post:') });
});

test('an added path reports each of its operations', async () => {
  const before = pets();
  const after = pets(`/owners:\n  get:\n    ${ok}\n  post:\n    ${ok}`);
  const changes = await diffTexts(before, after);
  expectIds(changes, ['endpoint-added', 'endpoint-added']);
  assert.deepEqual(
    changes.map((change) => change.new?.line),
    [lineOf(after, '  get:', 3), lineOf(after, 'post:')],
  );
});

test('/pets/{id} and /pets/{petId} are the same operations; the path parameter rename is a warning', async () => {
  const before = pets();
  const after = before.replace('/pets/{id}:', '/pets/{petId}:').replace('name: id,', 'name: petId,');
  const changes = await diffTexts(before, after);
  expectIds(changes, ['request-path-parameter-renamed']);
  expectChange(changes, {
    id: 'request-path-parameter-renamed',
    severity: 'warning',
    oldLine: lineOf(before, '/pets/{id}:'),
    newLine: lineOf(after, '/pets/{petId}:'),
    message: /`id` was renamed `petId`/,
  });
});

test('when two paths differ only in a parameter name, exact spellings match first', async () => {
  const both = (first: string, second: string) =>
    api(`/a/{${first}}:
  get:
    ${ok}
/a/{${second}}:
  put:
    ${ok}
`);
  assert.deepEqual(await diffTexts(both('x', 'y'), both('x', 'y')), []);
});

test('deprecating an operation is info, and so is undoing it', async () => {
  const before = pets();
  const after = before.replace(/(\s+)operationId: listPets/, '$1operationId: listPets$1deprecated: true');
  expectChange(await diffTexts(before, after), {
    id: 'endpoint-deprecated',
    severity: 'info',
    oldLine: lineOf(before, '  get:'),
    newLine: lineOf(after, '  get:'),
  });
  expectChange(await diffTexts(after, before), { id: 'endpoint-reactivated', severity: 'info' });
});

test('a changed or removed operationId is a warning: generated clients rename the method', async () => {
  const before = pets();
  const after = before.replace('operationId: getPet', 'operationId: fetchPet');
  const changes = await diffTexts(before, after);
  expectChange(changes, {
    id: 'operation-id-changed',
    severity: 'warning',
    oldLine: lineOf(before, 'getPet'),
    newLine: lineOf(after, 'fetchPet'),
    message: /`getPet` became `fetchPet`/,
  });
  const removed = await diffTexts(before, before.replace(/\n\s+operationId: getPet/, ''));
  expectChange(removed, { id: 'operation-id-changed', severity: 'warning', message: /was removed/ });
});
