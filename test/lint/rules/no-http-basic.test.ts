import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';
import { openapi } from '../../openapi-document.js';

const rule = 'no-http-basic';

describe(rule, () => {
  it('passes bearer, OAuth2 and API keys', async () => {
    const yaml = openapi(`paths: {}
components:
  securitySchemes:
    bearer: { type: http, scheme: bearer }
    key: { type: apiKey, in: header, name: Ocp-Apim-Subscription-Key }
`);
    assert.deepEqual(await lintWith(rule, yaml), []);
  });

  it('reports HTTP Basic in any casing', async () => {
    const yaml = openapi(`paths: {}
components:
  securitySchemes:
    bearer: { type: http, scheme: bearer }
    legacy: { type: http, scheme: Basic }
`);
    assert.deepEqual(summary(await lintWith(rule, yaml)), [[rule, 'error', 7]]);
  });
});
