/**
 * Small blueprint fragments reproducing corpus documents whose operations did
 * not answer validly in mock mode (test/corpus/known-failures.json): each
 * asserts what a user sees, the contract test's request, the mock's answer or
 * what leaves the service, instead of the sampler's inner workings.
 */
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { loadBlueprint } from '../../src/blueprint/load.js';
import { buildServiceModel } from '../../src/model/build-model.js';
import { ProjectionCompiler, runtime } from './helpers.js';
import { shortestMatch } from '../../src/blueprint/pattern-length.js';
import { unsatisfiable } from '../../src/blueprint/unsatisfiable.js';

async function modelOf(paths: unknown, schemas: Record<string, unknown> = {}) {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'df-corpus-case-'));
  const file = path.join(folder, 'api.json');
  await writeFile(file, JSON.stringify({ openapi: '3.0.3', info: { title: 'T', version: '1.0.0' }, paths, components: { schemas } }));
  const model = buildServiceModel([await loadBlueprint(file)], { templateVersion: 't', generatorVersion: 'g', runtime });
  const version = model.versions[0]!;
  return { model, version, operation: (ident: string) => version.operations.find((op) => op.ident === ident)! };
}

/** A validator like the service's and its contract tests' (all errors; text coerced when asked). */
function validatorFor(version: { definitions: { request: object; response: object } }, coerceTypes: false | 'array' = false) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, coerceTypes, useDefaults: true });
  ajv.addSchema(version.definitions.request);
  ajv.addSchema(version.definitions.response);
  return (schema: unknown, value: unknown) => {
    const validate = ajv.compile(schema as object);
    return validate(value) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
  };
}

const ok = (schema: unknown) => ({ '200': { description: 'ok', content: { 'application/json': { schema } } } });
const json = (schema: unknown) => ({ required: true, content: { 'application/json': { schema } } });

test('a request default its own schema refuses is not applied (GitHub make_latest, Nexmo status)', async () => {
  const { version, operation } = await modelOf({
    '/releases': {
      post: {
        operationId: 'createRelease',
        requestBody: json({
          type: 'object',
          properties: { tag: { type: 'string' }, make_latest: { type: 'string', enum: ['true', 'false'], default: true } },
          required: ['tag'],
        }),
        responses: ok({ type: 'object' }),
      },
    },
  });
  const route = operation('createRelease').route;
  const body = (route.schema.body as { content: Record<string, { schema: unknown }> }).content['application/json']!.schema;
  // The service fills defaults in: a request without make_latest must not be refused for the blueprint's default.
  const request = { tag: 'v1' };
  assert.deepEqual(validatorFor(version)(body, request), []);
  assert.deepEqual(request, { tag: 'v1' });
  assert.ok(version.notes.some((note) => note.includes('default does not fit its own type or enum')));
});

test('a path parameter that is oneOf integer or string accepts both as text (GitHub workflow_id)', async () => {
  const { version, operation } = await modelOf({
    '/workflows/{workflow_id}': {
      get: {
        operationId: 'getWorkflow',
        parameters: [{ name: 'workflow_id', in: 'path', required: true, schema: { oneOf: [{ type: 'integer' }, { type: 'string' }] } }],
        responses: ok({ type: 'object' }),
      },
    },
  });
  const route = operation('getWorkflow').route;
  const validate = validatorFor(version, 'array');
  for (const text of ['7', 'main.yml', operation('getWorkflow').sample.path.split('/').at(-1)!]) {
    assert.deepEqual(validate(route.schema.params, { workflowId: text }), [], text);
  }
});

test('the contract request sends JSON as application/json, not as a media range, and no Accept parameter (ConfigCat, GHES hooks)', async () => {
  const { operation } = await modelOf({
    '/hooks': {
      post: {
        operationId: 'createHook',
        parameters: [{ name: 'accept', in: 'header', required: true, schema: { type: 'string', default: 'application/vnd.github.superpro-preview+json' } }],
        requestBody: { required: true, content: { 'application/*+json': { schema: { type: 'object' } }, 'application/json': { schema: { type: 'object' } } } },
        responses: ok({ type: 'object' }),
      },
    },
  });
  const sample = operation('createHook').sample;
  assert.equal(sample.contentType, 'application/json');
  assert.equal(sample.headers.accept, undefined);
});

test('a form body sample holds no empty object, which form encoding would lose (Stripe billing portal)', async () => {
  const toggle = { type: 'object', properties: { enabled: { type: 'boolean' } }, required: ['enabled'] };
  const { operation } = await modelOf({
    '/configurations': {
      post: {
        operationId: 'createConfiguration',
        requestBody: {
          required: true,
          content: {
            'application/x-www-form-urlencoded': {
              schema: {
                type: 'object',
                properties: {
                  business_profile: { type: 'object', properties: { headline: { type: 'string', maxLength: 60 } } },
                  features: {
                    type: 'object',
                    properties: {
                      invoice_history: toggle,
                      // The full sample gives `prices: [null]`, wrong deep inside an anyOf branch.
                      products: {
                        anyOf: [
                          {
                            type: 'array',
                            items: { type: 'object', properties: { prices: { type: 'array', items: { type: 'string' } } }, required: ['prices'] },
                          },
                          { type: 'string', enum: [''] },
                        ],
                      },
                    },
                  },
                },
                required: ['business_profile', 'features'],
              },
            },
          },
        },
        responses: ok({ type: 'object' }),
      },
    },
  });
  const body = operation('createConfiguration').sample.body as Record<string, Record<string, unknown>>;
  const empty = (value: unknown): boolean =>
    value !== null && typeof value === 'object' && (Object.keys(value).length === 0 || Object.values(value).some(empty));
  assert.equal(empty(body), false, JSON.stringify(body));
});

test('a mock answer fills a property one allOf part requires and another describes (Nexmo account_id)', async () => {
  const { version, operation } = await modelOf(
    { '/reports': { post: { operationId: 'createReport', responses: ok({ $ref: '#/components/schemas/SmsReport' }) } } },
    {
      Base: { type: 'object', properties: { account_id: { type: 'string', minLength: 8 }, product: { type: 'string' } } },
      SmsFields: { type: 'object', properties: { product: { type: 'string', enum: ['SMS'] } }, required: ['product', 'account_id'] },
      SmsReport: { allOf: [{ $ref: '#/components/schemas/Base' }, { $ref: '#/components/schemas/SmsFields' }], example: { product: 'SMS' } },
    },
  );
  const route = operation('createReport').route;
  assert.deepEqual(validatorFor(version)(route.schema.response['200'], route.mock.body), []);
});

test('an optional property whose schema nothing meets is left out of the mock (Codat currency, Lyft ride_profile)', async () => {
  const { version, operation } = await modelOf({
    '/bills': {
      get: {
        operationId: 'getBill',
        responses: ok({
          type: 'object',
          properties: {
            id: { type: 'string' },
            currency: { allOf: [{ type: 'string' }, { type: 'null' }] },
            ride_profile: { type: 'object', allOf: [{ type: 'string', enum: ['personal', 'business'] }] },
          },
          required: ['id'],
          example: { id: 'b1', currency: 'GBP', ride_profile: 'personal' },
        }),
      },
    },
  });
  const route = operation('getBill').route;
  assert.deepEqual(validatorFor(version)(route.schema.response['200'], route.mock.body), []);
  assert.equal((route.mock.body as Record<string, unknown>).id, 'b1');
});

test('serialisation keeps a required property no properties describe, also when the requirement sits on a composition (GHES last_used, Codat date, Spotify items)', () => {
  const compiler = new ProjectionCompiler(
    new Map([['urn:t', { Paging: { type: 'object', properties: { total: { type: 'integer' } }, required: ['total', 'items'] } }]]),
  );
  const key = compiler.compile({ type: 'object', properties: { id: { type: 'integer' } }, required: ['id', 'last_used'] });
  assert.deepEqual(key({ id: 1, last_used: '2024-01-31', secret: 'x' }), { id: 1, last_used: '2024-01-31' });
  const line = compiler.compile({
    type: 'object',
    required: ['date'],
    allOf: [{ type: 'object', properties: { amount: { type: 'number' } } }, { $ref: 'urn:t#/$defs/Paging' }],
  });
  assert.deepEqual(line({ amount: 1, date: '2024-01-31', total: 2, items: [], internal: true }), { amount: 1, total: 2, items: [], date: '2024-01-31' });
});

test("serialisation of an anyOf of lists keeps what either list's items declare (GitHub stargazers)", () => {
  const compiler = new ProjectionCompiler(new Map());
  const stargazers = compiler.compile({
    anyOf: [
      { type: 'array', items: { type: 'object', properties: { login: { type: 'string' } } } },
      {
        type: 'array',
        items: { type: 'object', properties: { starred_at: { type: 'string' }, user: { type: 'object', properties: { login: { type: 'string' } } } } },
      },
    ],
  });
  assert.deepEqual(stargazers([{ starred_at: 't', user: { login: 'a', token: 'x' }, token: 'y' }]), [{ starred_at: 't', user: { login: 'a' } }]);
});

test('a schema no value can meet is proven so, with the place and the reason (App Runner ServiceId, Codat sync paging)', () => {
  const defs: Record<string, unknown> = {
    ServiceId: { type: 'string', maxLength: 32, pattern: '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}' },
    Service: { type: 'object', properties: { ServiceId: { $ref: 'urn:t#/$defs/ServiceId' } }, required: ['ServiceId'] },
    Paging: { type: 'object', properties: { pageNumber: { type: 'integer' } }, required: ['pageNumber'] },
  };
  const resolve = (ref: string) => defs[ref.split('#/$defs/')[1]!] as never;
  assert.equal(shortestMatch('[0-9a-f]{8}-(ab|c)?x*'), 9);
  assert.match(
    unsatisfiable({ type: 'object', properties: { Service: { $ref: 'urn:t#/$defs/Service' } }, required: ['Service'] }, resolve) ?? '',
    /^\/Service\/ServiceId: pattern .* matches only strings of 36 characters or more, but maxLength is 32$/,
  );
  assert.match(
    unsatisfiable({ additionalProperties: false, allOf: [{ $ref: 'urn:t#/$defs/Paging' }] }, resolve) ?? '',
    /requires property 'pageNumber' but additionalProperties is false/,
  );
  // Not proven: the property is optional, the pattern fits, the value need not be an object, or another branch is possible.
  assert.equal(unsatisfiable({ type: 'object', properties: { id: { $ref: 'urn:t#/$defs/ServiceId' } } }, resolve), undefined);
  assert.equal(unsatisfiable({ type: 'string', maxLength: 36, pattern: '^[0-9a-f]{8}-' }, resolve), undefined);
  assert.equal(unsatisfiable({ additionalProperties: false, required: ['a'] }, resolve), undefined);
  assert.equal(unsatisfiable({ anyOf: [{ $ref: 'urn:t#/$defs/ServiceId' }, { type: 'null' }] }, resolve), undefined);
});

test('generation says where a pattern asks for more characters than maxLength allows (App Runner ServiceId)', async () => {
  const { version } = await modelOf(
    { '/services': { get: { operationId: 'getService', responses: ok({ $ref: '#/components/schemas/ServiceId' }) } } },
    { ServiceId: { type: 'string', maxLength: 32, pattern: '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}' } },
  );
  assert.ok(
    version.notes.some(
      (note) => note.includes('/components/schemas/ServiceId/pattern') && note.includes('matches only strings of 36 characters or more, but maxLength is 32'),
    ),
    version.notes.join('\n'),
  );
});
