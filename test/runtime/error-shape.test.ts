/**
 * One error shape for every failure, in generated services: validation (400
 * with field errors), 404, 405, 406, 413 (the playbook's body limit), 415,
 * 429, 500 from a handler's exception, a handler's own problem(...), 503 while
 * shutting down, and what is refused before routing (bad URLs, malformed HTTP,
 * 431). Each in the default RFC 9457 shape, and in the playbook's alternative
 * (`profile.errorShape: playbook`), whose member names must be the ones the
 * lint rule `error-body-schema` expects (ERROR_SHAPES, in the profile casing).
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { inCasing } from '../../src/lint/naming.js';
import { ERROR_SHAPES } from '../../src/playbook/defaults.js';
import type { PropertyCasing } from '../../src/playbook/types.js';
import { EXTERNAL_AND_BODIES, fixture, generate, runServiceTest } from './generated-service.js';

function playbookMembers(casing: PropertyCasing): { ERROR_MEMBERS: string; FIELD_MEMBERS: string } {
  return {
    ERROR_MEMBERS: JSON.stringify(ERROR_SHAPES.playbook.members.map((name) => inCasing(name, casing))),
    FIELD_MEMBERS: JSON.stringify(['in', 'pointer', 'detail'].map((name) => inCasing(name, casing))),
  };
}

test('RFC 9457 problems (the default shape) for every kind of failure', { timeout: 180_000 }, async () => {
  const service = await generate('error-shape', EXTERNAL_AND_BODIES, { playbook: fixture('tight-limits.yaml') });
  const settings = await readFile(path.join(service, 'src/platform/settings.ts'), 'utf8');
  assert.match(settings, /errorShape: 'problem'/);
  const { pass } = await runServiceTest(service, 'error-shape');
  assert.ok(pass >= 13, `${pass} tests passed`);
});

test('the playbook error shape (profile.errorShape: playbook): Message and Errors, as lint expects', { timeout: 180_000 }, async () => {
  const service = await generate('error-shape-playbook', EXTERNAL_AND_BODIES, { playbook: fixture('playbook-shape.yaml') });
  assert.match(await readFile(path.join(service, 'src/platform/settings.ts'), 'utf8'), /errorShape: 'playbook'/);
  assert.deepEqual(JSON.parse(playbookMembers('pascal').ERROR_MEMBERS), ['Message', 'Errors']);
  await runServiceTest(service, 'error-shape', playbookMembers('pascal'));
});

test('the playbook error shape follows the property casing (camelCase: message, errors)', { timeout: 180_000 }, async () => {
  // The example blueprints are PascalCase, so a camelCase playbook's lint would refuse them.
  const service = await generate('error-shape-camel', EXTERNAL_AND_BODIES, { playbook: fixture('playbook-shape-camel.yaml'), lint: false });
  await runServiceTest(service, 'error-shape', playbookMembers('camel'));
});
