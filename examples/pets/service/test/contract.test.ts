/**
 * Contract tests: every operation of every version is called through
 * fastify.inject(), and every answer is held to the blueprint: a declared
 * status, with a media type, headers and body the blueprint allows for it
 * (contract-check.ts). What is sent comes from the team's scenarios
 * (test/scenarios/, scenario.ts) or, without any, from the blueprint's sample
 * request. A handler still as design-first wrote it answers its mock, so there
 * the mock's status is expected: the blueprint's sample must be accepted.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { versions } from '../src/generated/versions.js';
import { MOCK_CLIENT_HEADER } from '../src/platform/auth.js';
import type { RouteSpec, VersionModule } from '../src/platform/version-module.js';
import { contractFailure, type OperationContract } from './contract-check.js';
import { contractsOf, encodeBody, samplesOf, testApp, type SampleRequest } from './helpers.js';
import { asGenerated, loadScenarios, type AnyScenarioRequest } from './scenario.js';

const app = await testApp();
let calls = 0;
after(() => app.close());

for (const version of versions) {
  const samples = samplesOf(version.key);
  const contracts = contractsOf(version.key);
  describe(`${version.key} operations`, () => {
    for (const route of version.routes) {
      test(`${route.method} ${version.prefix}${route.url} (${route.operationId})`, async (t) => {
        const sample = samples[route.operationId];
        const contract = contracts[route.operationId];
        assert.ok(
          sample && contract,
          `no sample request or contract for ${route.operationId}: run design-first update`,
        );
        if (contract.responses.length > 0 && contract.responses.every((r) => /^1/.test(r.key))) {
          // 101 Switching Protocols (a WebSocket, say) is not an answer a handler can give.
          const keys = contract.responses.map((response) => response.key).join(', ');
          t.skip(`the blueprint declares only ${keys} for it`);
          return;
        }
        const scenarios = await loadScenarios(contract.scenario);
        const seeded = scenarios?.seed
          ? await scenarios.seed({ app, prefix: version.prefix })
          : undefined;
        const requests =
          typeof scenarios?.requests === 'function'
            ? scenarios.requests(seeded)
            : (scenarios?.requests ?? []);
        if (requests.length === 0) {
          const answer = await send(version, route, contract, sample, {
            name: 'the blueprint sample',
          });
          // The stub answers the blueprint's mock: anything else means the sample request itself was refused.
          const stub = asGenerated(contract.handler);
          if (stub && answer.status !== route.mock.status) {
            assert.fail(
              `operation ${route.operationId} (a mock stub) answered ${answer.status}, not its mock's ${route.mock.status}; body: ${answer.body.slice(0, 500)}`,
            );
          }
          // A blueprint that declares only failures has a mock that answers one of them.
          const failure = contractFailure(
            version.key,
            route,
            contract,
            answer,
            stub ? [route.mock.status] : undefined,
          );
          if (failure) assert.fail(failure);
          return;
        }
        for (const request of requests) {
          await t.test(request.name, async () => {
            const answer = await send(version, route, contract, sample, request);
            const expected =
              request.expect === undefined ? undefined : ([] as number[]).concat(request.expect);
            if (expected && !expected.includes(answer.status)) {
              assert.fail(
                `operation ${route.operationId}, "${request.name}": answered ${answer.status}, expected ${expected.join(' or ')}; body: ${answer.body.slice(0, 500)}`,
              );
            }
            const failure = contractFailure(version.key, route, contract, answer, expected);
            if (failure) assert.fail(failure);
          });
        }
      });
    }
  });
}

/** Sends a scenario's request, the blueprint's sample filling in what it leaves out. */
async function send(
  version: VersionModule,
  route: RouteSpec,
  contract: OperationContract,
  sample: SampleRequest,
  request: AnyScenarioRequest,
) {
  const encoded = request.rawBody
    ? { payload: request.rawBody.payload, headers: { 'content-type': request.rawBody.contentType } }
    : encodeBody(
        'body' in request
          ? {
              ...sample,
              body: request.body ?? null,
              contentType: sample.contentType ?? 'application/json',
            }
          : sample,
      );
  const query = merged(sample.query, request.query);
  // A collection is asked for its first page unless the request says otherwise: without one, a big collection rightly answers 400.
  if (route.paging && !(request.query && 'page' in request.query) && query.page === undefined)
    query.page = '1';
  const response = await app.inject({
    method: route.method as 'GET',
    url: version.prefix + pathOf(contract.pathTemplate, sample.path, request.params),
    query,
    // Each call as a client of its own (AUTH_MODE=mock only), so rate limits answer only in rate-limit.test.ts;
    // a scenario that names its own X-Mock-Client keeps it.
    headers: {
      [MOCK_CLIENT_HEADER]: `contract-${(calls += 1)}`,
      ...merged(sample.headers, request.headers),
      ...encoded.headers,
    },
    ...(encoded.payload === undefined ? {} : { payload: encoded.payload }),
  });
  return {
    method: route.method,
    status: response.statusCode,
    headers: response.headers,
    body: response.body,
  };
}

/** The sample's values with the request's on top; a value of `undefined` removes one. */
function merged(
  base: Record<string, string>,
  extra: Record<string, unknown> | undefined,
): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = { ...base };
  for (const [name, value] of Object.entries(extra ?? {})) {
    if (value === undefined) delete result[name];
    else result[name] = Array.isArray(value) ? value.map(String) : String(value);
  }
  return result;
}

/** The path with the request's parameter values, and the sample's for the others. */
function pathOf(
  template: string,
  samplePath: string,
  params: Record<string, unknown> | undefined,
): string {
  if (!params || Object.keys(params).length === 0) return samplePath;
  const pattern = template.replace(/\{[^}]*\}|[^{]+/g, (part) =>
    part.startsWith('{') ? '([^/]*)' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
  );
  const fromSample = new RegExp(`^${pattern}$`).exec(samplePath)?.slice(1) ?? [];
  let index = 0;
  return template.replace(/\{([^}]*)\}/g, (_match, name: string) => {
    const sampleValue = fromSample[index++] ?? 'x';
    return Object.prototype.hasOwnProperty.call(params, name)
      ? encodeURIComponent(String(params[name]))
      : sampleValue;
  });
}
