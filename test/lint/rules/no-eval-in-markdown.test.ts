import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';

const rule = 'no-eval-in-markdown';
const yaml = (text: string) =>
  `openapi: 3.1.0\ninfo: { title: T, version: 1.0.0 }\ntags:\n  - { name: Courses, description: ${JSON.stringify(text)} }\npaths: {}\n`;

describe(rule, () => {
  it('passes text that mentions evaluation', async () => {
    assert.deepEqual(await lintWith(rule, yaml('the evaluation of courses')), []);
  });

  it('reports eval( in a description', async () => {
    const findings = await lintWith(rule, yaml('<img onerror="eval(atob(x))">'));
    assert.deepEqual(summary(findings), [[rule, 'warning', 4]]);
    assert.equal(findings[0]!.pointer, '/tags/0/description');
  });
});
