import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';

const rule = 'no-server-trailing-slash';
const yaml = (url: string) => `openapi: 3.1.0\ninfo: { title: T, version: 1.0.0 }\nservers:\n  - url: ${url}\npaths: {}\n`;

describe(rule, () => {
  it('passes URLs without a trailing slash, and the root', async () => {
    assert.deepEqual(await lintWith(rule, yaml('https://api.gov.uk/v1')), []);
    assert.deepEqual(await lintWith(rule, yaml('/')), []);
  });

  it('reports a trailing slash at the url', async () => {
    const findings = await lintWith(rule, yaml('https://api.gov.uk/v1/'));
    assert.deepEqual(summary(findings), [[rule, 'warning', 4]]);
    assert.equal(findings[0]!.pointer, '/servers/0/url');
  });
});
