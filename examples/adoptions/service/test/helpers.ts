/**
 * Shared by the service's tests: an app built for tests (mock auth, no logs)
 * and validators for response bodies and headers against the blueprint's schemas.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { LightMyRequestResponse } from 'fastify';
import addFormats from 'ajv-formats';
import qs from 'qs';
import { buildApp } from '../src/app.js';
import { MOCK_CLIENT_HEADER } from '../src/platform/auth.js';
import { versions } from '../src/generated/versions.js';
import { loadConfig } from '../src/platform/config.js';
import { errorContractFor, type FieldError } from '../src/platform/problem.js';
import type { AnyHandler, RouteSpec, VersionModule } from '../src/platform/version-module.js';
import type { OperationContract } from './contract-check.js';

/** The service with mock auth; silent unless LOG_LEVEL says otherwise (`LOG_LEVEL=error npm test` shows why a handler failed). */
export function testApp() {
  return buildApp(loadConfig({ AUTH_MODE: 'mock', LOG_LEVEL: process.env.LOG_LEVEL || 'silent' }));
}

const ajv = new Ajv2020({
  strict: false,
  allErrors: true,
  validateFormats: true,
  ownProperties: true,
});
addFormats.default(ajv);
for (const version of versions) ajv.addSchema(version.definitions.response);
// Header values arrive as text: their schemas are checked as the service checks parameters, coercing `"5"` to 5.
const coercing = new Ajv2020({
  strict: false,
  allErrors: true,
  validateFormats: true,
  ownProperties: true,
  coerceTypes: 'array',
});
addFormats.default(coercing);
for (const version of versions) coercing.addSchema(version.definitions.request);

/** The response schema a status answers with: exact code, then range (2xx), then default. */
export function responseSchema(route: RouteSpec, status: number): unknown {
  const table = route.schema.response;
  return table[String(status)] ?? table[`${Math.floor(status / 100)}xx`] ?? table.default;
}

/** Errors of a body against a schema, or [] when it validates. */
export function schemaErrors(schema: unknown, body: unknown): string[] {
  if (schema === undefined || typeof schema === 'boolean')
    return schema === false ? ['schema allows nothing'] : [];
  const validate = ajv.compile(schema as object);
  return validate(body)
    ? []
    : (validate.errors ?? []).map(
        (error) => `${error.instancePath || '/'} ${error.message ?? 'invalid'}`,
      );
}

const headerValidators = new WeakMap<object, ValidateFunction>();

/** Errors of a header's value against its schema, or [] when it validates. */
export function headerErrors(schema: unknown, value: string): string[] {
  if (schema === undefined || typeof schema === 'boolean')
    return schema === false ? ['schema allows nothing'] : [];
  let validate = headerValidators.get(schema as object);
  if (!validate)
    headerValidators.set(
      schema as object,
      (validate = coercing.compile({ type: 'object', properties: { value: schema } })),
    );
  return validate({ value })
    ? []
    : (validate.errors ?? []).map((error) => `${error.message ?? 'invalid'}`);
}

export interface SampleRequest {
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  contentType: string | null;
}

export function samplesOf(versionKey: string): Record<string, SampleRequest> {
  return JSON.parse(
    readFileSync(new URL(`./generated/${versionKey}.samples.json`, import.meta.url), 'utf8'),
  );
}

export function contractsOf(versionKey: string): Record<string, OperationContract> {
  return JSON.parse(
    readFileSync(new URL(`./generated/${versionKey}.contract.json`, import.meta.url), 'utf8'),
  );
}

/**
 * Sends an operation's sample request as client `client` (X-Mock-Client, read only under
 * AUTH_MODE=mock), so each test's calls count against a rate limit of their own; `query`
 * replaces the sample's query when given.
 */
export function injectSample(
  app: Awaited<ReturnType<typeof testApp>>,
  prefix: string,
  route: RouteSpec,
  sample: SampleRequest,
  client: string,
  query: Record<string, string> = sample.query,
) {
  const body = encodeBody(sample);
  return app.inject({
    method: route.method as 'GET',
    url: prefix + sample.path,
    query,
    headers: { ...sample.headers, ...body.headers, [MOCK_CLIENT_HEADER]: client },
    ...(body.payload === undefined ? {} : { payload: body.payload }),
  });
}

/** The payload and content type to send for a sample. */
export function encodeBody(sample: SampleRequest): {
  payload?: string;
  headers: Record<string, string>;
} {
  if (sample.contentType === null || sample.body === null) return { headers: {} };
  const headers = { 'content-type': sample.contentType };
  if (sample.contentType.startsWith('application/x-www-form-urlencoded')) {
    return { payload: qs.stringify(sample.body, { arrayFormat: 'brackets' }), headers };
  }
  return {
    payload:
      typeof sample.body === 'string' && !/json/i.test(sample.contentType)
        ? sample.body
        : JSON.stringify(sample.body),
    headers,
  };
}

/**
 * What an error answer says, read in the error shape its address answers in
 * (the shape of its version's playbook, else the service's): its detail and
 * field errors. Fails when the media type or the members are not that shape's.
 */
export function errorOf(response: LightMyRequestResponse): {
  detail: string;
  errors: FieldError[];
} {
  const contract = errorContractFor(response.raw.req.url ?? '/');
  const contentType = String(response.headers['content-type']);
  if (response.body === '') return { detail: '', errors: [] };
  const body = response.json() as Record<string, unknown>;
  if (contract.errorShape === 'problem') {
    assert.match(
      contentType,
      /^application\/problem\+json/,
      `an error in the problem shape: ${response.body.slice(0, 300)}`,
    );
    assert.equal(body.status, response.statusCode, 'the problem names its status');
    assert.equal(typeof body.title, 'string');
    return { detail: String(body.detail), errors: (body.errors as FieldError[] | undefined) ?? [] };
  }
  const names = contract.errorMembers;
  assert.match(
    contentType,
    /^application\/json/,
    `an error in the playbook shape: ${response.body.slice(0, 300)}`,
  );
  assert.deepEqual(
    Object.keys(body).sort(),
    [names.message, names.errors].sort(),
    'the playbook shape holds a message and a list of errors',
  );
  assert.ok(Array.isArray(body[names.errors]));
  const errors = (body[names.errors] as Array<Record<string, string>>).map((error) => ({
    in: error[names.in]!,
    pointer: error[names.pointer]!,
    detail: error[names.detail]!,
  }));
  return { detail: String(body[names.message]), errors };
}

/**
 * Puts a wrapper around every handler of a version, for tests that watch or
 * replace what handlers do. Handlers are loaded when first called
 * (platform/handler-loading.ts), so each loader is wrapped: the wrapper goes
 * around the handler it loads.
 */
export function wrapHandlers(version: VersionModule, wrap: (handler: AnyHandler, operationId: string) => AnyHandler): void {
  for (const [operationId, load] of Object.entries(version.handlers)) {
    version.handlers[operationId] = async () => wrap(await load(), operationId);
  }
}
