/**
 * Mock answers and sample requests that look like data where the schema gives
 * no example (issue: a mock tenancy had `FullName: "string"` and an EndDate
 * before its StartDate): names look like names, a range's dates are in order,
 * money is money; and whatever the schema pins down (example, enum, pattern,
 * bounds) is left as the schema says. Every answer still validates.
 */
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadBlueprint } from '../../src/blueprint/load.js';
import { buildServiceModel } from '../../src/model/build-model.js';
import { runtime } from './helpers.js';

const tenancies = fileURLToPath(new URL('../runtime/fixtures/tenancies.yaml', import.meta.url));

async function modelOf(file: string) {
  const model = buildServiceModel([await loadBlueprint(file)], { templateVersion: 't', generatorVersion: 'g', runtime });
  const version = model.versions[0]!;
  return (ident: string) => version.operations.find((operation) => operation.ident === ident)!;
}

test('a mock tenancy without examples: a name that is a name, dates in order, a rent, a postcode', async () => {
  const operation = await modelOf(tenancies);
  const tenancy = operation('getTenancy').route.mock.body as Record<string, unknown>;
  assert.match(String(tenancy.FullName), /^[A-Z][a-z]+ [A-Z][a-z]+$/);
  assert.match(String(tenancy.EmailAddress), /^[a-z.]+@example\.com$/);
  assert.ok(Number(tenancy.WeeklyRent) > 0, `WeeklyRent ${tenancy.WeeklyRent}`);
  assert.ok(String(tenancy.StartDate) < String(tenancy.EndDate), `${tenancy.StartDate} to ${tenancy.EndDate}`);
  assert.match(String(tenancy.Postcode), /^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$/);
  // The same in the contract tests' sample request.
  const created = operation('createTenancy').sample.body as Record<string, unknown>;
  assert.equal(created.FullName, tenancy.FullName);
  assert.ok(String(created.StartDate) < String(created.EndDate));
});

test('what the schema pins down is kept: examples, enums, patterns, bounds that a plausible value would break', async () => {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'plausible-'));
  const file = path.join(folder, 'api.yaml');
  await writeFile(
    file,
    `openapi: 3.0.3
info: { title: Plausible, version: 1.0.0 }
paths:
  /people/{id}:
    get:
      operationId: getPerson
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses:
        '200':
          description: A person.
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Person' }
components:
  schemas:
    Person:
      type: object
      required: [FullName, Surname, City, Rent, ValidFrom, ValidTo, Title, Code]
      properties:
        FullName: { type: string, example: Grace Hopper }
        Surname: { type: string, enum: [Smith, Jones] }
        City: { type: string, maxLength: 3 }
        Rent: { type: number, maximum: 100 }
        ValidFrom: { type: string, format: date-time }
        ValidTo: { type: string, format: date-time }
        Title: { type: string }
        Code: { type: string, pattern: '^[A-Z]{3}$' }
`,
  );
  const person = (await modelOf(file))('getPerson').route.mock.body as Record<string, unknown>;
  assert.equal(person.FullName, 'Grace Hopper');
  assert.ok(['Smith', 'Jones'].includes(String(person.Surname)));
  assert.ok(String(person.City).length <= 3, `City ${person.City}`);
  assert.ok(Number(person.Rent) <= 100, `Rent ${person.Rent}`);
  assert.ok(String(person.ValidFrom) < String(person.ValidTo), `${person.ValidFrom} to ${person.ValidTo}`);
  assert.equal(person.Title, 'Example person', "a thing's title names the thing");
  assert.match(String(person.Code), /^[A-Z]{3}$/);
});
