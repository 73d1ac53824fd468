import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';
import { openapi } from '../../openapi-document.js';

const rule = 'collection-envelope';

const document = (schema: string, parameters = '[{ name: page, in: query, schema: { type: integer, minimum: 1 } }]'): string =>
  openapi(`paths:
  /training-courses:
    get:
      parameters: ${parameters}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: ${schema}
components:
  schemas:
    Link: { type: object, properties: { Rel: { type: string }, Href: { type: string }, Type: { type: string } } }
`);

describe(rule, () => {
  it('passes { TrainingCourses, Page, Links } for a paged collection', async () => {
    const schema = `
                type: object
                properties:
                  Page: { type: integer, format: int32 }
                  TrainingCourses: { type: array, items: { type: object } }
                  Links: { type: array, items: { $ref: '#/components/schemas/Link' } }`;
    assert.deepEqual(await lintWith(rule, document(schema)), []);
  });

  it('passes an unpaged collection without Page and Links', async () => {
    const schema = '{ type: object, properties: { TrainingCourses: { type: array, items: { type: object } } } }';
    assert.deepEqual(await lintWith(rule, document(schema, '[]')), []);
  });

  it('reports a bare array, at the schema', async () => {
    assert.deepEqual(summary(await lintWith(rule, document('{ type: array, items: { type: object } }'))), [[rule, 'warning', 12]]);
  });

  it('reports an envelope without the resource array, Page or Links', async () => {
    const schema = '{ type: object, properties: { Items: { type: array, items: { type: object } } } }';
    const findings = await lintWith(rule, document(schema));
    assert.deepEqual(summary(findings), [[rule, 'warning', 12]]);
    assert.equal(findings[0]!.message, 'the collection envelope of GET /training-courses lacks an array TrainingCourses, Page, Links');
  });

  it('takes the array key from the playbook envelope when it names one', async () => {
    const schema = '{ type: object, properties: { Items: { type: array, items: { type: object } } } }';
    const envelope = { page: 'Page', items: 'Items', links: 'Links', rel: 'Rel', href: 'Href', type: 'Type' };
    assert.deepEqual(await lintWith(rule, document(schema, '[]'), { envelope }), []);
  });
});
