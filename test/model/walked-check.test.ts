/**
 * The mock check walks the schemas it can decide instead of compiling them
 * with AJV (walked-check.ts). Its verdicts must be AJV's: a mock answer the
 * walk passed and AJV refuses would fail the generated service's own
 * response validation. These tests compare the two on random schemas and
 * values (a fixed seed, so a failure can be replayed) and on the cases where
 * AJV's behaviour is least obvious.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createAjv, createExampleCheck } from '../../src/model/samples/example-check.js';
import { walkable } from '../../src/model/samples/walked-check.js';

const ID = 'urn:test:v1:response';
const PREFIX = `${ID}#/$defs/`;

/** AJV alone, with the mock check's options and every definition compiled the usual way: the reference verdict. */
function ajvVerdict($defs: Record<string, unknown>): (schema: object, value: unknown) => boolean {
  const ajv = createAjv(false);
  ajv.addSchema({ $id: ID, $defs });
  return (schema, value) => ajv.compile(schema)(value) === true;
}

function agree($defs: Record<string, unknown>, schema: object, values: unknown[]): void {
  const check = createExampleCheck({ $id: ID, $defs: $defs as never });
  const reference = ajvVerdict($defs);
  for (const value of values) {
    assert.equal(check(schema as never, value), reference(schema, value), `${JSON.stringify(schema)} on ${String(JSON.stringify(value))}`);
  }
}

test('a property named __proto__ counts as AJV counts it, with up to 8 properties and with more', () => {
  const few = { type: 'object', properties: { ['__proto__']: { type: 'string' }, a: { type: 'string' } }, additionalProperties: false };
  Object.defineProperty(few.properties, '__proto__', { value: { type: 'string' }, enumerable: true });
  const many: Record<string, unknown> = {};
  Object.defineProperty(many, '__proto__', { value: { type: 'string' }, enumerable: true });
  // Nine names besides __proto__: one more than AJV compares one by one.
  for (const name of 'abcdefghi') many[name] = { type: 'integer' };
  const values = [JSON.parse('{"__proto__": 5}'), JSON.parse('{"__proto__": "x", "a": "y"}'), { a: 'y' }, { a: 1 }, { b: 2 }];
  agree({}, few, values);
  agree({}, { type: 'object', properties: many, additionalProperties: false }, values);
});

test('NaN fails a limit, Infinity is an integer, and undefined properties are absent but still looked at as additional', () => {
  agree({}, { type: 'number', minimum: 0 }, [Number.NaN, Number.POSITIVE_INFINITY, -1, 0]);
  agree({}, { type: 'integer' }, [Number.NaN, Number.POSITIVE_INFINITY, 1.5, 2, '2']);
  agree({}, { type: 'object', required: ['a'], properties: { a: { type: 'string' } }, additionalProperties: { type: 'string' } }, [
    { a: undefined },
    { a: 'x', b: undefined },
    { a: 'x', b: 'y' },
  ]);
});

test('limits at their boundaries, lengths in code points, prefixItems before items, deep equality for enum, NaN const', () => {
  agree({}, { type: 'string', maxLength: 2 }, ['😀😀', 'abc', '']);
  agree({}, { type: 'string', minLength: 3 }, ['😀😀', 'abc']);
  agree({}, { exclusiveMinimum: 1, exclusiveMaximum: 3 }, [1, 1.5, 3, 2.999]);
  agree({}, { minimum: 1, maximum: 3 }, [1, 0.999, 3, 3.001]);
  agree({}, { minItems: 1, maxItems: 2 }, [[], [1], [1, 2], [1, 2, 3]]);
  agree({}, { minProperties: 1, maxProperties: 1 }, [{}, { a: undefined }, { a: 1, b: 2 }]);
  agree({}, { prefixItems: [{ type: 'string' }], items: { type: 'integer' } }, [['a', 1], ['a', 'b'], [1], ['a']]);
  agree({}, { prefixItems: [{ type: 'string' }], items: false }, [['a'], ['a', 1]]);
  agree({}, { enum: [{ a: 1 }, 'x'] }, [{ a: 1 }, 'x', { a: 2 }, [1]]);
  // AJV compares a scalar const with !==: NaN matches no NaN (an object const goes through deep equality).
  agree({}, { const: Number.NaN }, [Number.NaN, 1]);
  agree({}, { const: { n: 1 } }, [{ n: 1 }, { n: 2 }]);
  // Patterns run with the u flag: with it, `.` takes the whole emoji (the lookahead sends this one to JavaScript's engine).
  agree({}, { type: 'string', pattern: '^(?=.)(.)$' }, ['😀', 'ab']);
});

test('a walk that throws is made again by AJV alone, which may have refused the value on an earlier keyword', () => {
  // fast-deep-equal calls an object's own toString: this example breaks it, and AJV refuses the extra key `b` first.
  const schema = { type: 'object', additionalProperties: false, properties: { a: { enum: [{ k: 1 }] } } };
  agree({}, schema, [{ a: { toString: 1 }, b: 1 }, { a: { k: 1 } }]);
});

test('schemas that differ only in NaN or Infinity (YAML .nan, .inf) keep their own verdicts', () => {
  const $defs = {
    Null: { uniqueItems: true, const: null },
    Infinite: { uniqueItems: true, const: Number.POSITIVE_INFINITY },
  };
  const check = createExampleCheck({ $id: ID, $defs: $defs as never });
  // Compiled (uniqueItems is not walked), the first one's validator must not answer for the second.
  assert.equal(check({ $ref: `${PREFIX}Null` } as never, null), true);
  assert.equal(check({ $ref: `${PREFIX}Infinite` } as never, null), false);
  assert.equal(check({ $ref: `${PREFIX}Infinite` } as never, Number.POSITIVE_INFINITY), true);
  // Walked route schemas alike.
  assert.equal(check({ const: null } as never, null), true);
  assert.equal(check({ const: Number.NEGATIVE_INFINITY } as never, null), false);
});

test('oneOf passes exactly one, anyOf at least one, allOf every one, not none', () => {
  const branches = [{ type: 'integer' }, { type: 'number', maximum: 10 }];
  const values = [1, 1.5, 20, 'x', null];
  for (const keyword of ['oneOf', 'anyOf', 'allOf']) agree({}, { [keyword]: branches }, values);
  agree({}, { not: { type: 'integer' } }, values);
});

test('formats come from the same AJV (strings and numbers), unknown ones are ignored, patterns go through the safe engine', () => {
  agree({}, { type: 'string', format: 'date-time' }, ['2024-01-01T00:00:00Z', '2024-13-01T00:00:00Z', 'now', 5]);
  agree({}, { type: 'integer', format: 'int32' }, [2 ** 31, 2 ** 31 - 1, -(2 ** 31), 'x']);
  agree({}, { format: 'no-such-format' }, ['anything', 1]);
  agree({}, { type: 'string', pattern: '^[a-z]+$', minLength: 2, maxLength: 3 }, ['ab', 'abcd', 'a', 'AB', '😀😀']);
  agree({}, { type: 'string', pattern: '^(?=a)\\w+$' }, ['abc', 'bcd']);
  agree({}, { type: 'string', pattern: '(' }, ['x']);
});

test('a walked definition and a compiled one refer to each other', () => {
  const $defs = {
    Walked: { type: 'object', required: ['next'], properties: { next: { $ref: `${PREFIX}Compiled` }, size: { type: 'integer' } } },
    // uniqueItems and multipleOf are not walked: AJV compiles this one, and its reference comes back to the walk.
    Compiled: { type: 'array', uniqueItems: true, items: { anyOf: [{ type: 'integer', multipleOf: 2 }, { $ref: `${PREFIX}Walked` }] } },
  };
  assert.equal(walkable($defs.Walked, { prefix: PREFIX, ajv: createAjv(false) }), true);
  assert.equal(walkable($defs.Compiled, { prefix: PREFIX, ajv: createAjv(false) }), false);
  agree($defs, { $ref: `${PREFIX}Walked` }, [
    { next: [2, 4] },
    { next: [2, 2] },
    { next: [3] },
    { next: [{ next: [] }] },
    { next: [{ next: [1] }] },
    { next: [], size: 1.5 },
    {},
  ]);
});

test('random schemas and values: the walk and AJV agree, and most schemas are walked', () => {
  const random = mulberry32(20261207);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const names = ['a', 'b', 'c', 'd', '__proto__', 'e-f', ''];
  let walked = 0;
  let cases = 0;
  for (let round = 0; round < 150; round++) {
    const $defs: Record<string, unknown> = {};
    const keys = ['A', 'B', 'C'];
    // A definition refers to itself (or to one referring back) only where the value nests: a reference in the
    // same place would recurse for ever, in AJV as in the walk. `refs` are the definitions allowed here.
    const schema = (depth: number, refs: readonly string[]): unknown => {
      const ref = () => (refs.length > 0 ? { $ref: `${PREFIX}${pick(refs)}` } : {});
      const nested = () => schema(depth + 1, keys);
      const beside = () => schema(depth + 1, refs);
      if (depth > 3 || random() < 0.15) return pick([true, false, { type: pick(TYPES) }, ref(), {}]);
      const out: Record<string, unknown> = {};
      const define = (key: string, value: unknown) => Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      if (random() < 0.6) out.type = random() < 0.7 ? pick(TYPES) : [pick(TYPES), pick(TYPES)].filter((t, i, all) => all.indexOf(t) === i);
      if (random() < 0.4) {
        const properties: Record<string, unknown> = {};
        const count = random() < 0.3 ? 10 : 1 + Math.floor(random() * 3);
        for (let i = 0; i < count; i++) {
          const name = i < names.length && random() < 0.7 ? pick(names) : `p${i}`;
          Object.defineProperty(properties, name, { value: nested(), enumerable: true, writable: true, configurable: true });
        }
        define('properties', properties);
      }
      if (random() < 0.3) out.required = [pick(names), pick(names)];
      if (random() < 0.3) out.additionalProperties = random() < 0.5 ? false : nested();
      if (random() < 0.3) out.items = nested();
      if (random() < 0.15) out.prefixItems = [nested(), nested()];
      if (random() < 0.2) out[pick(['anyOf', 'oneOf', 'allOf'])] = [beside(), beside()];
      if (random() < 0.1) out.not = beside();
      if (random() < 0.15) out.enum = [pick(SCALARS), pick(SCALARS), { a: 1 }];
      if (random() < 0.1) out.const = pick(SCALARS);
      if (random() < 0.2) out[pick(['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'])] = pick([-1, 0, 1, 2.5]);
      if (random() < 0.2) out[pick(['minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties'])] = pick([0, 1, 2]);
      if (random() < 0.1) out.format = pick(['date', 'email', 'int32', 'uuid', 'unknown-format']);
      if (random() < 0.1) out.pattern = pick(['^a', 'b$', '^(?=a)', '[0-9]']);
      if (random() < 0.1) Object.assign(out, ref());
      // Keywords the walk leaves to AJV, now and then: those schemas are compiled, the rest of the tree still walked.
      if (random() < 0.05)
        Object.assign(
          out,
          pick([{ multipleOf: 2 }, { uniqueItems: true }, { type: 'string', nullable: true }, { patternProperties: { '^x': { type: 'string' } } }]),
        );
      if (random() < 0.1) out.description = 'annotations change nothing';
      return out;
    };
    for (const [index, key] of keys.entries()) $defs[key] = schema(1, keys.slice(index + 1));
    const route = schema(0, keys) as object;
    const context = { prefix: PREFIX, ajv: createAjv(false) };
    for (const asked of [route, ...Object.values($defs)]) if (walkable(asked, context)) walked++;
    const values = Array.from({ length: 12 }, () => value(random, 0));
    agree($defs, typeof route === 'object' ? route : { allOf: [route] }, values);
    cases += values.length;
  }
  assert.ok(cases >= 1800);
  // Otherwise the comparison would mostly be AJV against itself (route schemas and definitions: 600 in all).
  assert.ok(walked >= 250, `only ${walked} of 600 schemas were walked`);
});

const TYPES = ['null', 'boolean', 'object', 'array', 'number', 'integer', 'string'] as const;
const SCALARS = [null, true, false, 0, 1, -1, 2.5, '', 'a', 'ab', '2024-01-01', 'x@example.com'] as const;

function value(random: () => number, depth: number): unknown {
  const roll = random();
  if (depth > 3 || roll < 0.35) return SCALARS[Math.floor(random() * SCALARS.length)];
  if (roll < 0.45) return [Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31, '😀', 'aaa', 'b'][Math.floor(random() * 6)];
  if (roll < 0.65) return Array.from({ length: Math.floor(random() * 4) }, () => value(random, depth + 1));
  const out: Record<string, unknown> = {};
  const count = Math.floor(random() * 5);
  for (let i = 0; i < count; i++) {
    const name = ['a', 'b', 'c', 'd', '__proto__', 'e-f', '', 'p1', 'p9'][Math.floor(random() * 9)]!;
    Object.defineProperty(out, name, { value: random() < 0.1 ? undefined : value(random, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** A small seeded generator, so that a failing case can be replayed. */
function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
