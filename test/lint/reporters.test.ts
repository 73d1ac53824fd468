/**
 * The five output formats, checked against their contracts: SARIF against the
 * official 2.1.0 JSON Schema (fixtures/sarif-schema-2.1.0.json, the rtm.5 schema
 * as shipped in the MIT-licensed @microsoft/jest-sarif package), JUnit as
 * well-formed XML, GitHub annotations with GitHub's escaping.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import Ajv04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { runLint } from '../../src/cli/commands/lint.js';
import { BUILT_IN_RULE_DEFINITIONS, formatFindings, type Finding } from '../../src/lint/index.js';
import { repoRoot } from '../generate/helpers.js';
import { writeTemp } from './helpers.js';

async function sarifValidator() {
  const schema = JSON.parse(await readFile(new URL('fixtures/sarif-schema-2.1.0.json', import.meta.url), 'utf8')) as object;
  const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

const Ajv04 = Ajv04Module.default;
const addFormats = addFormatsModule.default;

const findings: Finding[] = [
  {
    rule: 'property-casing',
    severity: 'error',
    message: 'properties not in pascal case: course_id (CourseId)',
    file: 'specs/courses.yaml',
    line: 12,
    column: 7,
    pointer: '/components/schemas/Course/properties',
    usedAt: [{ file: 'specs/courses.yaml', line: 30, column: 15, pointer: '/paths/~1courses/get/responses/200/content/application~1json/schema' }],
  },
  {
    rule: 'numeric-format',
    severity: 'warning',
    message: 'integer without a format',
    file: 'specs/courses.yaml',
    line: 14,
    column: 9,
    pointer: '/components/schemas/Course/properties/Places',
  },
  {
    rule: 'geo-geojson',
    severity: 'info',
    message: 'a "tricky" <message> & 100%, with: commas\nand lines\r',
    file: 'specs/odd, name:1.yaml',
    line: 3,
    column: 1,
    pointer: '',
  },
];

describe('json format', () => {
  it('lists findings with every field and a summary', () => {
    const report = JSON.parse(formatFindings(findings, 'json', { color: false })) as { findings: Finding[]; summary: Record<string, unknown> };
    assert.deepEqual(Object.keys(report.findings[1]!), ['rule', 'severity', 'message', 'file', 'line', 'column', 'pointer']);
    assert.equal(report.findings[0]!.usedAt?.[0]?.line, 30);
    assert.deepEqual(
      {
        errors: report.summary.errors,
        warnings: report.summary.warnings,
        infos: report.summary.infos,
        total: report.summary.total,
        files: report.summary.files,
      },
      { errors: 1, warnings: 1, infos: 1, total: 3, files: 2 },
    );
  });
});

describe('sarif format', () => {
  it('validates against the SARIF 2.1.0 schema, with rule metadata and help', async () => {
    const schema = JSON.parse(await readFile(new URL('fixtures/sarif-schema-2.1.0.json', import.meta.url), 'utf8')) as object;
    const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const log = JSON.parse(formatFindings(findings, 'sarif', { color: false, rules: BUILT_IN_RULE_DEFINITIONS })) as Record<string, any>;
    assert.equal(validate(log), true, JSON.stringify(validate.errors?.slice(0, 3)));
    assert.equal(log.version, '2.1.0');
    const run = log.runs[0];
    assert.equal(run.tool.driver.rules.length, BUILT_IN_RULE_DEFINITIONS.length);
    const rule = run.tool.driver.rules[run.results[0].ruleIndex];
    assert.equal(rule.id, 'property-casing');
    assert.match(rule.help.text, /Fix: rename the property/);
    assert.deepEqual(
      run.results.map((r: any) => r.level),
      ['error', 'warning', 'note'],
    );
    assert.equal(run.results[0].locations[0].physicalLocation.artifactLocation.uri, 'specs/courses.yaml');
    assert.equal(run.results[0].locations[0].physicalLocation.region.startLine, 12);
    assert.equal(run.results[0].relatedLocations[0].physicalLocation.region.startLine, 30);
    assert.equal(run.results[2].locations[0].physicalLocation.artifactLocation.uri, 'specs/odd%2C%20name%3A1.yaml');
  });

  it('validates with no findings and keeps within code scanning limits', async () => {
    const many: Finding[] = Array.from({ length: 25_010 }, (_, i) => ({ ...findings[1]!, line: i + 1 }));
    const log = JSON.parse(formatFindings(many, 'sarif', { color: false })) as Record<string, any>;
    assert.equal(log.runs[0].results.length, 25_000);
    assert.match(log.runs[0].invocations[0].toolExecutionNotifications[0].message.text, /10 findings left out/);
    const empty = JSON.parse(formatFindings([], 'sarif', { color: false })) as Record<string, any>;
    assert.deepEqual(empty.runs[0].results, []);
  });
});

describe('sarif format, as CI uploads it', () => {
  it("the project's examples, a waived finding, a file that cannot be loaded and --max-warnings all run clean through the SARIF 2.1.0 schema", async () => {
    const validate = await sarifValidator();
    const waived = await writeTemp(
      'waived.yaml',
      "openapi: 3.1.0\ninfo: { title: T, version: 1.0.0 }\npaths:\n  /Courses:\n    x-lint-ignore: [{ rule: path-kebab-case, reason: kept for existing clients, expires: 2099-01-01 }]\n    get: { responses: { '200': { description: ok } } }\n",
    );
    const broken = await writeTemp('broken.yaml', 'openapi: 3.1.0\ninfo: [\n');
    const examples = ['examples/pets/pets-v1.yaml', 'examples/pets/pets-v2.yaml', 'examples/apprenticeships/training-providers.yaml'];
    for (const [blueprints, maxWarnings] of [
      [examples, undefined],
      [[...examples, waived, broken], 0],
    ] as const) {
      const out: string[] = [];
      await runLint(
        {
          blueprints: [...blueprints],
          format: 'sarif',
          allowRemoteRefs: false,
          color: false,
          cwd: repoRoot,
          ...(maxWarnings === undefined ? {} : { maxWarnings }),
        },
        { stdout: (text) => out.push(text), stderr: () => {} },
      );
      const log = JSON.parse(out.join('')) as Record<string, any>;
      assert.equal(validate(log), true, JSON.stringify(validate.errors?.slice(0, 3)));
      const driver = log.runs[0].tool.driver;
      assert.match(driver.version, /^\d+\.\d+\.\d+/);
      assert.match(driver.informationUri, /^https:\/\//);
      assert.ok(driver.rules.every((rule: any) => /^https:\/\/.*docs\/lint\.md#/.test(rule.helpUri)));
    }
  });

  it('gives each rule the level the playbook gives it, even without findings', async () => {
    const log = JSON.parse(
      formatFindings([], 'sarif', {
        color: false,
        rules: [
          { id: 'no-http-basic', description: 'd', fix: 'f', severity: 'error' },
          { id: 'geo-geojson', description: 'd', fix: 'f', severity: 'info' },
        ],
      }),
    ) as Record<string, any>;
    assert.deepEqual(
      log.runs[0].tool.driver.rules.map((rule: any) => [rule.id, rule.defaultConfiguration.level]),
      [
        ['no-http-basic', 'error'],
        ['geo-geojson', 'note'],
      ],
    );
  });

  it('fingerprints by rule, file and pointer: a reworded message keeps its fingerprint', () => {
    const print = (message: string) =>
      (JSON.parse(formatFindings([{ ...findings[1]!, message }], 'sarif', { color: false })) as Record<string, any>).runs[0].results[0].partialFingerprints;
    assert.deepEqual(print('integer without a format'), print('an integer should say int32 or int64'));
    const moved = (JSON.parse(formatFindings([{ ...findings[1]!, pointer: '/components/schemas/Other' }], 'sarif', { color: false })) as Record<string, any>)
      .runs[0].results[0].partialFingerprints;
    assert.notDeepEqual(moved, print('integer without a format'));
  });

  it('keeps the most severe when results must be cut, and says what was left out', () => {
    const warnings: Finding[] = Array.from({ length: 25_005 }, (_, i) => ({ ...findings[1]!, line: i + 1 }));
    const log = JSON.parse(formatFindings([...warnings, findings[0]!], 'sarif', { color: false })) as Record<string, any>;
    assert.equal(log.runs[0].results[0].level, 'error');
    assert.equal(log.runs[0].results.length, 25_000);
    assert.match(log.runs[0].invocations[0].toolExecutionNotifications[0].message.text, /^6 findings left out \(6 warnings\)/);
  });
});

describe('github format', () => {
  it('caps annotations at 10 per level, most severe first, with a summary of what was left out', () => {
    const many: Finding[] = [
      ...Array.from({ length: 12 }, (_, i) => ({ ...findings[0]!, line: i + 1, usedAt: undefined })),
      ...Array.from({ length: 3 }, (_, i) => ({ ...findings[1]!, line: i + 1 })),
    ] as Finding[];
    const lines = formatFindings(many, 'github', { color: false }).trimEnd().split('\n');
    assert.equal(lines.filter((line) => line.startsWith('::error file=')).length, 9);
    assert.equal(lines.filter((line) => line.startsWith('::warning file=')).length, 3);
    assert.equal(
      lines.at(-1),
      '::error title=design-first lint::3 errors more not annotated (GitHub shows 10 per level in a step); run design-first lint --format stylish to see them all',
    );
  });

  it('writes one workflow command per finding, escaped as GitHub documents', () => {
    const lines = formatFindings(findings, 'github', { color: false }).trimEnd().split('\n');
    assert.equal(lines.length, 3);
    assert.equal(
      lines[0],
      '::error file=specs/courses.yaml,line=12,col=7,title=property-casing (error)::properties not in pascal case: course_id (CourseId) [/components/schemas/Course/properties]%0A(used at 1 place, first specs/courses.yaml:30)',
    );
    assert.match(lines[1]!, /^::warning file=specs\/courses.yaml,line=14,col=9,/);
    assert.equal(
      lines[2],
      '::notice file=specs/odd%2C name%3A1.yaml,line=3,col=1,title=geo-geojson (info)::a "tricky" <message> & 100%25, with: commas%0Aand lines%0D [/]',
    );
  });
});

describe('junit format', () => {
  it('is well-formed XML with one test case per rule that ran, failing on errors', () => {
    const rules = BUILT_IN_RULE_DEFINITIONS.filter((rule) => ['property-casing', 'numeric-format', 'geo-geojson', 'path-kebab-case'].includes(rule.id));
    const xml = formatFindings(findings, 'junit', { color: false, rules });
    assert.equal(XMLValidator.validate(xml), true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml) as Record<string, any>;
    const suite = parsed.testsuites.testsuite;
    assert.equal(suite.tests, '4');
    assert.equal(suite.failures, '1');
    const cases = suite.testcase as Array<Record<string, any>>;
    assert.deepEqual(cases.map((c) => c.name).sort(), ['geo-geojson', 'numeric-format', 'path-kebab-case', 'property-casing']);
    const failing = cases.find((c) => c.name === 'property-casing')!;
    assert.match(failing.failure['#text'], /specs\/courses.yaml:12:7 error/);
    assert.match(cases.find((c) => c.name === 'geo-geojson')!['system-out'], /"tricky" <message> & 100%/);
  });
});

describe('stylish format', () => {
  it('groups by file, with a summary line and no colour unless asked', () => {
    const text = formatFindings(findings, 'stylish', { color: false });
    assert.doesNotMatch(text, /\u001b\[/);
    const lines = text.split('\n');
    assert.equal(lines[0], 'specs/courses.yaml');
    assert.match(lines[1]!, /^ {2}12:7 {2}error {4}properties not in pascal case: course_id \(CourseId\) {2}property-casing$/);
    assert.match(lines[2]!, /used at specs\/courses.yaml:30:15$/);
    assert.ok(lines.includes('specs/odd, name:1.yaml'));
    assert.equal(lines.at(-2), '✖ 3 problems (1 error, 1 warning, 1 info)');
  });

  it('colours on request, and says so when there is nothing to report', () => {
    assert.match(formatFindings(findings, 'stylish', { color: true }), /\u001b\[31merror/);
    assert.equal(formatFindings([], 'stylish', { color: false }), '✔ no problems\n');
  });
});
