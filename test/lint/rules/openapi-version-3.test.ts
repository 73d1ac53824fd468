import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintFile } from '../../../src/lint/index.js';
import { lintWith, playbookWithOnly, summary, writeTemp } from '../helpers.js';

const rule = 'openapi-version-3';

describe(rule, () => {
  it('passes 3.0.x and 3.1.x', async () => {
    assert.deepEqual(await lintWith(rule, 'openapi: 3.0.3\ninfo: { title: T, version: 1.0.0 }\npaths: {}\n'), []);
    assert.deepEqual(await lintWith(rule, 'openapi: 3.1.0\ninfo: { title: T, version: 1.0.0 }\npaths: {}\n'), []);
  });

  it('reports a pre-release version at the openapi field', async () => {
    const findings = await lintWith(rule, 'info: { title: T, version: 1.0.0 }\nopenapi: 3.1.0-rc0\npaths: {}\n');
    assert.deepEqual(summary(findings), [[rule, 'error', 2]]);
    assert.equal(findings[0]!.pointer, '/openapi');
  });

  it('turns a Swagger 2.0 file into a finding with the conversion hint', async () => {
    const file = await writeTemp('swagger.yaml', 'info: { title: T, version: 1.0.0 }\nswagger: "2.0"\npaths: {}\n');
    const { findings } = await lintFile(file, await playbookWithOnly(rule));
    assert.deepEqual(summary(findings), [[rule, 'error', 2]]);
    assert.match(findings[0]!.message, /swagger2openapi/);
  });

  it('still refuses to load a Swagger file when the rule is off', async () => {
    const file = await writeTemp('swagger.yaml', 'swagger: "2.0"\n');
    await assert.rejects(lintFile(file, await playbookWithOnly('info-metadata')), { code: 'DF_ERR_LOAD_SWAGGER2' });
  });
});
