/**
 * Deprecation, sunset and stability (lifecycle.ts, operation-lifecycle.ts,
 * parameter-lifecycle.ts, the property part of schema-properties.ts): oasdiff's
 * deprecation policy under the playbook's notice period, judged on a fixed day.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sunsetDay } from '../../src/diff/index.js';
import { api, diffTexts, expectChange, idsAndSeverities, lineOf, requestApi, responseApi } from './helpers.js';

const today = new Date('2026-01-15T12:00:00Z');
const strict = { today, minimumNoticeDays: 90 };
const lenient = { today };

const pets = (get: string, parameters = '') =>
  api(`/pets:
  get:
${get}${parameters}    responses:
      '200': { description: ok }
  post:
    responses:
      '201': { description: ok }
`);
const withoutGet = api(`/pets:
  post:
    responses:
      '201': { description: ok }
`);

async function ids(before: string, after: string, options = lenient): Promise<string[]> {
  return idsAndSeverities(await diffTexts(before, after, options));
}

test('x-sunset is read as the service reads it: an RFC 3339 date or date-time, or an HTTP date; anything else is not a date', () => {
  assert.equal(sunsetDay('2026-06-30'), Date.UTC(2026, 5, 30) / 86_400_000);
  assert.equal(sunsetDay('2026-06-30T23:00:00Z'), sunsetDay('2026-06-30'));
  assert.equal(sunsetDay('Tue, 30 Jun 2026 08:00:00 GMT'), sunsetDay('2026-06-30'));
  for (const bad of ['2026-02-30', 'soon', '30/06/2026', 20260630, '']) assert.equal(sunsetDay(bad), 'invalid', String(bad));
  assert.equal(sunsetDay(undefined), undefined);
});

test('an operation removed without being deprecated first is breaking; after deprecation without a sunset it is info', async () => {
  const before = pets('');
  expectChange(await diffTexts(before, withoutGet, lenient), {
    id: 'api-removed-without-deprecation',
    severity: 'breaking',
    oldLine: lineOf(before, 'get:'),
    newLine: lineOf(withoutGet, '/pets:'),
    message: /^GET \/pets: the operation was removed without being deprecated first/,
  });
  assert.deepEqual(await ids(pets('    deprecated: true\n'), withoutGet), ['api-removed-with-deprecation info']);
});

test('a deprecated operation removed before its sunset is breaking, on or after it info, with an unreadable sunset breaking', async () => {
  assert.deepEqual(await ids(pets("    deprecated: true\n    x-sunset: '2026-06-01'\n"), withoutGet), ['api-removed-before-sunset breaking']);
  assert.deepEqual(await ids(pets("    deprecated: true\n    x-sunset: '2026-01-15'\n"), withoutGet), ['api-removed-with-deprecation info']);
  assert.deepEqual(await ids(pets('    deprecated: true\n    x-sunset: soon\n'), withoutGet), ['api-path-sunset-parse breaking']);
  // A whole path removed: each operation is judged, with the path ids.
  const gone = api('{}\n');
  assert.deepEqual(await ids(pets("    deprecated: true\n    x-sunset: '2026-06-01'\n"), gone), [
    'api-path-removed-before-sunset breaking',
    'api-path-removed-without-deprecation breaking',
  ]);
});

test('deprecating: info without a notice period; with one, a missing or too near sunset is breaking', async () => {
  assert.deepEqual(await ids(pets(''), pets('    deprecated: true\n')), ['endpoint-deprecated info']);
  assert.deepEqual(await ids(pets(''), pets('    deprecated: true\n'), strict), ['api-deprecated-sunset-missing breaking']);
  const near = pets("    deprecated: true\n    x-sunset: '2026-02-14'\n");
  expectChange(await diffTexts(pets(''), near, strict), {
    id: 'api-sunset-date-too-small',
    severity: 'breaking',
    newLine: lineOf(near, 'x-sunset'),
    message: /the operation was deprecated with a sunset sooner than the playbook's notice period \(x-sunset 2026-02-14\)/,
  });
  assert.deepEqual(await ids(pets(''), pets("    deprecated: true\n    x-sunset: 'Fri, 14 Aug 2026 00:00:00 GMT'\n"), strict), [
    'endpoint-deprecated-with-sunset info',
  ]);
  assert.deepEqual(await ids(pets(''), pets('    deprecated: true\n    x-sunset: next year\n'), strict), ['api-deprecated-sunset-parse breaking']);
  assert.deepEqual(await ids(pets('    deprecated: true\n'), pets('')), ['endpoint-reactivated info']);
});

test('a sunset removed is breaking; moved earlier, sooner than the notice period, breaking; moved later, nothing', async () => {
  const later = pets("    deprecated: true\n    x-sunset: '2026-08-14'\n");
  assert.deepEqual(await ids(later, pets('    deprecated: true\n'), strict), ['sunset-deleted breaking']);
  assert.deepEqual(await ids(later, pets("    deprecated: true\n    x-sunset: '2026-02-01'\n"), strict), ['api-sunset-date-changed-too-small breaking']);
  assert.deepEqual(await ids(later, pets("    deprecated: true\n    x-sunset: '2026-12-01'\n"), strict), []);
});

test("info.x-deprecated and info.x-sunset, which the service sends as headers, are every operation's facts: judged once, and used for removals", async () => {
  const version = (info: string, paths = "/pets:\n  get:\n    responses:\n      '200': { description: ok }\n") =>
    api(paths).replace("  version: '1'\n", `  version: '1'\n${info}`);
  assert.deepEqual(await ids(version(''), version("  x-deprecated: true\n  x-sunset: '2026-02-01'\n"), strict), ['api-sunset-date-too-small breaking']);
  assert.deepEqual(await ids(version(''), version("  x-deprecated: true\n  x-sunset: '2026-08-14'\n"), strict), ['endpoint-deprecated-with-sunset info']);
  assert.deepEqual(
    await ids(version("  x-deprecated: true\n  x-sunset: '2025-12-01'\n"), version("  x-deprecated: true\n  x-sunset: '2025-12-01'\n", '{}\n')),
    ['api-path-removed-with-deprecation info'],
  );
  assert.deepEqual(
    await ids(version("  x-deprecated: true\n  x-sunset: '2026-12-01'\n"), version("  x-deprecated: true\n  x-sunset: '2026-12-01'\n", '{}\n')),
    ['api-path-removed-before-sunset breaking'],
  );
});

test('parameters: deprecated, with the notice period; removed before their sunset breaking, after their deprecation info', async () => {
  const param = (extra: string) => pets('', `    parameters:\n      - name: q\n        in: query\n${extra}        schema: { type: string }\n`);
  assert.deepEqual(await ids(param(''), param('        deprecated: true\n')), ['request-parameter-deprecated info']);
  assert.deepEqual(await ids(param(''), param('        deprecated: true\n'), strict), ['request-parameter-deprecated-sunset-missing breaking']);
  assert.deepEqual(await ids(param(''), param("        deprecated: true\n        x-sunset: '2026-02-01'\n"), strict), [
    'request-parameter-sunset-date-too-small breaking',
  ]);
  assert.deepEqual(await ids(param("        deprecated: true\n        x-sunset: '2026-08-14'\n"), param('        deprecated: true\n')), [
    'request-parameter-sunset-deleted breaking',
  ]);
  assert.deepEqual(await ids(param("        deprecated: true\n        x-sunset: '2026-08-14'\n"), pets('')), [
    'request-parameter-removed-before-sunset breaking',
  ]);
  assert.deepEqual(await ids(param('        deprecated: true\n'), pets('')), ['request-parameter-removed-with-deprecation info']);
  assert.deepEqual(await ids(param(''), pets('')), ['request-parameter-removed warning']);
});

test('properties: deprecation with the notice period, and removal judged by it in requests and responses', async () => {
  const thing = (extra: string) => `type: object\nproperties:\n  id: { type: string }\n  tag:\n    type: string\n${extra}`;
  const gone = 'type: object\nproperties:\n  id: { type: string }\n';
  for (const [build, direction] of [
    [requestApi, 'request'],
    [responseApi, 'response'],
  ] as const) {
    assert.deepEqual(await ids(build(thing('')), build(thing('    deprecated: true\n')), strict), [`${direction}-property-deprecated-sunset-missing breaking`]);
    assert.deepEqual(await ids(build(thing('')), build(thing("    deprecated: true\n    x-sunset: '2026-08-14'\n")), strict), [
      `${direction}-property-deprecated-with-sunset info`,
    ]);
    assert.deepEqual(await ids(build(thing("    deprecated: true\n    x-sunset: '2026-08-14'\n")), build(gone), strict), [
      `${direction}-property-removed-before-sunset breaking`,
    ]);
    assert.deepEqual(await ids(build(thing("    deprecated: true\n    x-sunset: '2026-01-01'\n")), build(gone), strict), [
      `${direction}-property-removed-with-deprecation info`,
    ]);
    assert.deepEqual(await ids(build(thing('    deprecated: true\n')), build(thing(''))), [`${direction}-property-reactivated info`]);
  }
  // Without a deprecation, removal is what it always was.
  assert.deepEqual(await ids(responseApi(thing('')), responseApi(gone)), ['response-property-removed breaking']);
  assert.deepEqual(await ids(requestApi(thing('')), requestApi(gone)), ['request-property-removed warning']);
});

test('x-stability-level: lowered or invalid is breaking, raised info; draft and alpha operations change freely (reported as info)', async () => {
  assert.deepEqual(await ids(pets(''), pets('    x-stability-level: beta\n')), ['api-stability-decreased breaking']);
  assert.deepEqual(await ids(pets('    x-stability-level: beta\n'), pets('')), ['api-stability-increased info']);
  assert.deepEqual(await ids(pets(''), pets('    x-stability-level: gold\n')), ['api-invalid-stability-level breaking']);
  const alpha = (required: string) => pets('    x-stability-level: alpha\n', `    parameters: [{ name: q, in: query,${required} schema: { type: string } }]\n`);
  const changes = await diffTexts(alpha(''), alpha(' required: true,'), lenient);
  expectChange(changes, { id: 'request-parameter-became-required', severity: 'info', message: /\(x-stability-level alpha: may change freely\)$/ });
  assert.deepEqual(await ids(pets('    x-stability-level: draft\n'), withoutGet), ['api-removed-without-deprecation info']);
  const property = (level: string) => responseApi(`type: object\nproperties:\n  id: { type: string${level} }\n`);
  assert.deepEqual(await ids(property(''), property(', x-stability-level: alpha')), ['response-property-stability-decreased breaking']);
});
