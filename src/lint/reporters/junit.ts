/**
 * JUnit XML for CI test reports: one test case per rule. A rule with error
 * findings fails; warnings and infos are listed in its system-out.
 */
import type { Finding } from '../types.js';
import type { RuleMeta } from './rule-meta.js';

export function formatJunit(findings: readonly Finding[], ruleMeta: (id: string) => RuleMeta, ruleIds: readonly string[]): string {
  const byRule = new Map<string, Finding[]>(ruleIds.map((id) => [id, []]));
  for (const finding of findings) {
    const list = byRule.get(finding.rule);
    if (list) list.push(finding);
    else byRule.set(finding.rule, [finding]);
  }
  const cases: string[] = [];
  let failures = 0;
  for (const [id, list] of byRule) {
    const errors = list.filter((f) => f.severity === 'error');
    const others = list.filter((f) => f.severity !== 'error');
    const line = (f: Finding): string => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.message} [${f.pointer || '/'}]`;
    let body = '';
    if (errors.length > 0) {
      failures++;
      body += `\n      <failure type="error" message="${xml(`${errors.length} error${errors.length === 1 ? '' : 's'}: ${ruleMeta(id).fix}`)}">${xml(errors.map(line).join('\n'))}</failure>`;
    }
    if (others.length > 0) body += `\n      <system-out>${xml(others.map(line).join('\n'))}</system-out>`;
    cases.push(`    <testcase classname="design-first.lint" name="${xml(id)}">${body}${body ? '\n    ' : ''}</testcase>`);
  }
  const counts = `tests="${cases.length}" failures="${failures}" errors="0"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="design-first lint" ${counts}>`,
    `  <testsuite name="design-first lint" ${counts} skipped="0">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/** Escape for XML text and attributes, dropping characters XML 1.0 cannot hold. */
export function xml(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
