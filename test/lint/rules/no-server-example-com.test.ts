import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';

const rule = 'no-server-example-com';
const yaml = (url: string) => `openapi: 3.1.0\ninfo: { title: T, version: 1.0.0 }\nservers:\n  - url: ${url}\npaths: {}\n`;

describe(rule, () => {
  it('passes real hosts, example.gov.uk among them, and relative URLs', async () => {
    assert.deepEqual(await lintWith(rule, yaml('https://api.example.gov.uk')), []);
    assert.deepEqual(await lintWith(rule, yaml('/v1')), []);
  });

  it('reports example.com and its subdomains', async () => {
    assert.deepEqual(summary(await lintWith(rule, yaml('https://example.com/v1'))), [[rule, 'warning', 4]]);
    assert.deepEqual(summary(await lintWith(rule, yaml('https://api.EXAMPLE.com'))), [[rule, 'warning', 4]]);
  });
});
