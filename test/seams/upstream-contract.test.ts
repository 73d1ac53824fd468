/**
 * The upstream call contract is declared twice, because a generated service
 * cannot import the generator: src/model/upstreams/call-contract.ts, whose
 * types the generator writes into each upstream's client, and
 * templates/service/src/upstream/call-contract.ts, which the service's
 * outbound-call runtime reads. `tsc -p tsconfig.test.json` (part of `npm test`)
 * fails on this file when the two drift apart in either direction.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type * as Model from '../../src/model/upstreams/call-contract.js';
import type * as Runtime from '../../templates/service/src/upstream/call-contract.js';

/** `true` when A and B are assignable both ways; otherwise `never`, and assigning `true` fails to compile. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;

const contract = {
  callSpec: true satisfies Same<Model.UpstreamCallSpec, Runtime.UpstreamCallSpec>,
  returned: true satisfies Same<Model.ReturnedStatuses, Runtime.ReturnedStatuses>,
  query: true satisfies Same<Model.QuerySerialisation, Runtime.QuerySerialisation>,
  mock: true satisfies Same<Model.UpstreamMockAnswer, Runtime.UpstreamMockAnswer>,
};

test('the generator and the outbound-call runtime declare the same call contract (held by tsc)', () => {
  assert.ok(Object.values(contract).every((same) => same === true));
});
