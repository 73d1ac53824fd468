/** Blueprint path keys in the router's syntax (src/model/route-url.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dispatchSuffix, routeUrl } from '../../src/model/route-url.js';

describe('routeUrl', () => {
  it('names parameters safely and keeps the blueprint names beside them', () => {
    const route = routeUrl('/pets/{pet-id}/toys/{toy id}');
    assert.equal(route.url, '/pets/:petId/toys/:toyId');
    assert.deepEqual(route.params, [
      ['petId', 'pet-id'],
      ['toyId', 'toy id'],
    ]);
    assert.equal(route.matcher, '^/pets/[^/]+/toys/[^/]+$');
  });

  it('escapes the literals the router treats as special', () => {
    assert.equal(routeUrl('/jobs/{name}:cancel').url, '/jobs/:name(^[^/]+)::cancel');
    assert.equal(routeUrl('/glob/*').url, '/glob/%2A');
  });

  it('splits a segment of several parameters at the last separator, so suffixes are what the URL ends with', () => {
    assert.equal(routeUrl('/geo/{position}.{ext}').url, '/geo/:position(^[^/]+).:ext(^[^/.]+)');
    assert.equal(routeUrl('/x/{a}-{b}-{c}').url, String.raw`/x/:a(^[^/]+)-:b(^[^/]+)-:c(^[^/\-]+)`);
    // A parameter before a literal at the end of a segment may hold that literal.
    assert.equal(routeUrl('/files/{name}.json').url, '/files/:name(^[^/]+).json');
  });

  it('constrains overlapping routes with their value patterns', () => {
    assert.equal(routeUrl('/contacts/{ContactID}', new Map([['ContactID', '[0-9a-f-]{36}']])).url, '/contacts/:contactId(^(?:[0-9a-f-]{36})$)');
  });

  it('turns an AWS-style key into a dispatch rule and a registration path', () => {
    const route = routeUrl('/#X-Amz-Target=Lambda.Invoke');
    assert.deepEqual(route.dispatch, { in: 'header', name: 'x-amz-target', value: 'Lambda.Invoke' });
    assert.equal(route.url, `/${dispatchSuffix(route.dispatch!)}`);
    assert.deepEqual(routeUrl('/items#name').dispatch, { in: 'query', name: 'name', value: null });
    assert.deepEqual(routeUrl('/?Action=Describe&Version=1').dispatch, { in: 'query', name: 'Action', value: 'Describe' });
  });
});
