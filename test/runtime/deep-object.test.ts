/**
 * `style: deepObject` query parameters in a generated service: the keys
 * `filter[Name]` and `expand[]` reach the handler as one object and one list,
 * coerced and validated against their schemas like any other parameter.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { bin, fixture, generate, run, startService } from './generated-service.js';

test('deepObject query parameters arrive folded, coerced and validated', { timeout: 180_000 }, async () => {
  const service = await generate('deep-object', [fixture('deep-object.yaml')], { lint: false });
  // The service's own contract test sends a required deepObject parameter as `filter[Name]=…`.
  const contract = await run(bin('tsx'), ['--test', 'test/contract.test.ts'], service);
  assert.equal(contract.code, 0, contract.stdout.slice(-3000));
  // A handler that answers with what it received, through the declared response schema.
  await writeFile(
    path.join(service, 'src/handlers/v1/things/listThings.ts'),
    [
      "import type { Handlers } from '../../../generated/v1/handlers.js';",
      '',
      "export const listThings: Handlers['listThings'] = async (request) => ({",
      '  status: 200,',
      '  body: { Filter: request.query.filter, Expand: request.query.expand },',
      '});',
      '',
    ].join('\n'),
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
    // A prototype key is dropped by the parser, not merged into anything.
    assert.deepEqual(await get('filter[Name]=Rex&filter[__proto__][Admin]=true'), { status: 200, body: { Filter: { Name: 'Rex' } } });
  } finally {
    await started.stop();
  }
});
