/** The URL prefix each version is served under (src/model/version-prefix.ts). */
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { generateService } from '../../src/pipeline.js';
import { chooseVersionPrefix } from '../../src/model/version-prefix.js';

const doc = (paths: string[], servers?: string[]) => ({
  paths: Object.fromEntries(paths.map((path) => [path, {}])),
  ...(servers ? { servers: servers.map((url) => ({ url })) } : {}),
});

describe('chooseVersionPrefix', () => {
  it('puts /<key> in front of paths that carry no version', () => {
    const chosen = chooseVersionPrefix(doc(['/pets', '/pets/{id}']), 'v1');
    assert.equal(chosen.prefix, '/v1');
    assert.equal(chosen.servedPath('/pets/{id}'), '/pets/{id}');
    assert.equal(chosen.reason, undefined);
  });

  it('serves paths that all begin with the same version segment under it, once', () => {
    const chosen = chooseVersionPrefix(doc(['/v2/files', '/v2/files/{id}', '/v2']), 'v1');
    assert.equal(chosen.prefix, '/v2');
    assert.deepEqual(['/v2/files', '/v2/files/{id}', '/v2'].map(chosen.servedPath), ['/files', '/files/{id}', '/']);
    assert.equal(chosen.reason, 'every path begins with /v2');
  });

  it('serves paths with different versions of their own as written', () => {
    const chosen = chooseVersionPrefix(doc(['/v1/projects', '/v9/deployments']), 'v1');
    assert.equal(chosen.prefix, '');
    assert.equal(chosen.servedPath('/v9/deployments'), '/v9/deployments');
    assert.match(chosen.reason!, /own versions \(v1, v9\)/);
  });

  it('takes the version the server URL ends with', () => {
    assert.equal(chooseVersionPrefix(doc(['/pets'], ['https://api.example.gov.uk/api/v2/']), 'v1').prefix, '/v2');
    assert.equal(chooseVersionPrefix(doc(['/pets'], ['/v3']), 'v1').prefix, '/v3');
    // The same as the default: no reason to mention.
    assert.equal(chooseVersionPrefix(doc(['/pets'], ['https://api.example.gov.uk/v1']), 'v1').reason, undefined);
    // Not a version: the default.
    assert.equal(chooseVersionPrefix(doc(['/pets'], ['https://api.example.gov.uk/{basePath}']), 'v4').prefix, '/v4');
  });

  it('does not mistake a resource for a version', () => {
    assert.equal(chooseVersionPrefix(doc(['/videos', '/vehicles']), 'v1').prefix, '/v1');
  });
});

describe('versions of one service', () => {
  const blueprint = (version: string, path: string, server?: string) =>
    JSON.stringify({
      openapi: '3.0.3',
      info: { title: 'T', version },
      ...(server ? { servers: [{ url: server }] } : {}),
      paths: { [path]: { get: { operationId: 'listThings', responses: { '204': { description: 'none' } } } } },
    });
  const write = async (name: string, text: string) => {
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'df-prefix-')), name);
    await writeFile(file, text);
    return file;
  };

  it('a server URL kept from the previous version gives way to each version’s own prefix, with a note', async () => {
    const printed: string[] = [];
    const { model } = await generateService({
      blueprints: [
        await write('v1.json', blueprint('1.0.0', '/things', 'https://api.example.gov.uk/v1')),
        await write('v2.json', blueprint('2.0.0', '/things', 'https://api.example.gov.uk/v1')),
      ],
      lint: false,
      report: (line) => printed.push(line),
    });
    assert.deepEqual(
      model.versions.map((version) => version.prefix),
      ['/v1', '/v2'],
    );
    assert.ok(
      printed.some((line) => /v2\.json #\/servers\/0\/url: the server URL ends with \/v1, like another blueprint's; served under \/v2/.test(line)),
      printed.join('\n'),
    );
  });

  it('two blueprints whose paths carry the same version segment are refused', async () => {
    await assert.rejects(
      generateService({
        blueprints: [await write('a.json', blueprint('1.0.0', '/v1/things')), await write('b.json', blueprint('2.0.0', '/v1/things'))],
        lint: false,
      }),
      (error: Error & { code?: string }) =>
        error.code === 'DF_ERR_MODEL_VERSION_CLASH' && /would be served under "\/v1" \(every path begins with \/v1\)/.test(error.message),
    );
  });
});
