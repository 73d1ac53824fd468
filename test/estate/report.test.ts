/**
 * `estate update`'s summary table and its last line: counted from the rows as
 * they are, so a dry run says how many would update (not how many were not
 * refused), and a service that no longer compiles is never called up to date.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatUpdates } from '../../src/estate/report.js';
import type { ServiceUpdate } from '../../src/estate/update.js';

function row(name: string, result: ServiceUpdate['result'], extra: Partial<ServiceUpdate> = {}): ServiceUpdate {
  return { dir: `/estate/${name}`, name, result, written: [], conflicts: [], compileErrors: null, detail: '', ...extra };
}

const lastLine = (text: string) => text.trimEnd().split('\n').at(-1);

test('a dry run counts the services that would update, not those that were not refused', () => {
  const text = formatUpdates([row('a', 'refused'), row('b', 'up to date'), row('c', 'would update', { written: ['SUPPORT.md'] })], true);
  assert.equal(lastLine(text), 'Dry run: nothing was written. 1 of 3 services would update, 1 is up to date, 1 would be refused.');
  assert.equal(lastLine(formatUpdates([row('b', 'up to date')], true)), 'Dry run: nothing was written. 0 of 1 services would update, 1 is up to date.');
});

test('a service that no longer compiles is counted among those not brought up to date, with its errors listed', () => {
  const broken = row('pets', 'does not compile', {
    written: ['src/generated/v1/types.ts'],
    compileErrors: ["operation getPet (src/handlers/v1/pets/getPet.ts:6): Type 'string' is not assignable to type 'number'. [TS2322]"],
  });
  const text = formatUpdates(
    [broken, row('register', 'up to date', { compileErrors: [] }), row('training', 'updated', { written: ['SUPPORT.md'], compileErrors: [] })],
    false,
  );
  assert.match(text, /^pets +does not compile +1 +0 +1$/m);
  assert.match(text, /^pets: operation getPet \(src\/handlers\/v1\/pets\/getPet\.ts:6\): .*\[TS2322\]$/m);
  assert.equal(lastLine(text), '1 of 3 services were not brought up to date (1 does not compile); of the others, 1 was updated and 1 was already up to date.');
});

test('when every service is up to date the last line says how many were updated', () => {
  assert.equal(
    lastLine(formatUpdates([row('a', 'updated'), row('b', 'up to date'), row('c', 'updated')], false)),
    'All 3 services are up to date: 2 updated, 1 already was.',
  );
  assert.equal(lastLine(formatUpdates([row('a', 'refused'), row('b', 'failed')], false)), '2 of 2 services were not brought up to date (1 refused, 1 failed).');
});
