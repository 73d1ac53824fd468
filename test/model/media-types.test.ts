/** Media-type keys of a Content map (src/model/media-types.ts): `type/subtype` keys are used, others ignored with a note. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { usableMediaTypes } from '../../src/model/media-types.js';
import { openapi } from '../openapi-document.js';
import { contextOf } from './operation-context.js';

const POINTER = '/paths/~1pets/post/requestBody/content';
const contentOf = (keys: string[]) => Object.fromEntries(keys.map((key) => [key, { schema: { type: 'string' } }]));

describe('usableMediaTypes', () => {
  it('keeps type/subtype keys in blueprint order, with their parameters and as spelt', () => {
    const context = contextOf(openapi('paths: {}'));
    const keys = [
      'application/json',
      'application/json; charset=utf-8',
      'Application/JSON',
      'application/problem+json',
      'application/vnd.github.v3+json',
      'application/hal+json; profile="https://example.com/p"',
      'text/json',
      'text/plain',
      'application/*',
      'text/*',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/octet-stream',
      'image/svg+xml',
    ];
    assert.deepEqual(usableMediaTypes(context, contentOf(keys), POINTER), keys);
    assert.deepEqual(context.notes, []);
  });

  it('ignores keys that are not media types, with a note naming each at its content pointer', () => {
    const context = contextOf(openapi('paths: {}'));
    const content = contentOf(['json', 'application/', '/json', 'application/json/extra', 'application json', '', 'text/plain', 'application/json;\nx=1']);
    assert.deepEqual(usableMediaTypes(context, content, POINTER), ['text/plain']);
    assert.deepEqual(context.notes, [
      `${POINTER}: "json" is not a media type; ignored`,
      `${POINTER}: "application/" is not a media type; ignored`,
      `${POINTER}: "/json" is not a media type; ignored`,
      `${POINTER}: "application/json/extra" is not a media type; ignored`,
      `${POINTER}: "application json" is not a media type; ignored`,
      `${POINTER}: "" is not a media type; ignored`,
      `${POINTER}: "application/json;\\nx=1" is not a media type; ignored`,
    ]);
  });

  it('an empty Content map has no media types and no notes', () => {
    const context = contextOf(openapi('paths: {}'));
    assert.deepEqual(usableMediaTypes(context, {}, POINTER), []);
    assert.deepEqual(context.notes, []);
  });

  it('keeps the full range */* (request-body.ts and responses.ts read it as JSON; springdoc writes it for every response)', () => {
    const context = contextOf(openapi('paths: {}'));
    assert.deepEqual(usableMediaTypes(context, contentOf(['*/*', '*/*; q=0.5']), POINTER), ['*/*', '*/*; q=0.5']);
    assert.deepEqual(context.notes, []);
  });
});
