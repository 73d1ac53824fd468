import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';

const rule = 'no-ambiguous-paths';
const header = 'openapi: 3.1.0\ninfo: { title: T, version: 1.0.0 }\npaths:\n';
const get = "    get: { responses: { '200': { description: ok } } }\n";

describe(rule, () => {
  it('passes a literal beside a parameter at the same place (the literal is more specific)', async () => {
    assert.deepEqual(await lintWith(rule, `${header}  /users/{id}:\n${get}  /users/me:\n${get}`), []);
  });

  it('reports two paths that each have a literal where the other has a parameter', async () => {
    const findings = await lintWith(rule, `${header}  /{entity}/items:\n${get}  /users/{id}:\n${get}`);
    assert.deepEqual(summary(findings), [[rule, 'warning', 6]]);
    assert.match(findings[0]!.message, /\/users\/\{id\} and \/\{entity\}\/items can both match the same URL/);
  });
});
