/**
 * Every deliberate difference from oasdiff that docs/diff.md lists ("Where
 * design-first differs from oasdiff") is tested here on a pair of tiny
 * blueprints, with oasdiff's level beside ours; and the page lists exactly
 * the differences tested here.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { DiffOptions } from '../../src/diff/index.js';
import { api, diffTexts, idsAndSeverities, requestApi, responseApi } from './helpers.js';

const today = new Date('2026-01-15T12:00:00Z');
const ours = async (before: string, after: string, options: DiffOptions = { today }) => idsAndSeverities(await diffTexts(before, after, options));
const obj = (properties: string, extra = '') => `type: object\n${extra}properties:\n${properties}`;
const get = (lines: string, head = '') =>
  api(`/pets:\n  get:\n${lines}    responses:\n      '200': { description: ok }\n`).replace("  version: '1'\n", `  version: '1'\n${head}`);
const param = (schema: string, extra = '') => get(`    parameters:\n      - name: q\n        in: query\n${extra}        schema: ${schema}\n`);
const secured = (security: string, scheme = '    key: { type: apiKey, in: header, name: Api-Key }\n') =>
  api(
    `/pets:\n  get:\n    security: ${security}\n    responses:\n      '200': { description: ok }\n`,
    `securitySchemes:\n${scheme}    oauth:\n      type: oauth2\n      flows:\n        clientCredentials:\n          tokenUrl: https://a.example.com/token\n          scopes: { read: r, write: w }\n`,
  );
const hook = (schema: string, required = '') =>
  `openapi: 3.1.0\ninfo: { title: T, version: '1' }\npaths: {}\nwebhooks:\n  newPet:\n    post:\n      requestBody:\n${required}        content:\n          application/json:\n            schema: ${schema}\n      responses:\n        '200': { description: ok }\n`;

/** Key (as in docs/diff.md) -> the pair and what design-first reports; the comment says what oasdiff does. */
const DIFFERENCES: Record<string, () => Promise<void>> = {
  // oasdiff: response-optional-property-removed INFO.
  'response-optional-property-removed': async () => {
    assert.deepEqual(await ours(responseApi(obj('  a: { type: string }\n  b: { type: string }\n')), responseApi(obj('  a: { type: string }\n'))), [
      'response-property-removed breaking',
    ]);
  },
  // oasdiff: no rule for additionalProperties.
  'additional-properties-forbidden': async () => {
    assert.deepEqual(await ours(requestApi(obj('  a: { type: string }\n')), requestApi(obj('  a: { type: string }\n', 'additionalProperties: false\n'))), [
      'request-body-additional-properties-forbidden breaking',
    ]);
    assert.deepEqual(await ours(responseApi(obj('  a: { type: string }\n', 'additionalProperties: false\n')), responseApi(obj('  a: { type: string }\n'))), [
      'response-body-additional-properties-allowed warning',
    ]);
  },
  // oasdiff: response max-length-unset and min-items-unset are ERR, but maximum, minimum and the others unset have no rule.
  'response-bounds-removed': async () => {
    assert.deepEqual(await ours(responseApi('type: number\nmaximum: 10\n'), responseApi('type: number\n')), ['response-body-max-removed breaking']);
  },
  // oasdiff: request-*-default-value-changed/-added/-removed INFO (ERR before its severity review).
  'default-values': async () => {
    const size = (value: string) => requestApi(obj(`  size: { type: integer${value} }\n`));
    assert.deepEqual(await ours(size(', default: 10'), size(', default: 20')), ['request-property-default-value-changed breaking']);
    assert.deepEqual(await ours(size(', default: 10'), size('')), ['request-property-default-value-removed breaking']);
    assert.deepEqual(await ours(size(''), size(', default: 10')), ['request-property-default-value-added warning']);
    assert.deepEqual(await ours(param('{ type: integer, default: 10 }'), param('{ type: integer, default: 20 }')), [
      'request-parameter-default-value-changed breaking',
    ]);
  },
  // oasdiff: every discriminator rule is INFO.
  discriminator: async () => {
    const extra = 'A: { type: object }\nB: { type: object }\n';
    const union = (discriminator: string) =>
      responseApi(`oneOf: [{ $ref: '#/components/schemas/A' }, { $ref: '#/components/schemas/B' }]\ndiscriminator: ${discriminator}\n`, '3.0.3', extra);
    assert.deepEqual(await ours(union('{ propertyName: kind }'), union('{ propertyName: type }')), [
      'response-body-discriminator-property-name-changed breaking',
    ]);
    const sent = (discriminator: string) =>
      requestApi(`oneOf: [{ $ref: '#/components/schemas/A' }, { $ref: '#/components/schemas/B' }]\ndiscriminator: ${discriminator}\n`, '3.0.3', extra);
    assert.deepEqual(
      await ours(
        sent("{ propertyName: kind, mapping: { a: '#/components/schemas/A', b: '#/components/schemas/B' } }"),
        sent("{ propertyName: kind, mapping: { a: '#/components/schemas/A' } }"),
      ),
      ['request-body-discriminator-mapping-deleted breaking'],
    );
  },
  // oasdiff: request-required-property-became-non-read-only INFO, request-*-became-read-only INFO.
  'read-only': async () => {
    const id = (flags: string) => requestApi(obj(`  id: { type: string${flags} }\n`, 'required: [id]\n'));
    assert.deepEqual(await ours(id(', readOnly: true'), id('')), ['request-property-became-non-read-only breaking']);
    assert.deepEqual(await ours(id(''), id(', readOnly: true')), ['request-property-became-read-only warning']);
  },
  // oasdiff: response-required-property-became-write-only INFO.
  'write-only-response': async () => {
    const secret = (flags: string) => responseApi(obj(`  secret: { type: string${flags} }\n`, 'required: [secret]\n'));
    assert.deepEqual(await ours(secret(''), secret(', writeOnly: true')), ['response-property-became-write-only breaking']);
  },
  // oasdiff: api-security-added INFO.
  'security-added-to-open-operation': async () => {
    assert.deepEqual(await ours(secured('[]'), secured('[{ key: [] }]')), ['security-added breaking']);
  },
  // oasdiff: api-security-removed ERR.
  'security-removed': async () => {
    assert.deepEqual(await ours(secured('[{ key: [] }]'), secured('[]')), ['security-removed info']);
  },
  // oasdiff: api-security-component-type-changed INFO; location and header name not compared.
  'security-scheme-changed': async () => {
    assert.deepEqual(await ours(secured('[{ key: [] }]'), secured('[{ key: [] }]', '    key: { type: http, scheme: bearer }\n')), [
      'api-security-component-type-changed breaking',
    ]);
    assert.deepEqual(await ours(secured('[{ key: [] }]'), secured('[{ key: [] }]', '    key: { type: apiKey, in: query, name: Api-Key }\n')), [
      'security-scheme-changed breaking',
    ]);
  },
  // oasdiff: api-security-component-oauth-scope-removed and api-security-component-removed INFO.
  'security-scope-removed-still-used': async () => {
    const before = secured('[{ oauth: [read] }]');
    assert.deepEqual(await ours(before, before.replace('read: r, ', '')), ['api-security-component-oauth-scope-removed breaking']);
    assert.deepEqual(await ours(before, before.replace('write: w', 'write: w, admin: a').replace('read: r, ', '')), [
      'api-security-component-oauth-scope-added info',
      'api-security-component-oauth-scope-removed breaking',
    ]);
  },
  // oasdiff: request-parameter-removed WARN and new-optional-request-parameter INFO.
  'parameter-moved': async () => {
    assert.deepEqual(await ours(param('{ type: string }'), param('{ type: string }').replace('in: query', 'in: header')), ['request-parameter-moved breaking']);
  },
  // oasdiff: request-parameter-property-type-changed WARN.
  'parameter-property-type': async () => {
    const deep = (type: string) => param(`{ type: object, properties: { a: { type: ${type} } } }`, '        style: deepObject\n');
    assert.deepEqual(await ours(deep('string'), deep('boolean')), ['request-parameter-property-type-changed breaking']);
  },
  // oasdiff: request-parameter-type-changed ERR for integer -> string.
  'parameter-text': async () => {
    assert.deepEqual(await ours(param('{ type: integer }'), param('{ type: string }')), ['request-parameter-type-changed info']);
  },
  // oasdiff: request-property-all-of-added ERR for any member that is more than annotations.
  'all-of-added-optional': async () => {
    const all = (members: string) => requestApi(`allOf: [{ type: object, properties: { a: { type: string } } }${members}]\n`);
    assert.deepEqual(await ours(all(''), all(', { type: object, properties: { b: { type: string } } }')), ['request-property-added info']);
  },
  // oasdiff: reports webhooks added and removed only.
  'webhook-operations': async () => {
    const pet = '{ type: object, properties: { id: { type: string }, tag: { type: string } } }';
    assert.deepEqual(await ours(hook(pet), hook('{ type: object, properties: { id: { type: string } } }')), ['request-property-removed breaking']);
    assert.deepEqual(await ours(hook(pet), hook(pet, '        required: true\n')), ['request-body-became-required info']);
    assert.deepEqual(await ours(hook(pet, '        required: true\n'), hook(pet)), ['request-body-became-optional breaking']);
  },
  // oasdiff: does not compare callbacks.
  callbacks: async () => {
    const withCallback = (schema: string) =>
      api(
        `/subscriptions:\n  post:\n    responses:\n      '201': { description: ok }\n    callbacks:\n      onEvent:\n        '{$request.body#/url}':\n          post:\n            requestBody:\n              content:\n                application/json:\n                  schema: ${schema}\n            responses:\n              '200': { description: ok }\n`,
      );
    assert.deepEqual(await ours(withCallback('{ type: object, properties: { a: { type: string } } }'), withCallback('{ type: object }')), [
      'request-property-removed breaking',
    ]);
    assert.deepEqual(await ours(withCallback('{ type: object }'), api(`/subscriptions:\n  post:\n    responses:\n      '201': { description: ok }\n`)), [
      'callback-removed breaking',
    ]);
  },
  // oasdiff: does not read info.x-deprecated / info.x-sunset.
  'version-deprecation': async () => {
    assert.deepEqual(await ours(get(''), get('', '  x-deprecated: true\n'), { today, minimumNoticeDays: 90 }), ['api-deprecated-sunset-missing breaking']);
  },
  // oasdiff: response-required-property-removed ERR whatever its deprecation.
  'property-removed-after-sunset': async () => {
    const a = (extra: string) => responseApi(obj(`  a: { type: string${extra} }\n  b: { type: string }\n`, 'required: [a]\n'));
    assert.deepEqual(await ours(a(", deprecated: true, x-sunset: '2025-12-01'"), responseApi(obj('  b: { type: string }\n'))), [
      'response-property-removed-with-deprecation info',
    ]);
  },
  // oasdiff: api-invalid-stability-level ERR for an invalid level in the base document too.
  'invalid-stability-level-fixed': async () => {
    assert.deepEqual(await ours(get('    x-stability-level: gold\n'), get('')), []);
  },
  // oasdiff: api-operation-id-removed / -added INFO.
  'operation-id-changed': async () => {
    assert.deepEqual(await ours(get('    operationId: listPets\n'), get('    operationId: getPets\n')), ['operation-id-changed warning']);
  },
  // oasdiff: response-success-status-added and response-non-success-status-removed INFO.
  'response-statuses': async () => {
    const statuses = (extra: string) => api(`/pets:\n  get:\n    responses:\n      '200': { description: ok }\n${extra}`);
    assert.deepEqual(await ours(statuses(''), statuses("      '202': { description: accepted }\n")), ['response-success-status-added warning']);
    assert.deepEqual(await ours(statuses("      '404': { description: gone }\n"), statuses('')), ['response-non-success-status-removed warning']);
  },
  // oasdiff: no rule for an enum removed from a response (became-not-enum is a request rule).
  'response-enum-removed': async () => {
    assert.deepEqual(await ours(responseApi('type: string\nenum: [a, b]\n'), responseApi('type: string\n')), ['response-body-enum-removed warning']);
  },
  // oasdiff: response-media-type-name-changed INFO.
  'media-type-name-changed': async () => {
    const csv = (charset: string) =>
      api(
        `/a:\n  get:\n    responses:\n      '200':\n        description: ok\n        content:\n          'text/csv; charset=${charset}': { schema: { type: string } }\n`,
      );
    assert.deepEqual(await ours(csv('utf-8'), csv('latin1')), ['response-media-type-name-changed warning']);
  },
  // oasdiff: only if added/removed.
  'if-changed': async () => {
    const conditional = (name: string) => requestApi(`type: object\nif: { required: [${name}] }\nthen: { required: [b] }\n`, '3.1.0');
    assert.deepEqual(await ours(conditional('a'), conditional('c')), ['request-body-if-changed warning']);
  },
};

const docs = readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/diff.md'), 'utf8');
const section = /## Where design-first differs from oasdiff\n([\s\S]*?)\n## /.exec(docs)?.[1] ?? '';
const documented = [...section.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((match) => match[1]!);

test('docs/diff.md lists exactly the differences tested here', () => {
  assert.ok(section, 'docs/diff.md has a "Where design-first differs from oasdiff" section');
  assert.deepEqual([...documented].sort(), Object.keys(DIFFERENCES).sort());
});

for (const [key, check] of Object.entries(DIFFERENCES)) test(`difference from oasdiff: ${key}`, check);
