/**
 * Contract tests: every operation of every version is called through
 * fastify.inject() with a valid request from the blueprint, and its answer is
 * checked against the blueprint: status, media type and body schema.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { versions } from '../src/generated/versions.js';
import { encodeBody, responseSchema, samplesOf, schemaErrors, testApp } from './helpers.js';

const app = await testApp();
after(() => app.close());

for (const version of versions) {
  const samples = samplesOf(version.key);
  describe(`${version.key} operations`, () => {
    for (const route of version.routes) {
      test(`${route.method} ${version.prefix}${route.url} (${route.operationId})`, async () => {
        const sample = samples[route.operationId];
        assert.ok(sample, `no sample request for ${route.operationId}`);
        const body = encodeBody(sample);
        const response = await app.inject({
          method: route.method as 'GET',
          url: version.prefix + sample.path,
          // A collection is asked for its first page: without one, a big collection rightly answers 400.
          query: route.paging && sample.query.page === undefined ? { ...sample.query, page: '1' } : sample.query,
          headers: { ...sample.headers, ...body.headers },
          ...(body.payload === undefined ? {} : { payload: body.payload }),
        });
        assert.equal(response.statusCode, route.mock.status, `unexpected status; body: ${response.body.slice(0, 500)}`);
        const contentType = String(response.headers['content-type'] ?? '');
        if (route.mock.contentType !== null && route.method !== 'HEAD') {
          assert.ok(contentType.toLowerCase().startsWith(route.mock.contentType.split(';')[0]!.toLowerCase()), `content type ${contentType}`);
        }
        if (/json/.test(contentType) && response.body !== '') {
          assert.deepEqual(schemaErrors(responseSchema(route, response.statusCode), JSON.parse(response.body)), []);
        }
      });
    }
  });
}
