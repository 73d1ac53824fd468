import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';
import { openapi } from '../../openapi-document.js';

const rule = 'link-object-shape';

const document = (
  links: string,
  link = '{ type: object, properties: { Rel: { type: string }, Href: { type: string }, Type: { type: string, enum: [GET, POST] } } }',
): string =>
  openapi(`paths: {}
components:
  schemas:
    Courses:
      type: object
      properties:
        Links: ${links}
    Link: ${link}
`);

describe(rule, () => {
  it('passes an array of { Rel, Href, Type } with methods for Type', async () => {
    assert.deepEqual(await lintWith(rule, document("{ type: array, items: { $ref: '#/components/schemas/Link' } }")), []);
  });

  it('reports Links that is not an array', async () => {
    assert.deepEqual(summary(await lintWith(rule, document('{ type: object }'))), [[rule, 'warning', 9]]);
  });

  it('reports link objects without Rel, Href or Type, at the link schema', async () => {
    const findings = await lintWith(
      rule,
      document(
        "{ type: array, items: { $ref: '#/components/schemas/Link' } }",
        '{ type: object, properties: { rel: { type: string }, Href: { type: string } } }',
      ),
    );
    assert.deepEqual(summary(findings), [[rule, 'warning', 10]]);
    assert.equal(findings[0]!.message, 'link objects lack Rel, Type');
  });

  it('reports a Type that is not an HTTP method', async () => {
    const findings = await lintWith(
      rule,
      document(
        "{ type: array, items: { $ref: '#/components/schemas/Link' } }",
        '{ type: object, properties: { Rel: { type: string }, Href: { type: string }, Type: { type: string, enum: [GET, application/json] } } }',
      ),
    );
    assert.deepEqual(summary(findings), [[rule, 'warning', 10]]);
    assert.match(findings[0]!.message, /not "application\/json"/);
  });
});
