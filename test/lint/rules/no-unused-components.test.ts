import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';
import { openapi } from '../../openapi-document.js';

const rule = 'no-unused-components';
const yaml = openapi(`paths:
  /courses:
    get:
      responses:
        '200':
          description: ok
          content: { application/json: { schema: { $ref: '#/components/schemas/Course' } } }
components:
  schemas:
    Course:
      type: object
      properties: { Level: { $ref: '#/components/schemas/Level' }, Next: { $ref: '#/components/schemas/Course' } }
      discriminator: { propertyName: Kind, mapping: { online: '#/components/schemas/Online', 'in-person': InPerson } }
    Level: { type: integer }
    Online: { type: object }
    InPerson: { type: object }
    Lonely:
      type: object
      properties: { Self: { $ref: '#/components/schemas/Lonely' } }
  parameters:
    Page: { name: page, in: query, schema: { type: integer } }
  securitySchemes:
    key: { type: apiKey, in: header, name: X-Key }
`);

describe(rule, () => {
  it('reports components nothing references (referring to oneself does not count), not security schemes', async () => {
    const findings = await lintWith(rule, yaml);
    assert.deepEqual(summary(findings), [
      [rule, 'warning', 19],
      [rule, 'warning', 23],
    ]);
    assert.deepEqual(
      findings.map((f) => f.message),
      ['schema Lonely is never referenced', 'parameter Page is never referenced'],
    );
  });

  it('passes a document whose components are all used', async () => {
    const used = yaml.replace(/ {4}Lonely:\n.*\n.*\n/, '').replace(/ {2}parameters:\n.*\n/, '');
    assert.deepEqual(await lintWith(rule, used), []);
  });
});
