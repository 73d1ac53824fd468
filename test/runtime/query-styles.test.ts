/**
 * Query parameters spelt as more than one value, in a generated service: the
 * deepObject keys `filter[Name]` and `expand[]`, and the lists `ids=1,2,3`
 * and `tags=a|b`, reach the handler as one object or list each, coerced and
 * validated against their schemas like any other parameter.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bin, fixture, generate, run, startService, writeHandler } from './generated-service.js';

test('deepObject and non-exploded list parameters arrive put together, coerced and validated', { timeout: 180_000 }, async () => {
  const service = await generate('deep-object', [fixture('query-styles.yaml')], { lint: false });
  // The service's own contract test sends a required deepObject parameter as `filter[Name]=…`.
  const contract = await run(bin('tsx'), ['--test', 'test/contract.test.ts'], service);
  assert.equal(contract.code, 0, contract.stdout.slice(-3000));
  // A handler that answers with what it received, through the declared response schema.
  await writeHandler(
    service,
    'things/listThings',
    'listThings',
    'async (request) => ({ status: 200, body: { Filter: request.query.filter, Expand: request.query.expand, Ids: request.query.ids, Tags: request.query.tags } })',
  );
  const started = await startService(service, { AUTH_MODE: 'mock' });
  try {
    const get = async (query: string) => {
      const response = await fetch(`${started.url}/v1/things?${query}`);
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    assert.deepEqual(await get('filter[Name]=Rex&filter[Age]=3&expand[]=owner&expand[]=tags'), {
      status: 200,
      body: { Filter: { Name: 'Rex', Age: 3 }, Expand: ['owner', 'tags'] },
    });
    // Indexed lists (`expand[0]`) and percent-encoded brackets are the same thing.
    assert.deepEqual(await get('filter%5BName%5D=Rex&expand[0]=tags'), { status: 200, body: { Filter: { Name: 'Rex' }, Expand: ['tags'] } });

    const badAge = await get('filter[Name]=Rex&filter[Age]=old');
    assert.equal(badAge.status, 400);
    assert.match(JSON.stringify(badAge.body), /filter\/Age/);
    assert.equal((await get('filter[Name]=Rex&expand[]=everything')).status, 400);
    assert.equal((await get('filter[Name]=Rex&filter[Colour]=red')).status, 400, 'a property the schema does not allow');
    assert.equal((await get('expand[]=tags')).status, 400, 'the required filter is missing');
    assert.deepEqual(await get('filter[Name]=Rex&ids=1,2,3&tags=a%7Cb%7Cc'), {
      status: 200,
      body: { Filter: { Name: 'Rex' }, Ids: [1, 2, 3], Tags: ['a', 'b', 'c'] },
    });
    assert.deepEqual(await get('filter[Name]=Rex&ids=7'), { status: 200, body: { Filter: { Name: 'Rex' }, Ids: [7] } });
    assert.deepEqual(await get('filter[Name]=Rex&ids='), { status: 200, body: { Filter: { Name: 'Rex' }, Ids: [] } });
    const badId = await get('filter[Name]=Rex&ids=1,two');
    assert.equal(badId.status, 400);
    assert.match(JSON.stringify(badId.body), /ids\/1/);
    // A prototype key is dropped by the parser, not merged into anything.
    assert.deepEqual(await get('filter[Name]=Rex&filter[__proto__][Admin]=true'), { status: 200, body: { Filter: { Name: 'Rex' } } });
  } finally {
    await started.stop();
  }
});
