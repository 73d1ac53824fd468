/**
 * JUnit XML for CI test reports: one test case per rule. A rule with error
 * findings fails; warnings, infos and waived findings are listed in its
 * system-out. A blueprint that could not be loaded is an errored test case of
 * its own, and a run that fails on --max-warnings has a failing `max-warnings`
 * case that says so, so the report never shows a passing suite for a failed run.
 */
import type { Finding } from '../types.js';
import type { Report } from './report.js';

export function formatJunit(report: Report): string {
  const byRule = new Map<string, { active: Finding[]; waived: Finding[] }>(report.ruleIds.map((id) => [id, { active: [], waived: [] }]));
  const entry = (rule: string) => {
    let found = byRule.get(rule);
    if (!found) byRule.set(rule, (found = { active: [], waived: [] }));
    return found;
  };
  for (const finding of report.findings) entry(finding.rule).active.push(finding);
  for (const finding of report.waived) entry(finding.rule).waived.push(finding);

  const cases: string[] = [];
  let failures = 0;
  const line = (f: Finding): string => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.message} [${f.pointer || '/'}]`;
  const waivedLine = (f: Finding): string => `${line(f)} waived (${f.waiver?.reason ?? 'no reason given'}) at ${f.waiver?.file}:${f.waiver?.line}`;
  for (const failure of report.loadFailures) {
    const where = `${failure.file}:${failure.line}:${failure.column}`;
    cases.push(
      `    <testcase classname="design-first.lint.load" name="${xml(failure.file)}">\n` +
        `      <error type="${failure.code}" message="${xml(`could not be linted: ${failure.message}`)}">${xml(`${where} ${failure.message} [${failure.code}] - ${failure.hint}`)}</error>\n    </testcase>`,
    );
  }
  for (const [id, { active, waived }] of byRule) {
    const errors = active.filter((f) => f.severity === 'error');
    const others = active.filter((f) => f.severity !== 'error');
    let body = '';
    if (errors.length > 0) {
      failures++;
      body += `\n      <failure type="error" message="${xml(`${errors.length} error${errors.length === 1 ? '' : 's'}: ${report.ruleMeta(id).fix}`)}">${xml(errors.map(line).join('\n'))}</failure>`;
    }
    const out = [...others.map(line), ...waived.map(waivedLine)];
    if (out.length > 0) body += `\n      <system-out>${xml(out.join('\n'))}</system-out>`;
    cases.push(`    <testcase classname="design-first.lint" name="${xml(id)}">${body}${body ? '\n    ' : ''}</testcase>`);
  }
  if (report.failure) {
    failures++;
    cases.push(
      `    <testcase classname="design-first.lint" name="max-warnings">\n      <failure type="max-warnings" message="${xml(report.failure)}">${xml(report.failure)}</failure>\n    </testcase>`,
    );
  }
  const counts = `tests="${cases.length}" failures="${failures}" errors="${report.loadFailures.length}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="design-first lint" ${counts}>`,
    `  <testsuite name="design-first lint" ${counts} skipped="0">`,
    `    <properties><property name="waived" value="${report.waived.length}"/></properties>`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/** Escape for XML text and attributes, dropping characters XML 1.0 cannot hold. */
export function xml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
