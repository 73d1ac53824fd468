/**
 * Security requirements the model cannot read never make an operation public,
 * and responses never carry what the blueprint does not declare, even through
 * composition or `additionalProperties`.
 */
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { loadBlueprint } from '../../src/blueprint/load.js';
import { buildServiceModel } from '../../src/model/build-model.js';
import { ProjectionCompiler, runtime } from './helpers.js';

async function securityOf(security: unknown): Promise<unknown> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'df-security-'));
  const file = path.join(folder, 'api.json');
  await writeFile(
    file,
    JSON.stringify({
      openapi: '3.0.3',
      info: { title: 'T', version: '1.0.0' },
      paths: { '/things': { get: { operationId: 'listThings', security, responses: { '200': { description: 'ok' } } } } },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    }),
  );
  const model = buildServiceModel([await loadBlueprint(file)], { templateVersion: 't', generatorVersion: 'g', runtime });
  return model.versions[0]!.operations[0]!.route.security;
}

test('an unreadable security requirement refuses every call instead of making the operation public', async () => {
  const refused = [[{ scheme: '(unreadable security requirement)', scopes: [] }]];
  assert.deepEqual(await securityOf('bearer'), refused);
  assert.deepEqual(await securityOf(['bearer']), refused);
  assert.deepEqual(await securityOf([{ bearer: 'admin' }]), refused);
  assert.deepEqual(await securityOf([{ bearer: ['admin', 7] }]), refused);
});

test('readable requirements keep their meaning: [] and [{}] public, OR of AND-groups otherwise', async () => {
  assert.deepEqual(await securityOf([]), []);
  assert.deepEqual(await securityOf([{}]), []);
  assert.deepEqual(await securityOf([{ bearer: ['read'] }]), [[{ scheme: 'bearer', scopes: ['read'] }]]);
});

test('serialisation keeps only declared properties, through composition and past additionalProperties', () => {
  const defs = {
    User: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, password: false }, additionalProperties: true },
  };
  const compiler = new ProjectionCompiler(new Map([['urn:t', defs]]));
  const user = compiler.compile({ $ref: 'urn:t#/$defs/User' });
  assert.deepEqual(user({ id: '1', name: 'A', password: 'secret', extra: 1 }), { id: '1', name: 'A', extra: 1 });
  const composed = compiler.compile({ allOf: [{ type: 'object', properties: { id: { type: 'string' } } }, { required: ['id'] }] });
  assert.deepEqual(composed({ id: '1', password: 'secret', internal: true }), { id: '1' });
});
