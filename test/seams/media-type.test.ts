/**
 * The generator (src/blueprint/openapi.ts) and the generated service
 * (templates/service/src/platform/media-type.ts) each decide which media types
 * carry JSON. A service cannot import the generator, so the rule is written
 * twice; this test fails when the copies answer differently for any media type
 * a blueprint or a client may send.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as Blueprint from '../../src/blueprint/openapi.js';
import * as Platform from '../../templates/service/src/platform/media-type.js';

const MEDIA_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'Application/JSON',
  ' application/json ;q=1',
  'application/problem+json',
  'application/vnd.amadeus+json',
  'application/hal+json; profile="x"',
  'text/json',
  'TEXT/JSON',
  '*/*',
  'application/*',
  'text/*',
  'text/plain',
  'text/html',
  'application/xml',
  'application/jsonp',
  'application/json-seq',
  'application/x-ndjson',
  'application/octet-stream',
  'multipart/form-data',
  'application/x-www-form-urlencoded',
  'image/png',
  '',
  ';',
];

test('the service and the generator agree on which media types are JSON', () => {
  for (const mediaType of MEDIA_TYPES) {
    assert.equal(Platform.isJsonMediaType(mediaType), Blueprint.isJsonMediaType(mediaType), `isJsonMediaType(${JSON.stringify(mediaType)})`);
    assert.equal(Platform.baseMediaType(mediaType), Blueprint.baseMediaType(mediaType), `baseMediaType(${JSON.stringify(mediaType)})`);
  }
});

test('both count vendor JSON, text/json and the ranges that admit JSON, and nothing else', () => {
  const json = MEDIA_TYPES.filter((mediaType) => Platform.isJsonMediaType(mediaType));
  assert.deepEqual(json, [
    'application/json',
    'application/json; charset=utf-8',
    'Application/JSON',
    ' application/json ;q=1',
    'application/problem+json',
    'application/vnd.amadeus+json',
    'application/hal+json; profile="x"',
    'text/json',
    'TEXT/JSON',
    '*/*',
    'application/*',
  ]);
});
