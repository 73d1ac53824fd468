import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatChanges, type Change } from '../../src/diff/index.js';
import { codeSpan, escapeMarkdown } from '../../src/diff/format/markdown-text.js';

const changes: Change[] = [
  {
    id: 'response-property-removed',
    severity: 'breaking',
    message: 'GET /pets (200 application/json): response property `name` was removed: clients that read it get nothing',
    old: { file: 'v1.yaml', line: 31, column: 9, pointer: '/components/schemas/Pet/properties/name' },
    new: { file: 'v2.yaml', line: 28, column: 5, pointer: '/components/schemas/Pet' },
  },
  {
    id: 'response-property-enum-value-added',
    severity: 'warning',
    message: 'GET /pets (200 application/json): response property `status` gained enum value `"pending"`',
    old: { file: 'v1.yaml', line: 40, column: 9, pointer: '/components/schemas/Pet/properties/status/enum' },
    new: { file: 'v2.yaml', line: 38, column: 9, pointer: '/components/schemas/Pet/properties/status/enum' },
  },
  {
    id: 'endpoint-added',
    severity: 'info',
    message: 'POST /pets: the operation was added',
    new: { file: 'v2.yaml', line: 12, column: 5, pointer: '/paths/~1pets/post' },
  },
];

test('text: a summary, then each change with its id, explanation and both places', () => {
  assert.equal(
    formatChanges(changes, 'text'),
    `3 changes: 1 breaking, 1 warning, 1 info

breaking  response-property-removed
  GET /pets (200 application/json): response property \`name\` was removed: clients that read it get nothing
  old  v1.yaml:31:9 #/components/schemas/Pet/properties/name
  new  v2.yaml:28:5 #/components/schemas/Pet

warning   response-property-enum-value-added
  GET /pets (200 application/json): response property \`status\` gained enum value \`"pending"\`
  old  v1.yaml:40:9 #/components/schemas/Pet/properties/status/enum
  new  v2.yaml:38:9 #/components/schemas/Pet/properties/status/enum

info      endpoint-added
  POST /pets: the operation was added
  new  v2.yaml:12:5 #/paths/~1pets/post
`,
  );
  assert.equal(formatChanges([], 'text'), 'No changes.\n');
});

test('text: names from a blueprint cannot inject lines or terminal escapes', () => {
  const text = formatChanges([{ ...changes[2]!, message: 'POST /a\n\u001b[31mfake: line' }], 'text');
  assert.doesNotMatch(text, /\u001b/);
  assert.match(text, /POST \/a \[31mfake: line/);
});

test('markdown: a heading that counts once, breaking changes and warnings as lists, the rest folded; places on a line of their own', () => {
  const markdown = formatChanges(changes, 'markdown');
  assert.match(markdown, /^### API changes: 3 \(1 breaking, 1 warning, 1 info\)\n/);
  assert.match(
    markdown,
    /#### :x: Breaking changes \(1\)\n\n- \*\*`response-property-removed`\*\* GET \/pets \(200 application\/json\): response property `name` was removed: clients that read it get nothing\n {2}<br><sub>old `v1\.yaml:31:9` `#\/components\/schemas\/Pet\/properties\/name` · new `v2\.yaml:28:5` `#\/components\/schemas\/Pet`<\/sub>\n/,
  );
  assert.match(markdown, /#### :warning: Warnings \(1\)/);
  assert.match(markdown, /<details><summary>:information_source: Other changes \(1\)<\/summary>[\s\S]*`endpoint-added`[\s\S]*<\/details>/);
  assert.equal(formatChanges([], 'markdown'), '### API changes\n\nNo changes between the two blueprints.\n');
});

test('markdown: places relative to the repository, linked to its blob URL at the line', () => {
  const markdown = formatChanges(changes, 'markdown', {
    paths: { old: new Map([['v1.yaml', 'blueprints/pets.yaml']]), new: new Map([['v2.yaml', 'blueprints/pets.yaml']]) },
    linkBase: { old: 'https://github.com/o/r/blob/base1', new: 'https://github.com/o/r/blob/head2/' },
  });
  assert.match(
    markdown,
    /old \[`blueprints\/pets\.yaml:31:9`\]\(<https:\/\/github\.com\/o\/r\/blob\/base1\/blueprints\/pets\.yaml#L31>\) `#\/components\/schemas\/Pet\/properties\/name`/,
  );
  assert.match(markdown, /new \[`blueprints\/pets\.yaml:12:5`\]\(<https:\/\/github\.com\/o\/r\/blob\/head2\/blueprints\/pets\.yaml#L12>\)/);
  assert.doesNotMatch(markdown, /v1\.yaml|v2\.yaml/);
});

test('markdown: backticks in names stay inside their code spans; markdown and HTML outside them are escaped', () => {
  const hostile: Change = {
    id: 'response-property-removed',
    severity: 'breaking',
    message: 'GET /a: response property ``a`b`` was removed <img src=x> *bold* [link](http://x) | pipe',
    old: { file: 'a`b.yaml', line: 1, column: 1, pointer: '/components/schemas/a`b' },
  };
  const markdown = formatChanges([hostile], 'markdown');
  assert.match(markdown, /response property ``a`b`` was removed &lt;img src=x&gt; \\\*bold\\\* \\\[link\\\]\(http:\/\/x\) \\\| pipe/);
  assert.match(markdown, /old ``a`b\.yaml:1:1`` ``#\/components\/schemas\/a`b``/);
});

test('markdown: a backtick run that is never closed is escaped', () => {
  // As CommonMark reads it: the first two backticks make a span, the third is left alone.
  assert.equal(escapeMarkdown('a ` b `c`'), 'a ` b `c\\`');
  assert.equal(escapeMarkdown('``x` y'), '\\`\\`x\\` y');
  assert.equal(codeSpan('`edge'), '`` `edge ``');
});

test('markdown stays under the size GitHub accepts for a comment', () => {
  const many = Array.from({ length: 2000 }, (_, i) => ({ ...changes[0]!, message: `${changes[0]!.message} ${i}` }));
  const markdown = formatChanges(many, 'markdown');
  assert.ok(markdown.length < 65_536, `${markdown.length} characters`);
  assert.match(markdown, /_\d+ more changes not shown: run `design-first diff --format text` for the full list\._/);
});

test('json: a summary and the changes', () => {
  assert.deepEqual(JSON.parse(formatChanges(changes, 'json')), { summary: { breaking: 1, warning: 1, info: 1 }, changes });
});
