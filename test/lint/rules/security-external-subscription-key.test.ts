import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';
import { openapi } from '../../openapi-document.js';

const rule = 'security-external-subscription-key';

const document = (security: string, header: string): string =>
  openapi(`x-audience: external
paths:
  /courses:
    get:
      security: ${security}
      responses: { '200': { description: ok } }
components:
  securitySchemes:
    key: { type: apiKey, in: header, name: ${header} }
    bearer: { type: http, scheme: bearer }
`);

describe(rule, () => {
  it('passes an external API that requires the subscription key header', async () => {
    assert.deepEqual(await lintWith(rule, document('[{ key: [] }]', 'Ocp-Apim-Subscription-Key')), []);
  });

  it('reads the header name from the playbook', async () => {
    assert.deepEqual(await lintWith(rule, document('[{ key: [] }]', 'X-Api-Key'), { subscriptionKeyHeader: 'X-API-Key' }), []);
  });

  it('reports a missing scheme and operations that do not require it', async () => {
    assert.deepEqual(summary(await lintWith(rule, document('[{ key: [] }]', 'X-Api-Key'))), [[rule, 'warning', 9]]);
    assert.deepEqual(summary(await lintWith(rule, document('[{ bearer: [] }]', 'Ocp-Apim-Subscription-Key'))), [[rule, 'warning', 6]]);
  });
});
