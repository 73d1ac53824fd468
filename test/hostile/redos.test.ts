/**
 * A blueprint `pattern` that backtracks catastrophically (`^(a+)+$`) must not
 * hang the generator (which checks examples against patterns) or the
 * generated service (which validates requests against them): patterns run on
 * RE2 (re2js, linear time), with a bounded fallback for lookaround and
 * backreferences. Generation and requests run in child processes with time
 * limits, so a regression fails the test instead of hanging it.
 */
import assert from 'node:assert/strict';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { repoRoot, run, scratchFolder } from '../generate/helpers.js';
import * as generatorEngine from '../../src/regexp.js';
import * as serviceEngine from '../../templates/service/src/platform/regexp.js';

const EVIL = '^(a+)+$';
const HOSTILE_INPUT = `${'a'.repeat(40)}!`;
const LOOKAHEAD = '^(?=.*[A-Z]).{8,}$';
const BACKREFERENCE = '^(\\w+)-\\1$';
/** Lookaround RE2 cannot run, around a group JavaScript would take exponential time on. */
const UNSAFE_LOOKAHEAD = '^(?=(a+)+$)a';

const blueprint = {
  openapi: '3.1.0',
  info: { title: 'ReDoS', version: '1.0.0' },
  paths: {
    '/redos': {
      post: {
        operationId: 'redos',
        parameters: [{ name: 'q', in: 'query', schema: { type: 'string', pattern: EVIL } }],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                properties: {
                  name: { type: 'string', pattern: EVIL },
                  password: { type: 'string', pattern: LOOKAHEAD },
                  pair: { type: 'string', pattern: BACKREFERENCE },
                  nested: { type: 'string', pattern: UNSAFE_LOOKAHEAD },
                  tags: { type: 'object', patternProperties: { [EVIL]: { type: 'string' } }, additionalProperties: false },
                },
              },
              // The generator checks examples against their schemas: this one must not hang it.
              example: { name: HOSTILE_INPUT },
            },
          },
        },
        responses: {
          '200': {
            description: 'ok',
            content: {
              'application/json': {
                schema: { type: 'object', properties: { name: { type: 'string', pattern: EVIL } } },
                example: { name: HOSTILE_INPUT },
              },
            },
          },
        },
      },
    },
  },
};

describe('the regular-expression engines (generator and service copies)', () => {
  for (const [label, engine] of [
    ['generator src/regexp.ts', generatorEngine],
    ['service platform/regexp.ts', serviceEngine],
  ] as const) {
    test(label, () => {
      const started = performance.now();
      assert.equal(engine.safeRegExp(EVIL, 'u').test(HOSTILE_INPUT), false);
      assert.equal(engine.safeRegExp(EVIL, 'u').test(`${'a'.repeat(100_000)}!`), false);
      assert.ok(performance.now() - started < 1000, `took ${performance.now() - started} ms`);
      assert.equal(engine.safeRegExp(EVIL, 'u').test('aaaa'), true);
      // JavaScript syntax RE2 spells differently is translated.
      assert.equal(engine.safeRegExp('^\\u00e9(?<rest>\\d+)$', 'u').test('é12'), true);
      assert.equal(engine.safeRegExp("^[\\p{L} '-]+$", 'u').test("Zoë O'Neil"), true);
      // Lookahead and backreferences fall back to JavaScript's engine, bounded.
      assert.equal(engine.safeRegExp(LOOKAHEAD, 'u').test('abcdefgh'), false);
      assert.equal(engine.safeRegExp(LOOKAHEAD, 'u').test('Abcdefgh'), true);
      assert.equal(engine.safeRegExp(BACKREFERENCE, 'u').test('ab-ab'), true);
      assert.equal(engine.safeRegExp(BACKREFERENCE, 'u').test('ab-cd'), false);
      // Patterns that would be exponential on the fallback are not run at all.
      assert.equal(engine.boundedBacktracking(UNSAFE_LOOKAHEAD), false);
      assert.equal(engine.boundedBacktracking('^(?:a|aa)*$'), false);
      assert.equal(engine.boundedBacktracking('^((a+))+$'), false);
      assert.equal(engine.boundedBacktracking(LOOKAHEAD), true);
      assert.equal(engine.boundedBacktracking('^[(+]+(x)$'), true);
      const unsafe = engine.safeRegExp(UNSAFE_LOOKAHEAD, 'u');
      const at = performance.now();
      unsafe.test(HOSTILE_INPUT);
      assert.ok(performance.now() - at < 100);
      // Never throws, and AJV's cache key tells patterns apart.
      assert.doesNotThrow(() => engine.safeRegExp('(', 'u'));
      assert.notEqual(String(engine.safeRegExp('a', 'u')), String(engine.safeRegExp('b', 'u')));
    });
  }
});

test('the generator engine stays fast on short values of nested exponential patterns RE2 cannot run', async () => {
  const engine = pathToFileURL(path.join(repoRoot, 'src/regexp.ts')).href;
  const program = `const { safeRegExp } = await import(${JSON.stringify(engine)});
safeRegExp('^(?=((a+)+)+$)a', 'u').test('${'a'.repeat(19)}!');`;
  const result = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', program], repoRoot, {}, 10_000);
  assert.equal(result.code, 0, `did not finish in 10 s: ${result.stderr.slice(-500)}`);
});

describe('a catastrophically backtracking pattern in a blueprint', () => {
  let scratch: string;
  let service: string;

  after(() => rm(scratch, { recursive: true, force: true }));

  before(async () => {
    scratch = await scratchFolder('redos');
    service = path.join(scratch, 'service');
    const file = path.join(scratch, 'redos.json');
    await writeFile(file, JSON.stringify(blueprint, null, 2));
    const newModule = pathToFileURL(path.join(repoRoot, 'src/cli/commands/new.ts')).href;
    const program = `const { runNew } = await import(${JSON.stringify(newModule)});
process.exitCode = await runNew({ blueprints: [${JSON.stringify(file)}], out: ${JSON.stringify(service)}, lint: false });`;
    const started = performance.now();
    const result = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', program], scratch, {}, 60_000);
    const seconds = (performance.now() - started) / 1000;
    assert.equal(result.code, 0, `generation failed or hung (${seconds.toFixed(1)} s): ${result.stderr.slice(-2000)}`);
    assert.ok(seconds < 30, `generation took ${seconds.toFixed(1)} s`);
  });

  test('is answered 400 by the generated service in well under a second, and the service keeps enforcing patterns', { timeout: 120_000 }, async () => {
    const probe = path.join(scratch, 'probe.mts');
    await writeFile(
      probe,
      `import { testApp } from './service/test/helpers.ts';
const app = await testApp();
await app.ready();
const cases = JSON.parse(process.argv[2]);
const results = [];
for (const c of cases) {
  const started = performance.now();
  const response = await app.inject({ method: 'POST', url: '/v1/redos' + (c.query ?? ''), headers: { 'content-type': 'application/json' }, payload: JSON.stringify(c.body) });
  results.push({ name: c.name, status: response.statusCode, ms: performance.now() - started, body: response.body.slice(0, 300) });
}
await app.close();
process.stdout.write(JSON.stringify(results));
`,
    );
    const cases = [
      { name: 'evil pattern, hostile value', body: { name: HOSTILE_INPUT }, status: 400 },
      { name: 'evil pattern, 100 000 characters', body: { name: `${'a'.repeat(100_000)}!` }, status: 400 },
      { name: 'evil pattern, matching value', body: { name: 'aaaa' }, status: 200 },
      { name: 'evil pattern in a query parameter', body: {}, query: `?q=${HOSTILE_INPUT}`, status: 400 },
      { name: 'evil patternProperties, hostile key', body: { tags: { [HOSTILE_INPUT]: 'x' } }, status: 400 },
      { name: 'evil patternProperties, matching key', body: { tags: { aaa: 'x' } }, status: 200 },
      { name: 'lookahead (JavaScript fallback), failing', body: { password: 'abcdefgh' }, status: 400 },
      { name: 'lookahead (JavaScript fallback), matching', body: { password: 'Abcdefgh' }, status: 200 },
      { name: 'lookahead (JavaScript fallback), over the length cap', body: { password: `A${'a'.repeat(5000)}` }, status: 400 },
      { name: 'backreference, matching', body: { pair: 'ab-ab' }, status: 200 },
      { name: 'backreference, failing', body: { pair: 'ab-cd' }, status: 400 },
      { name: 'exponential lookahead: not enforced, answered at once', body: { nested: HOSTILE_INPUT }, status: 200 },
    ];
    const result = await run(process.execPath, ['--import', 'tsx', probe, JSON.stringify(cases)], scratch, { LOG_LEVEL: 'silent' }, 60_000);
    assert.equal(result.code, 0, `the service hung or failed: ${result.stderr.slice(-2000)}`);
    const answers = JSON.parse(result.stdout) as Array<{ name: string; status: number; ms: number; body: string }>;
    for (const [index, expected] of cases.entries()) {
      const answer = answers[index]!;
      assert.equal(answer.status, expected.status, `${expected.name}: ${answer.body}`);
      assert.ok(answer.ms < 500, `${expected.name}: answered in ${answer.ms.toFixed(0)} ms`);
    }
    // The pattern that is not enforced is said once, at compile time, not silently dropped.
    assert.match(result.stderr, /DESIGN_FIRST_PATTERN.*not enforced/);
  });
});
