import assert from 'node:assert/strict';
import { test } from 'node:test';
import { api, bothWays, diffTexts, expectChange, expectIds, indent, lineOf, requestApi } from './helpers.js';

/** GET /pets with these parameters, and a shared `Limit` parameter used by GET /owners too. */
function blueprint(parameters: string, limit = 'maximum: 100'): string {
  return api(
    `/pets:
  get:
    parameters:
${indent(parameters, 6)}    responses:
      '200':
        description: ok
/owners:
  get:
    parameters:
      - $ref: '#/components/parameters/Limit'
    responses:
      '200':
        description: ok
`,
    `parameters:
  Limit:
    name: limit
    in: query
    schema: { type: integer, ${limit} }
`,
  );
}

const base = `- $ref: '#/components/parameters/Limit'
- name: q
  in: query
  schema: { type: string }
`;

test('a new required parameter is breaking; a new optional one is info', async () => {
  const before = blueprint(base);
  const after = blueprint(
    `${base}- name: X-Tenant\n  in: header\n  required: true\n  schema: { type: string }\n- name: sort\n  in: query\n  schema: { type: string, enum: [name, age] }\n`,
  );
  const changes = await diffTexts(before, after);
  expectIds(changes, ['request-parameter-added-required', 'request-parameter-added']);
  expectChange(changes, {
    id: 'request-parameter-added-required',
    severity: 'breaking',
    oldLine: lineOf(before, 'get:'),
    newLine: lineOf(after, 'X-Tenant'),
    message: /required header parameter `X-Tenant`/,
  });
  expectChange(changes, { id: 'request-parameter-added', severity: 'info', newLine: lineOf(after, 'name: sort') });
});

test('a removed parameter is a warning: the server no longer reads it', async () => {
  const before = blueprint(base);
  const after = blueprint(`- $ref: '#/components/parameters/Limit'\n`);
  const changes = await diffTexts(before, after);
  expectIds(changes, ['request-parameter-removed']);
  expectChange(changes, {
    id: 'request-parameter-removed',
    severity: 'warning',
    oldLine: lineOf(before, 'name: q'),
    newLine: lineOf(after, 'get:'),
  });
});

test('a parameter made required is breaking; made optional is info', async () => {
  const before = blueprint(base);
  const after = blueprint(base.replace('in: query\n', 'in: query\n  required: true\n'));
  expectChange(await diffTexts(before, after), {
    id: 'request-parameter-became-required',
    severity: 'breaking',
    oldLine: lineOf(before, 'name: q'),
    newLine: lineOf(after, 'name: q'),
  });
  expectChange(await diffTexts(after, before), { id: 'request-parameter-became-optional', severity: 'info' });
});

test('a parameter moved from the query to a header is breaking', async () => {
  const before = blueprint(base);
  const after = blueprint(base.replace('name: q\n  in: query', 'name: Q\n  in: header'));
  const changes = await diffTexts(before, after);
  expectIds(changes, ['request-parameter-moved']);
  expectChange(changes, {
    id: 'request-parameter-moved',
    severity: 'breaking',
    oldLine: lineOf(before, 'name: q'),
    newLine: lineOf(after, 'name: Q'),
    message: /moved to the header/,
  });
});

test('an optional parameter renamed (one removed, one of the same shape added) is a warning, as its removal is; a required one is breaking', async () => {
  const before = blueprint(base);
  const after = blueprint(base.replace('name: q', 'name: query'));
  const changes = await diffTexts(before, after);
  expectIds(changes, ['request-parameter-renamed']);
  expectChange(changes, {
    id: 'request-parameter-renamed',
    severity: 'warning',
    oldLine: lineOf(before, 'name: q'),
    newLine: lineOf(after, 'name: query'),
    message: /`q` was renamed `query`/,
  });
  const required = blueprint(base.replace('name: q', 'name: query').replace('in: query', 'in: query\n  required: true'));
  expectChange(await diffTexts(before, required), { id: 'request-parameter-renamed', severity: 'breaking' });
});

test('a removed parameter and an added one of another shape are not a rename', async () => {
  const changes = await diffTexts(blueprint(base), blueprint(base.replace('name: q', 'name: page').replace('type: string', 'type: integer')));
  expectIds(changes, ['request-parameter-removed', 'request-parameter-added']);
});

test('header parameter names ignore case', async () => {
  const headers = (name: string) => blueprint(`- name: ${name}\n  in: header\n  schema: { type: string }\n`);
  assert.deepEqual(await diffTexts(headers('X-Trace-Id'), headers('x-trace-id')), []);
});

test('a tightened parameter schema is breaking, reported once at the shared component for every operation using it', async () => {
  const before = blueprint(base);
  const after = blueprint(base, 'maximum: 50');
  const changes = await diffTexts(before, after);
  expectIds(changes, ['request-parameter-max-decreased']);
  expectChange(changes, {
    id: 'request-parameter-max-decreased',
    severity: 'breaking',
    oldLine: lineOf(before, 'maximum: 100'),
    newLine: lineOf(after, 'maximum: 50'),
    message: /query parameter `limit` changed maximum from 100 to 50.*also reached from 1 other place/,
  });
});

test('an enum value removed from a parameter is breaking; one added is info', async () => {
  const withEnum = (values: string) => blueprint(base.replace('type: string', `type: string, enum: [${values}]`));
  expectChange(await diffTexts(withEnum('a, b'), withEnum('a')), {
    id: 'request-parameter-enum-value-removed',
    severity: 'breaking',
    message: /lost enum value `"b"`/,
  });
  expectChange(await diffTexts(withEnum('a'), withEnum('a, b')), { id: 'request-parameter-enum-value-added', severity: 'info' });
});

test('a changed serialisation (explode) of an array is breaking; of a single value it changes nothing', async () => {
  const before = blueprint(base.replace('type: string', 'type: array, items: { type: string }'));
  const after = blueprint(base.replace('type: string', 'type: array, items: { type: string }').replace('in: query', 'in: query\n  explode: false'));
  expectChange(await diffTexts(before, after), {
    id: 'request-parameter-explode-changed',
    severity: 'breaking',
    oldLine: lineOf(before, 'name: q'),
    newLine: lineOf(after, 'name: q'),
  });
  assert.deepEqual(await diffTexts(blueprint(base), blueprint(base.replace('in: query', 'in: query\n  explode: false'))), []);
  expectChange(await diffTexts(blueprint(base), blueprint(base.replace('in: query', 'in: query\n  style: spaceDelimited'))), {
    id: 'request-parameter-style-changed',
    severity: 'breaking',
  });
});

test('an object parameter reports changes to its properties', async () => {
  const object = (required: string) =>
    blueprint(`- name: filter\n  in: query\n  style: deepObject\n  schema:\n    type: object\n    ${required}properties:\n      color: { type: string }\n`);
  const changes = await diffTexts(object(''), object('required: [color]\n    '));
  expectChange(changes, {
    id: 'request-parameter-property-became-required',
    severity: 'breaking',
    message: /query parameter `filter` property `color` became required/,
  });
});

test('parameter values are text: integer -> string widens; a single value -> an array of it widens; the other ways narrow', async () => {
  const typed = (schema: string, version = '3.0.3') =>
    api(
      `/search:\n  get:\n    parameters:\n      - name: q\n        in: query\n        schema: ${schema}\n    responses:\n      '200': { description: ok }\n`,
      '',
      version,
    );
  assert.deepEqual(await bothWays(typed('{ type: integer }'), typed('{ type: string }')), {
    forward: ['request-parameter-type-changed info'],
    backward: ['request-parameter-type-changed breaking'],
  });
  assert.deepEqual(await bothWays(typed('{ type: [string, integer] }', '3.1.0'), typed('{ type: array, items: { type: string } }', '3.1.0')), {
    forward: ['request-parameter-list-of-types-widened info'],
    backward: ['request-parameter-list-of-types-narrowed breaking'],
  });
  // In a JSON body the same integer -> string is breaking: JSON numbers are not strings.
  assert.deepEqual(
    (await bothWays(requestApi('type: object\nproperties: { q: { type: integer } }\n'), requestApi('type: object\nproperties: { q: { type: string } }\n')))
      .forward,
    ['request-property-type-changed breaking'],
  );
});
