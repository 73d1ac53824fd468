/**
 * The upstream model: what the generator decides about an API a service
 * calls, from small blueprints: which statuses a call returns, which
 * credentials it sends, idempotence, query serialisation, request shapes,
 * names, and which operations a change concerns.
 */
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { stringify } from 'yaml';
import { loadBlueprint } from '../../src/blueprint/load.js';
import { operationReach, operationsAt } from '../../src/blueprint/operation-reach.js';
import { buildUpstreams, upstreamNameProblem } from '../../src/model/upstreams/build-upstream.js';
import { parseUpstreamFlags } from '../../src/model/upstreams/flags.js';
import { runtime } from '../model/helpers.js';

const problem = { description: 'A problem', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };

async function load(document: Record<string, unknown>) {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'df-upstream-model-'));
  const file = path.join(folder, 'api.yaml');
  await writeFile(file, stringify({ openapi: '3.0.3', info: { title: 'Inner', version: '2.1.0' }, ...document }));
  return loadBlueprint(file);
}

async function model(document: Record<string, unknown>, name = 'inner') {
  const [upstream] = buildUpstreams([{ name, loaded: await load(document) }], runtime);
  return upstream!;
}

const things = {
  paths: {
    '/things/{id}': {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
      get: {
        operationId: 'getThing',
        parameters: [
          { name: 'tags', in: 'query', schema: { type: 'array', items: { type: 'string' } }, style: 'pipeDelimited', explode: false },
          { name: 'filter', in: 'query', schema: { type: 'object', properties: { a: { type: 'string' } } }, style: 'deepObject' },
        ],
        responses: {
          '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
          '401': problem,
          '403': problem,
          '404': problem,
          '429': problem,
          '4XX': problem,
          '500': problem,
          '503': problem,
        },
      },
      put: {
        operationId: 'putThing',
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
        responses: { '200': { description: 'ok' }, default: problem },
      },
      post: {
        operationId: 'post thing',
        requestBody: { content: { 'application/json': { schema: { type: 'object' } } } },
        responses: { '201': { description: 'made' } },
      },
    },
    '/others': {
      get: { operationId: 'listOthers', security: [], responses: { '200': { description: 'ok', content: { 'text/csv': { schema: { type: 'string' } } } } } },
    },
  },
  components: {
    schemas: {
      Thing: { type: 'object', required: ['Id'], properties: { Id: { type: 'integer' }, Name: { type: 'string' } } },
      Problem: { type: 'object', properties: { title: { type: 'string' }, status: { type: 'integer' } } },
    },
    securitySchemes: {
      cc: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://login.example.com/token', scopes: { 'things.read': 'read' } } } },
    },
  },
  security: [{ cc: ['things.read'] }],
};

test('a call returns the declared statuses below 500, except 401, 403, 407 and 429', async () => {
  const upstream = await model(things);
  const get = upstream.operations.find((operation) => operation.ident === 'getThing')!;
  assert.deepEqual(get.call.returns, { codes: [200, 404], classes: [4], default: false });
  assert.deepEqual(
    get.results.map((result) => result.status),
    [200, 404, null],
  );
  const put = upstream.operations.find((operation) => operation.ident === 'putThing')!;
  assert.deepEqual(put.call.returns, { codes: [200], classes: [], default: true });
  assert.deepEqual(
    put.results.map((result) => result.status),
    [200, null],
  );
});

test('idempotence, credentials, body media type, answers read as text, query styles', async () => {
  const upstream = await model(things);
  const [get, put, post, others] = ['getThing', 'putThing', 'postThing', 'listOthers'].map(
    (ident) => upstream.operations.find((operation) => operation.ident === ident)!,
  );
  assert.deepEqual([get!.call.idempotent, put!.call.idempotent, post!.call.idempotent], [true, true, false]);
  assert.deepEqual(get!.call.credentials, { token: true, subscriptionKey: false });
  assert.deepEqual(others!.call.credentials, { token: false, subscriptionKey: false });
  assert.equal(put!.call.bodyMediaType, 'application/json');
  assert.equal(others!.call.parseAs, 'text');
  assert.deepEqual(get!.call.query, { array: { style: 'pipeDelimited', explode: false }, object: { style: 'deepObject', explode: false } });
  assert.deepEqual(upstream.credentials, { token: { tokenUrlExample: 'https://login.example.com/token', scopes: ['things.read'] }, subscriptionKey: null });
});

test('the request a caller passes has only the parts the operation has; an operation with nothing required may be called without one', async () => {
  const upstream = await model(things);
  const parts = (ident: string) => {
    const operation = upstream.operations.find((candidate) => candidate.ident === ident)!;
    const type = operation.requestType;
    return {
      optional: operation.requestOptional,
      parts: type.kind === 'object' ? type.properties.map((property) => `${property.name}${property.optional ? '?' : ''}`) : [],
    };
  };
  assert.deepEqual(parts('getThing'), { optional: false, parts: ['params', 'query?'] });
  assert.deepEqual(parts('putThing'), { optional: false, parts: ['params', 'body'] });
  assert.deepEqual(parts('postThing'), { optional: false, parts: ['params', 'body?'] });
  assert.deepEqual(parts('listOthers'), { optional: true, parts: [] });
});

test('names: one environment prefix and one identifier per upstream; bad names are refused as usage errors', async () => {
  const upstream = await model(things, 'learner-records');
  assert.deepEqual(
    [upstream.ident, upstream.typeName, upstream.envPrefix, upstream.blueprintFile, upstream.clientModule],
    ['learnerRecords', 'LearnerRecords', 'UPSTREAM_LEARNER_RECORDS_', 'blueprints/upstreams/learner-records.yaml', 'learner-records/client'],
  );
  for (const name of ['Inner', 'inner_api', '-inner', 'inner-', 'a--b', '1st', 'x'.repeat(41)]) assert.ok(upstreamNameProblem(name), name);
  assert.throws(() => parseUpstreamFlags(['inner'], '/'), /NAME=BLUEPRINT/);
  assert.deepEqual(parseUpstreamFlags(['inner=../a.yaml'], '/work/x'), [{ name: 'inner', file: '/work/a.yaml' }]);
});

test('an external API with a subscription key; schemes the service cannot send are noted', async () => {
  const upstream = await model({
    'x-audience': 'external',
    paths: {
      '/a': { get: { operationId: 'a', responses: { '200': { description: 'ok' } } } },
      '/b': { get: { operationId: 'b', security: [{ basic: [] }], responses: { '200': { description: 'ok' } } } },
    },
    components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'Ocp-Apim-Subscription-Key' }, basic: { type: 'http', scheme: 'basic' } } },
    security: [{ key: [] }],
  });
  assert.equal(upstream.audience, 'external');
  assert.deepEqual(upstream.credentials, { token: null, subscriptionKey: { header: 'Ocp-Apim-Subscription-Key' } });
  assert.deepEqual(
    upstream.operations.map((operation) => operation.call.credentials),
    [
      { token: false, subscriptionKey: true },
      { token: false, subscriptionKey: false },
    ],
  );
  assert.match(upstream.notes.join('\n'), /GET \/b: needs credentials this service cannot send/);
});

test("the example base URL: the blueprint's server, else where a design-first service would serve it", async () => {
  assert.equal(
    (await model({ ...things, servers: [{ url: 'https://api.example.gov.uk/things/v2/' }] })).baseUrlExample,
    'https://api.example.gov.uk/things/v2',
  );
  assert.equal((await model(things)).baseUrlExample, 'https://inner.internal/v2');
});

test("a change to a component concerns every operation that reaches it; an operation's own change only that one", async () => {
  const loaded = await load(things);
  const reach = operationReach(loaded.document);
  const names = (pointer: string) =>
    operationsAt(reach, pointer)
      .map((operation) => `${operation.method} ${operation.path}`)
      .sort();
  assert.deepEqual(names('/components/schemas/Thing/properties/Name'), ['get /things/{id}', 'put /things/{id}']);
  assert.deepEqual(names('/components/schemas/Problem'), ['get /things/{id}', 'put /things/{id}']);
  assert.deepEqual(names('/paths/~1things~1{id}/post/requestBody'), ['post /things/{id}']);
  assert.deepEqual(names('/paths/~1things~1{id}/parameters/0/schema'), ['get /things/{id}', 'post /things/{id}', 'put /things/{id}']);
  assert.deepEqual(names('/paths/~1others'), ['get /others']);
  assert.deepEqual(names('/info/title'), []);
});

test('an upstream with only webhooks has nothing to call', async () => {
  const loaded = await load({
    openapi: '3.1.0',
    webhooks: {
      ping: { post: { requestBody: { content: { 'application/json': { schema: { type: 'object' } } } }, responses: { '200': { description: 'ok' } } } },
    },
  });
  assert.throws(() => buildUpstreams([{ name: 'hooks', loaded }], runtime), /upstream hooks has only webhooks/);
});
