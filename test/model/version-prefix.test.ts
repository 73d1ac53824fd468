/** The URL prefix each version is served under (src/model/version-prefix.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
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
