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
import { BUILT_IN_RULE_DEFINITIONS, formatFindings, type Finding } from '../../src/lint/index.js';

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
    usedAt: [
      { file: 'specs/courses.yaml', line: 30, column: 15, pointer: '/paths/~1courses/get/responses/200/content/application~1json/schema' },
    ],
  },
  { rule: 'numeric-format', severity: 'warning', message: 'integer without a format', file: 'specs/courses.yaml', line: 14, column: 9, pointer: '/components/schemas/Course/properties/Places' },
  { rule: 'geo-geojson', severity: 'info', message: 'a "tricky" <message> & 100%, with: commas\nand lines\r', file: 'specs/odd, name:1.yaml', line: 3, column: 1, pointer: '' },
];

describe('json format', () => {
  it('lists findings with every field and a summary', () => {
    const report = JSON.parse(formatFindings(findings, 'json', { color: false })) as { findings: Finding[]; summary: Record<string, unknown> };
    assert.deepEqual(Object.keys(report.findings[1]!), ['rule', 'severity', 'message', 'file', 'line', 'column', 'pointer']);
    assert.equal(report.findings[0]!.usedAt?.[0]?.line, 30);
    assert.deepEqual(
      { errors: report.summary.errors, warnings: report.summary.warnings, infos: report.summary.infos, total: report.summary.total, files: report.summary.files },
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
    assert.deepEqual(run.results.map((r: any) => r.level), ['error', 'warning', 'note']);
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

describe('github format', () => {
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
