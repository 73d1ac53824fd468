/**
 * Paging, for every collection operation of every version: `?page=1` answers
 * the envelope (page number, items, links with `self`), a page that is not a
 * whole number from 1 answers 400, and without `page` the answer is either the
 * whole collection or 400 saying paging is mandatory.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { versions } from '../src/generated/versions.js';
import { injectSample, responseSchema, samplesOf, schemaErrors, testApp } from './helpers.js';

const app = await testApp();
after(() => app.close());

type Envelope = Record<string, unknown>;
type LinkObject = Record<string, string>;
let calls = 0;

for (const version of versions) {
  const samples = samplesOf(version.key);
  const paged = version.routes.filter((route) => route.paging !== null);
  if (paged.length === 0) continue;
  describe(`${version.key} paging`, () => {
    for (const route of paged) {
      const paging = route.paging!;
      const call = (page: string | null) => {
        // A client of its own for every call, so the operation's rate limit (rate-limit.test.ts) never answers 429 here.
        calls += 1;
        const sample = samples[route.operationId]!;
        const query: Record<string, string> = { ...sample.query };
        delete query.page;
        if (page !== null) query.page = page;
        return injectSample(app, version.prefix, route, sample, `paging-${calls}`, query);
      };
      const links = (body: Envelope) => body[paging.envelope.links] as LinkObject[];
      const rel = (body: Envelope, name: string) => links(body).find((link) => link[paging.envelope.rel] === name);

      test(`${route.method} ${version.prefix}${route.url}?page=1 answers page 1 with its links`, async () => {
        const response = await call('1');
        assert.equal(response.statusCode, paging.status, response.body.slice(0, 500));
        const body = response.json() as Envelope;
        assert.deepEqual(schemaErrors(responseSchema(route, response.statusCode), body), []);
        assert.equal(body[paging.envelope.page], 1);
        assert.ok(Array.isArray(body[paging.itemsKey]), `the items are under ${paging.itemsKey}`);
        assert.ok((body[paging.itemsKey] as unknown[]).length <= paging.pageSize, 'at most one page of items');
        const self = rel(body, 'self');
        assert.ok(self, 'a self link');
        assert.ok(self[paging.envelope.href]!.startsWith(`${version.prefix}/`), self[paging.envelope.href]);
        assert.match(self[paging.envelope.href]!, /[?&]page=1(&|$)/);
        assert.equal(self[paging.envelope.type], route.method);
        assert.equal(rel(body, 'prev-page'), undefined, 'page 1 has no previous page');
      });

      for (const page of ['0', '-1', 'abc', '1.5']) {
        test(`${route.method} ${version.prefix}${route.url}?page=${page} answers 400`, async () => {
          const response = await call(page);
          assert.equal(response.statusCode, 400, response.body.slice(0, 500));
          assert.match(String(response.headers['content-type']), /json/);
          assert.match(response.body, /page/);
        });
      }

      test(`${route.method} ${version.prefix}${route.url} without page answers everything, or 400 when paging is mandatory`, async () => {
        const response = await call(null);
        if (response.statusCode === 400) {
          assert.match(response.body, /paging is mandatory/i);
          return;
        }
        assert.equal(response.statusCode, paging.status, response.body.slice(0, 500));
        const body = response.json() as Envelope;
        assert.deepEqual(schemaErrors(responseSchema(route, response.statusCode), body), []);
        assert.ok((body[paging.itemsKey] as unknown[]).length <= paging.unpagedMaximum);
        assert.doesNotMatch(rel(body, 'self')![paging.envelope.href]!, /[?&]page=/);
      });
    }
  });
}
