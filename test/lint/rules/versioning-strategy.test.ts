import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Profile } from '../../../src/playbook/index.js';
import { lintWith, summary } from '../helpers.js';
import { openapi } from '../../openapi-document.js';

const rule = 'versioning-strategy';
const pathItem = "{ get: { responses: { '200': { description: ok } } } }";
const profile = (versioning: Profile['versioning']): Profile => ({ propertyCasing: 'pascal', paging: 'page', errorShape: 'problem', versioning });

describe(rule, () => {
  it('passes /v1 in every path, or in every server URL', async () => {
    const inPaths = openapi(`paths:
  /v1/courses: ${pathItem}
  /v1/levels: ${pathItem}
`);
    assert.deepEqual(await lintWith(rule, inPaths), []);
    const inServers = openapi(`servers: [{ url: 'https://api.example.com/courses/v1' }]
paths:
  /courses: ${pathItem}
`);
    assert.deepEqual(await lintWith(rule, inServers), []);
  });

  it('reports no version at all once, stray unversioned paths, and a version header', async () => {
    const none = openapi(`paths:
  /courses: ${pathItem}
`);
    assert.deepEqual(summary(await lintWith(rule, none)), [[rule, 'warning', 3]]);
    const mixed = openapi(`paths:
  /v1/courses: ${pathItem}
  /levels:
    get:
      parameters: [{ name: Api-Version, in: header, schema: { type: string } }]
      responses: { '200': { description: ok } }
`);
    assert.deepEqual(summary(await lintWith(rule, mixed)), [
      [rule, 'warning', 5],
      [rule, 'warning', 7],
    ]);
  });

  it('follows the header profile', async () => {
    const yaml = openapi(`paths:
  /courses:
    get:
      parameters: [{ name: X-Api-Version, in: header, schema: { type: string } }]
      responses: { '200': { description: ok } }
  /v2/levels: ${pathItem}
`);
    assert.deepEqual(summary(await lintWith(rule, yaml, { profile: profile('header') })), [
      [rule, 'warning', 8],
      [rule, 'warning', 8],
    ]);
  });

  it('follows the media-type profile', async () => {
    const yaml = openapi(`paths:
  /courses:
    get:
      responses: { '200': { description: ok, content: { application/vnd.acme.v1+json: {} } } }
  /levels:
    get:
      responses: { '200': { description: ok, content: { application/json: {} } } }
`);
    assert.deepEqual(summary(await lintWith(rule, yaml, { profile: profile('media-type') })), [[rule, 'warning', 8]]);
  });
});
