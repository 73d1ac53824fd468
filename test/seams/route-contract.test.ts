/**
 * The route contract between generator and runtime is declared twice, because
 * a generated service cannot import the generator: src/model/route-contract.ts,
 * whose types the generator writes as each version's route table, and
 * templates/service/src/platform/route-contract.ts, which the service reads.
 * `tsc -p tsconfig.test.json` (part of `npm test`) fails on this file when the
 * two drift apart in either direction.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type * as Model from '../../src/model/route-contract.js';
import type * as Platform from '../../templates/service/src/platform/route-contract.js';

/** `true` when A and B are assignable both ways; otherwise `never`, and assigning `true` fails to compile. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;

const contract = {
  routeSpec: true satisfies Same<Model.RouteSpec, Platform.RouteSpec>,
  queryStyle: true satisfies Same<Model.QueryStyle, Platform.QueryStyle>,
  mockAnswer: true satisfies Same<Model.MockAnswer, Platform.MockAnswer>,
  pagingSpec: true satisfies Same<Model.PagingSpec, Platform.PagingSpec>,
  linkSpec: true satisfies Same<Model.LinkSpec, Platform.LinkSpec>,
  linkValue: true satisfies Same<Model.LinkValue, Platform.LinkValue>,
  definitions: true satisfies Same<Model.Definitions, Platform.Definitions>,
  securityScheme: true satisfies Same<Model.SecuritySchemeModel, Platform.SecuritySchemeSpec>,
};

test('the generator and the generated platform declare the same route contract (held by tsc)', () => {
  assert.ok(Object.values(contract).every((same) => same === true));
});
