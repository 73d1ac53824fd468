/**
 * The tools the hostile suite relies on are themselves checked: the lexer
 * finds code where a payload escaped its comment or string, and a template
 * cannot print a value raw (`{{{…}}}`, `{{&…}}`), not even a playbook's
 * override template.
 */
import assert from 'node:assert/strict';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import { existsSync } from 'node:fs';
import { runNew } from '../../src/cli/commands/new.js';
import { compileTemplate, createEnvironment } from '../../src/render/handlebars-env.js';
import { captureIo, repoRoot, scratchFolder } from '../generate/helpers.js';
import { lex, occurrencesInCode } from './ts-lexer.js';

describe('the lexer', () => {
  const inCode = (source: string) => occurrencesInCode(source, 'run()').length > 0;

  test('sees text inside comments and strings as such', () => {
    assert.equal(inCode('/** run() */ const a = 1;'), false);
    assert.equal(inCode('// run()\nconst a = 1;'), false);
    assert.equal(inCode('const a = "run()"; const b = \'run()\';'), false);
    assert.equal(inCode('const a = "\\"run()";'), false);
    assert.equal(inCode('const a = `run()`;'), false);
    assert.deepEqual(lex('const a = "x";').errors, []);
  });

  test('sees a payload that closed its comment or string, or a line separator ending a line comment', () => {
    assert.equal(inCode('/** a */ run() /* b */'), true);
    assert.equal(inCode('// a\u2028run()'), true);
    assert.equal(inCode('// a\u2029run()'), true);
    assert.equal(inCode('// a\rrun()'), true);
    assert.equal(inCode("f(''); run(); ('');"), true);
    assert.equal(inCode('f("\\\\"); run(); //");'), true);
    assert.equal(inCode('const a = `${run()}`;'), true);
    assert.equal(inCode('const a = `${ {a: `${run()}`} }`;'), true);
  });

  test('reports strings broken by a line break and unterminated comments', () => {
    assert.notDeepEqual(lex('const a = "x\ny";').errors, []);
    assert.notDeepEqual(lex('/** x').errors, []);
  });
});

describe('templates cannot print raw values', () => {
  const env = createEnvironment();
  for (const source of ['{{{value}}}', '{{& value}}', '{{{str value}}}', '{{value}}']) {
    test(JSON.stringify(source), () => {
      assert.throws(() => compileTemplate(env, source, 't')({ value: "'); run(); ('" }), /escaping/);
    });
  }

  test('a playbook template override with {{{…}}} is refused: exit 2, one line, nothing written', async () => {
    const scratch = await scratchFolder('hostile-template');
    const templates = path.join(scratch, 'templates');
    await mkdir(path.join(templates, 'src/generated/__version__'), { recursive: true });
    await writeFile(path.join(templates, 'template-set.json'), '{"version":"1.0.0"}');
    await writeFile(path.join(templates, 'src/generated/__version__/handlers.ts.hbs'), 'export const title = "{{{version.title}}}";\n');
    const io = captureIo();
    const out = path.join(scratch, 'service');
    const code = await runNew({ blueprints: ['examples/pets/pets-v1.yaml'], out, templates, lint: false, cwd: repoRoot }, io);
    assert.equal(code, 2, io.err.join('\n'));
    assert.equal(io.err.length, 1);
    assert.match(io.err[0]!, /handlers\.ts\.hbs.*without escaping.*\[DF_ERR_TEMPLATE\]/);
    assert.equal(existsSync(out), false);
    await rm(scratch, { recursive: true, force: true });
  });
});
