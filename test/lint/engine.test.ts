/** The engine through its public surface: placing, "used at", ignores, custom rules, rule failures, odd documents. */
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadBlueprint } from '../../src/blueprint/load.js';
import { lintBlueprint, summarise } from '../../src/lint/index.js';
import { loadPlaybook } from '../../src/playbook/index.js';
import { lintWith, playbookWithOnly, summary, writeTemp } from './helpers.js';
import { openapi } from '../openapi-document.js';

const casingProblem = openapi(`paths:
  /courses:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Course' }
  /courses/{id}:
    get:
      responses:
        '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Course' } } } }
components:
  schemas:
    Course:
      type: object
      properties:
        course_id: { type: integer, format: int32 }
`);

describe('lintBlueprint', () => {
  it('points a finding inside a component at the component, and says where it is used', async () => {
    const [finding, ...rest] = await lintWith('property-casing', casingProblem);
    assert.equal(rest.length, 0);
    assert.deepEqual(
      { rule: finding!.rule, severity: finding!.severity, line: finding!.line, column: finding!.column, pointer: finding!.pointer },
      { rule: 'property-casing', severity: 'error', line: 20, column: 7, pointer: '/components/schemas/Course/properties' },
    );
    assert.deepEqual(
      finding!.usedAt?.map((place) => [place.line, place.pointer]),
      [
        [11, '/paths/~1courses/get/responses/200/content/application~1json/schema'],
        [15, '/paths/~1courses~1{id}/get/responses/200/content/application~1json/schema'],
      ],
    );
  });

  it('takes severity from the playbook, and sorts by file, line and column', async () => {
    const file = await writeTemp('sorted.yaml', casingProblem);
    const playbook = await playbookWithOnly('property-casing', {}, 'info');
    const loaded = await loadBlueprint(file);
    assert.deepEqual(summary(await lintBlueprint(loaded, playbook)), [['property-casing', 'info', 20]]);
    const all = await lintBlueprint(loaded, await loadPlaybook());
    const keys = all.map((f) => f.line * 10_000 + f.column);
    assert.deepEqual(
      keys,
      [...keys].sort((a, b) => a - b),
    );
    assert.ok(summarise(all).errors > 0);
  });

  it('places findings in the file a $ref brought in', async () => {
    const folder = path.dirname(await writeTemp('x', ''));
    await mkdir(path.join(folder, 'multi'), { recursive: true });
    await writeFile(path.join(folder, 'multi', 'course.yaml'), 'type: object\nproperties:\n  course_id: { type: integer, format: int32 }\n');
    await writeFile(
      path.join(folder, 'multi', 'api.yaml'),
      "openapi: 3.1.0\ninfo: { title: T, version: 1.0.0 }\npaths:\n  /courses:\n    get:\n      responses:\n        '200': { description: ok, content: { application/json: { schema: { $ref: 'course.yaml' } } } }\n",
    );
    const loaded = await loadBlueprint(path.join(folder, 'multi', 'api.yaml'));
    const [finding] = await lintBlueprint(loaded, await playbookWithOnly('property-casing'));
    assert.match(finding!.file, /course\.yaml$/);
    assert.equal(finding!.line, 2);
    assert.equal(finding!.pointer, '/properties');
    assert.match(finding!.usedAt![0]!.file, /api\.yaml$/);
  });

  it('places a finding about a path name at the path key in the root file, even when the path item is in its own file', async () => {
    const folder = path.join(path.dirname(await writeTemp('x', '')), 'split-paths');
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, 'courses.yaml'), "get:\n  responses:\n    '200': { description: ok }\n");
    await writeFile(path.join(folder, 'api.yaml'), "openapi: 3.1.0\ninfo: { title: T, version: 1.0.0 }\npaths:\n  /Courses:\n    $ref: 'courses.yaml'\n");
    const [finding] = await lintBlueprint(await loadBlueprint(path.join(folder, 'api.yaml')), await playbookWithOnly('path-kebab-case'));
    assert.deepEqual(
      [finding!.rule, path.basename(finding!.file), finding!.line, finding!.column, finding!.pointer],
      ['path-kebab-case', 'api.yaml', 4, 3, '/paths/~1Courses'],
    );
  });
});

describe('ignores', () => {
  it('x-lint-ignore silences the rule on that object and below, and only that rule', async () => {
    const yaml = casingProblem.replace('    Course:\n', '    Course:\n      x-lint-ignore: [{ rule: property-casing, reason: mirrors the legacy feed }]\n');
    assert.deepEqual(await lintWith('property-casing', yaml), []);
    const other = casingProblem.replace('    Course:\n', '    Course:\n      x-lint-ignore: [{ rule: numeric-format, reason: x }]\n');
    assert.equal((await lintWith('property-casing', other)).length, 1);
  });

  it('an x-lint-ignore without a reason still silences, and is itself a warning', async () => {
    const yaml = casingProblem.replace('    Course:\n', '    Course:\n      x-lint-ignore: property-casing\n');
    const playbook = await playbookWithOnly('property-casing', { rules: { 'ignore-without-reason': 'warn' } });
    const findings = await lintBlueprint(await loadBlueprint(await writeTemp('reasonless.yaml', yaml)), playbook);
    assert.deepEqual(summary(findings), [['ignore-without-reason', 'warning', 19]]);
  });

  it("the playbook's ignore list silences by rule and pointer prefix", async () => {
    const ignore = [{ rule: 'property-casing', pointer: '/components/schemas/Course', reason: 'legacy', expires: null }];
    assert.deepEqual(await lintWith('property-casing', casingProblem, { ignore }), []);
    const elsewhere = [{ rule: 'property-casing', pointer: '/components/schemas/Cour', reason: 'legacy', expires: null }];
    assert.equal((await lintWith('property-casing', casingProblem, { ignore: elsewhere })).length, 1);
  });
});

describe('custom rules', () => {
  it('runs a rule from a playbook module with the severity the playbook gives it', async () => {
    const folder = path.dirname(await writeTemp('x', ''));
    await writeFile(
      path.join(folder, 'no-beta.mjs'),
      `export default {
  id: 'acme-no-beta-paths',
  description: 'no /beta paths',
  fix: 'publish the resource under a version',
  create(context) {
    return {
      pathItem({ path, keyPointer }) {
        if (path.startsWith('/beta')) context.report({ message: path + ' is a beta path', location: keyPointer });
      },
    };
  },
};
`,
    );
    const playbookFile = path.join(folder, 'custom-playbook.yaml');
    await writeFile(playbookFile, 'customRules: [./no-beta.mjs]\nrules:\n  acme-no-beta-paths: error\n');
    const playbook = await loadPlaybook(playbookFile);
    const only = Object.fromEntries(Object.keys(playbook.rules).map((id) => [id, id === 'acme-no-beta-paths' ? 'error' : 'off'] as const));
    const yaml = "openapi: 3.1.0\ninfo: { title: T, version: 1.0.0 }\npaths:\n  /beta/courses:\n    get: { responses: { '200': { description: ok } } }\n";
    const findings = await lintBlueprint(await loadBlueprint(await writeTemp('beta.yaml', yaml)), { ...playbook, rules: only });
    assert.deepEqual(summary(findings), [['acme-no-beta-paths', 'error', 4]]);
  });

  it('turns a rule that throws into an internal-error finding, and the other rules still run', async () => {
    const folder = path.dirname(await writeTemp('x', ''));
    await writeFile(
      path.join(folder, 'broken.mjs'),
      "export const rules = [{ id: 'acme-broken', description: 'd', fix: 'f', create: () => ({ operation() { throw new Error('boom'); } }) }];\n",
    );
    await writeFile(path.join(folder, 'broken-playbook.yaml'), 'customRules: [./broken.mjs]\n');
    const playbook = await loadPlaybook(path.join(folder, 'broken-playbook.yaml'));
    const findings = await lintBlueprint(await loadBlueprint(await writeTemp('any.yaml', casingProblem)), playbook);
    const internal = findings.filter((f) => f.rule === 'internal-error');
    assert.equal(internal.length, 1);
    assert.equal(internal[0]!.severity, 'error');
    assert.match(internal[0]!.message, /rule acme-broken failed here \(boom\)/);
    assert.ok(findings.some((f) => f.rule === 'property-casing'));
  });
});

describe('odd documents', () => {
  it('never crash a rule', async () => {
    const yaml = `openapi: 3.0.3
info: { title: [1], version: 2, contact: 5, license: [] }
servers: [42, { url: 7 }, null]
security: { not: a list }
paths:
  /a:
    parameters: not-a-list
    get:
      parameters: [null, 1, { $ref: '#/components/parameters/Missing' }, { name: 3, in: query }]
      requestBody: 12
      responses:
        '200': null
        '201': { content: [] }
        '204': { content: { application/json: { schema: true } } }
        default: { $ref: '#/components/responses/Nope' }
      security: [null, 3, { x: 'no' }]
      tags: tag
  /b/{id}:
    get:
      responses: []
    post: 5
  /c: { $ref: '#/components/pathItems/Somewhere' }
  /d: 'text'
x-paths-extension: true
components:
  schemas:
    A: { type: [string, 7], properties: [1, 2], items: [true, { type: object }], allOf: {}, additionalProperties: 3 }
    B: { properties: { x: null, y: { $ref: 5 } }, required: yes, enum: {} }
    C: { type: object, properties: { Links: { type: array, items: 4 }, createdAt: null } }
  parameters:
    Missing: { in: query }
  pathItems:
    Somewhere: { get: { responses: { '200': { description: ok, content: { text/plain: { example: 3 } } } } }, parameters: [{ name: id, in: query }] }
  responses:
    Nope: { description: x, content: { application/json: { schema: { $ref: '#/components/schemas/A' } } } }
  securitySchemes:
    s: { type: 3 }
    t: null
`;
    const loaded = await loadBlueprint(await writeTemp('odd.yaml', yaml));
    const playbook = await loadPlaybook();
    const findings = await lintBlueprint(loaded, { ...playbook, examples: { validate: true }, rules: { ...playbook.rules, 'examples-valid': 'warn' } });
    assert.deepEqual(
      findings.filter((f) => f.rule === 'internal-error'),
      [],
    );
    assert.ok(findings.length > 0);
  });
});
