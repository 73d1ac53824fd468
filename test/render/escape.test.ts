/**
 * Every escaping helper and every naming helper against hostile blueprint
 * text: whatever a blueprint says, the generated code means only what the
 * template meant. Checked by evaluating the output, not by comparing strings.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileSegment, identifier, uniqueName } from '../../src/model/names.js';
import { commentText, htmlText, jsonBlock, jsonLiteral, lineText, markdownText, propertyKey, stringLiteral } from '../../src/render/escape.js';

const LONG = `${'A'.repeat(50_000)}*/${'\u2028'.repeat(1_000)}${'${x}'.repeat(1_000)}${'z'.repeat(50_000)}`;

const PAYLOADS: readonly string[] = [
  `'`,
  `"`,
  '`',
  `'"\``,
  '${process.exit(1)}',
  '`${process.exit(1)}`',
  '"; process.exit(1); "',
  "'); process.exit(1); ('",
  '*/',
  '/*',
  '*/ return process.exit(1); /*',
  '**/',
  '*\u0000/',
  '*\n/',
  '\n',
  '\r',
  '\r\n',
  '\n*/ process.exit(1) /*\n',
  '\u2028',
  '\u2029',
  '\u0085',
  '\u000b\u000c',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u202a\u202b\u202c\u202d\u200e\u200f\u061c\ufeff',
  'if (isAdmin) { \u202e } \u2066 if (true) { \u2069',
  '</script>',
  '<script>alert(1)</script>',
  '<!--',
  '-->',
  ']]>',
  '../',
  '../../etc/passwd',
  '..\\..\\windows\\system32',
  '/etc/passwd',
  'C:\\Windows\\System32',
  '\\\\server\\share',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__defineGetter__',
  'isPrototypeOf',
  '\u0000',
  'a\u0000b',
  '',
  ' ',
  '\t',
  '\\',
  '\\u0041',
  '\\x41',
  '\ud800',
  '\udc00x',
  '😀',
  'Ａｂｃ',
  'ﬁle',
  'Café',
  '日本語',
  '@param {string} x',
  '@ts-ignore',
  '// @ts-nocheck',
  '#!/bin/sh',
  'default',
  'class',
  'await',
  'yield',
  'let',
  'static',
  'enum',
  'implements',
  'NaN',
  'undefined',
  'null',
  '123',
  '1abc',
  '-',
  '.',
  '..',
  '...',
  'CON',
  'nul',
  'com1',
  'LPT9',
  'x'.repeat(10_000),
  LONG,
];

const LINE_TERMINATORS = /[\n\r\u2028\u2029]/;
const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/;

/** Evaluate an expression as a module-free function would. */
function evaluate(expression: string): unknown {
  return new Function(`"use strict"; return (${expression});`)();
}

function show(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…(${value.length})` : value);
}

describe('stringLiteral', () => {
  for (const payload of PAYLOADS) {
    it(`round-trips ${show(payload)} and keeps the source plain`, () => {
      const literal = stringLiteral(payload);
      assert.equal(evaluate(literal), payload);
      assert.equal(new Function(`return ${literal}`)(), payload);
      assert.doesNotMatch(literal, LINE_TERMINATORS);
      assert.doesNotMatch(literal, BIDI);
      assert.ok(!literal.includes('<'), 'no < (cannot close a <script>)');
      assert.ok(literal.startsWith('"') && literal.endsWith('"'));
      // Inside a template literal's placeholder and in a larger expression it is still one value.
      assert.deepEqual(evaluate(`[${literal}, ${literal}]`), [payload, payload]);
    });
  }

  it('is also a valid YAML double-quoted scalar for the same text (the yamlStr helper)', async () => {
    const { parse } = await import('yaml');
    for (const payload of PAYLOADS) {
      if (/[\ud800-\udfff]/.test(payload)) continue; // lone surrogates are not YAML text
      assert.equal(parse(`key: ${stringLiteral(payload)}\n`).key, payload, show(payload));
    }
  });
});

describe('jsonLiteral', () => {
  const values: unknown[] = [
    ...PAYLOADS,
    null,
    true,
    0,
    -1.5,
    [],
    {},
    PAYLOADS.slice(0, 40),
    JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "</script>": "\\u2028"}'),
    Object.fromEntries(PAYLOADS.slice(0, 60).map((payload, index) => [payload, { [payload]: index }])),
  ];
  for (const value of values) {
    it(`round-trips ${show(JSON.stringify(value) ?? String(value))} through JSON.parse`, () => {
      const literal = jsonLiteral(value);
      const parsed = JSON.parse(evaluate(literal) as string);
      assert.deepEqual(parsed, JSON.parse(JSON.stringify(value)));
      assert.doesNotMatch(literal, LINE_TERMINATORS);
      assert.doesNotMatch(literal, BIDI);
      assert.ok(!literal.includes('<'));
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });
  }
});

describe('jsonBlock', () => {
  const values: unknown[] = [
    ...PAYLOADS,
    LONG,
    '\\${x}',
    '\\`',
    '$',
    '${',
    [PAYLOADS, { '`': '${}' }],
    JSON.parse('{"__proto__": {"polluted": true}, "$ref": "#/x", "</script>": "\\u2028"}'),
    Object.fromEntries(PAYLOADS.slice(0, 60).map((payload, index) => [payload, { [payload]: [index, payload] }])),
  ];
  for (const value of values) {
    it(`round-trips ${show(JSON.stringify(value) ?? String(value))} through JSON.parse(String.raw)`, () => {
      const block = jsonBlock(value);
      const parsed = JSON.parse(evaluate(block) as string);
      assert.deepEqual(parsed, JSON.parse(JSON.stringify(value)));
      assert.doesNotMatch(block.slice('String.raw`'.length, -1), /`|\$\{/);
      assert.doesNotMatch(block, /[\u2028\u2029]/);
      assert.doesNotMatch(block, BIDI);
      assert.ok(!block.includes('<'));
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });
  }
  it('is indented JSON, one property per line, so a diff names the line that changed', () => {
    assert.equal(jsonBlock({ a: [1], $ref: 'x' }), 'String.raw`\n{\n  "a": [\n    1\n  ],\n  "$ref": "x"\n}\n`');
  });
  for (const value of values) {
    it(`round-trips ${show(JSON.stringify(value) ?? String(value))} when indented only for its first levels`, () => {
      for (const levels of [0, 1, 3]) {
        const block = jsonBlock(value, levels);
        assert.deepEqual(JSON.parse(evaluate(block) as string), JSON.parse(JSON.stringify(value)));
        assert.doesNotMatch(block.slice('String.raw`'.length, -1), /`|\$\{/);
        assert.doesNotMatch(block, /[\u2028\u2029]/);
        assert.doesNotMatch(block, BIDI);
        assert.ok(!block.includes('<'));
      }
    });
  }
  it('indented for its first levels only: each deeper value is one line (a definition per line)', () => {
    const definitions = { request: { $id: 'urn:x', $defs: { Pet: { type: 'object', required: ['a'] }, Empty: {}, Gone: undefined } } };
    assert.equal(
      jsonBlock(definitions, 3),
      'String.raw`\n{\n  "request": {\n    "$id": "urn:x",\n    "$defs": {\n      "Pet": {"type":"object","required":["a"]},\n      "Empty": {}\n    }\n  }\n}\n`',
    );
  });
});

describe('propertyKey', () => {
  for (const payload of PAYLOADS) {
    it(`names exactly ${show(payload)} as an own property of an object literal`, () => {
      const object = evaluate(`{ ${propertyKey(payload)}: 1 }`) as Record<string, unknown>;
      assert.equal(Object.getPrototypeOf(object), Object.prototype);
      assert.deepEqual(Object.getOwnPropertyNames(object), [payload]);
      assert.equal(object[payload], 1);
      const withObject = evaluate(`{ ${propertyKey(payload)}: { polluted: true } }`) as Record<string, unknown>;
      assert.equal(Object.getPrototypeOf(withObject), Object.prototype, 'the key never sets the prototype');
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      assert.doesNotMatch(propertyKey(payload), LINE_TERMINATORS);
      assert.doesNotMatch(propertyKey(payload), BIDI);
    });
  }
});

describe('commentText', () => {
  for (const payload of PAYLOADS) {
    it(`keeps ${show(payload)} inside its block comment`, () => {
      const text = commentText(payload);
      assert.ok(!text.includes('*/'), 'no */');
      assert.doesNotMatch(text, /[\r\u2028\u2029\u0085]/, 'no line terminator other than \\n');
      assert.doesNotMatch(text, BIDI);
      assert.doesNotMatch(text, /[\u0000-\u0009\u000b-\u001f\u007f]/, 'no control characters');
      // The body is only a comment: it evaluates to nothing, and code after it still runs.
      assert.equal(new Function(`/** ${text} */`)(), undefined);
      assert.equal(new Function(`"use strict";\n/** ${text} */\nreturn "after";`)(), 'after');
      assert.equal(new Function(`return 1 /** ${text} */ + 1;`)(), 2);
      // Every continued line starts with ` * `, so a JSDoc block stays well-formed.
      for (const line of text.split('\n').slice(1)) assert.ok(line.startsWith(' * '), show(line));
    });
  }

  it('does not let blueprint text forge JSDoc tags', () => {
    assert.doesNotMatch(commentText('@deprecated use the other one'), /(^|\s)@deprecated/);
    assert.doesNotMatch(commentText('line\n@internal'), /(^|\s)@internal/);
  });

  it('clips very long text', () => {
    assert.ok(commentText(LONG).length < 3000);
    assert.equal(commentText('abc', 2), 'ab…');
  });
});

describe('lineText', () => {
  for (const payload of PAYLOADS) {
    it(`keeps ${show(payload)} on one line of a // comment`, () => {
      const text = lineText(payload);
      assert.doesNotMatch(text, LINE_TERMINATORS);
      assert.doesNotMatch(text, BIDI);
      assert.doesNotMatch(text, /[\u0000-\u001f\u007f\u0085]/);
      assert.equal(new Function(`// ${text}\nreturn "after";`)(), 'after');
      assert.ok(text.length <= 301);
    });
  }
});

describe('htmlText', () => {
  const decode = (html: string): string => html.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
  for (const payload of PAYLOADS) {
    it(`escapes ${show(payload)} for element text and quoted attributes`, () => {
      const html = htmlText(payload);
      assert.doesNotMatch(html, /[<>"'`]/);
      assert.doesNotMatch(html, /&(?!#\d+;)/, 'every & starts an entity');
      assert.doesNotMatch(html, BIDI);
      assert.equal(decode(html), payload.replace(/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ufeff]/g, ''));
    });
  }
});

describe('markdownText', () => {
  /** Markdown characters that must never appear unescaped. */
  const SPECIAL = new Set([...'\\`*_{}[]()<>#+!|~']);
  for (const payload of PAYLOADS) {
    it(`keeps ${show(payload)} plain paragraph text`, () => {
      const text = markdownText(payload);
      assert.doesNotMatch(text, LINE_TERMINATORS);
      assert.doesNotMatch(text, BIDI);
      for (let i = 0; i < text.length; i++) {
        if (text[i] === '\\') {
          assert.ok(i + 1 < text.length && SPECIAL.has(text[i + 1]!), `a lone backslash at ${i}`);
          i++;
        } else {
          assert.ok(!SPECIAL.has(text[i]!), `unescaped ${text[i]} at ${i} in ${show(text)}`);
        }
      }
    });
  }
});

/** Words an identifier must never be: ECMAScript reserved and strict-mode words, TypeScript's type names, and globals that mislead. */
const NEVER_IDENTIFIERS = new Set(
  (
    'await break case catch class const continue debugger default delete do else enum export extends false finally for function if import in ' +
    'instanceof new null return super switch this throw true try typeof var void while with yield implements interface let package private ' +
    'protected public static arguments eval any boolean number string symbol object never unknown undefined bigint NaN Infinity'
  ).split(' '),
);

describe('identifier', () => {
  for (const style of ['camel', 'pascal'] as const) {
    for (const payload of PAYLOADS) {
      it(`${style}: makes a safe identifier of ${show(payload)}`, () => {
        const name = identifier(payload, style);
        assert.match(name, /^[A-Za-z_$][A-Za-z0-9_$]*$/);
        assert.ok(!NEVER_IDENTIFIERS.has(name), name);
        assert.ok(!Object.getOwnPropertyNames(Object.prototype).includes(name), `${name} is an Object.prototype member`);
        assert.ok(name.length <= 120);
        if (style === 'pascal') assert.match(name, /^[A-Z_$]/);
        // It declares and reads back in strict code, as a binding and as a class.
        assert.equal(new Function(`"use strict"; let ${name} = 7; return ${name};`)(), 7);
        assert.equal(typeof new Function(`"use strict"; class ${name} {} return ${name};`)(), 'function');
        assert.equal(identifier(payload, style), name, 'deterministic');
      });
    }
    it(`${style}: a careless fallback is made safe too`, () => {
      for (const fallback of ['', '../x', 'default', '1st', '__proto__']) {
        const name = identifier('', style, fallback);
        assert.match(name, /^[A-Za-z_$][A-Za-z0-9_$]*$/, JSON.stringify(fallback));
        assert.ok(!NEVER_IDENTIFIERS.has(name) && !Object.getOwnPropertyNames(Object.prototype).includes(name), name);
      }
    });
  }

  it('reads as the words it was made of', () => {
    assert.equal(identifier('list-pets', 'camel'), 'listPets');
    assert.equal(identifier('get /pets/{petId}', 'camel'), 'getPetsPetId');
    assert.equal(identifier('pet_owner', 'pascal'), 'PetOwner');
    assert.equal(identifier('HTTPStatus', 'pascal'), 'HTTPStatus');
    assert.equal(identifier('Café', 'pascal'), 'Cafe');
    assert.equal(identifier('constructor', 'camel'), 'constructor_');
    assert.equal(identifier('toString', 'camel'), 'toString_');
    assert.equal(identifier('__proto__', 'camel'), 'proto');
    assert.equal(identifier('default', 'camel'), 'default_');
    assert.equal(identifier('123', 'camel'), 'n123');
    assert.equal(identifier('', 'pascal', 'schema'), 'Schema');
  });
});

describe('fileSegment', () => {
  for (const payload of PAYLOADS) {
    it(`makes a safe file-name segment of ${show(payload)}`, () => {
      const segment = fileSegment(payload);
      assert.notEqual(segment, '');
      assert.ok(!segment.includes('/') && !segment.includes('\\') && !segment.includes('..'), segment);
      assert.match(segment, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.ok(segment.length <= 60);
      assert.doesNotMatch(segment, /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/, 'not a Windows device name');
    });
  }

  it('a careless fallback is made safe too', () => {
    for (const fallback of ['', '../x', '..', '/etc', 'nul']) {
      const segment = fileSegment('', fallback);
      assert.match(segment, /^[a-z0-9]+(-[a-z0-9]+)*$/, JSON.stringify(fallback));
      assert.doesNotMatch(segment, /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/);
    }
  });

  it('reads as the words it was made of', () => {
    assert.equal(fileSegment('Pet Owners'), 'pet-owners');
    assert.equal(fileSegment('petOwners'), 'pet-owners');
    assert.equal(fileSegment('../../etc/passwd'), 'etc-passwd');
    assert.equal(fileSegment(''), 'default');
    assert.equal(fileSegment('日本語', 'misc'), 'misc');
    assert.equal(fileSegment('CON'), 'con-file');
  });
});

describe('uniqueName', () => {
  it('numbers repeats, case-insensitively', () => {
    const taken = new Set<string>();
    assert.equal(uniqueName('Pet', taken), 'Pet');
    assert.equal(uniqueName('Pet', taken), 'Pet2');
    assert.equal(uniqueName('pet', taken), 'pet3');
    assert.equal(uniqueName('PET2', taken), 'PET22');
    assert.deepEqual([...taken], ['pet', 'pet2', 'pet3', 'pet22']);
  });

  it('treats prototype names as ordinary names', () => {
    const taken = new Set<string>();
    for (const payload of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '__proto__', 'constructor']) uniqueName(payload, taken);
    assert.deepEqual([...taken], ['__proto__', 'constructor', 'tostring', 'hasownproperty', '__proto__2', 'constructor2']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('keeps identifiers and segments valid and unique over every hostile payload', () => {
    const identifiers = new Set<string>();
    const segments = new Set<string>();
    const seenIdentifiers = new Set<string>();
    const seenSegments = new Set<string>();
    for (const payload of [...PAYLOADS, ...PAYLOADS]) {
      const name = uniqueName(identifier(payload, 'camel'), identifiers);
      assert.match(name, /^[A-Za-z_$][A-Za-z0-9_$]*$/);
      assert.ok(!seenIdentifiers.has(name.toLowerCase()), name);
      seenIdentifiers.add(name.toLowerCase());
      const segment = uniqueName(fileSegment(payload), segments);
      assert.match(segment, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.ok(!seenSegments.has(segment), segment);
      seenSegments.add(segment);
    }
  });
});
