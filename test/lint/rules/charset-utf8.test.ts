import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';
import { openapi } from '../../openapi-document.js';

const rule = 'charset-utf8';

describe(rule, () => {
  it('passes utf-8 and media types without a charset', async () => {
    const yaml = openapi(`paths:
  /courses:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json: {}
            text/csv; charset=UTF-8: {}
            text/plain; charset="utf8": {}
`);
    assert.deepEqual(await lintWith(rule, yaml), []);
  });

  it('reports other charsets, in content keys and encodings', async () => {
    const yaml = openapi(`paths:
  /courses:
    post:
      requestBody:
        content:
          multipart/form-data:
            encoding:
              Notes: { contentType: text/plain; charset=windows-1252 }
      responses:
        '200':
          description: ok
          content:
            text/csv; charset=ISO-8859-1: {}
`);
    assert.deepEqual(summary(await lintWith(rule, yaml)), [
      [rule, 'info', 10],
      [rule, 'info', 15],
    ]);
  });
});
