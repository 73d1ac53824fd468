/**
 * Lint reports what `new` refuses (test/model/schema-cycles.test.ts): a schema an operation uses that reaches
 * itself with nothing nested in between, once per cycle, at its first schema; recursion through a nested value and
 * cycles no operation uses pass.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openapi } from '../../openapi-document.js';
import { lintWith, summary } from '../helpers.js';

const rule = 'no-same-value-cycles';

function document(schemas: string, answer = 'A'): string {
  return openapi(`paths:
  /things:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { $ref: '#/components/schemas/${answer}' }
components:
  schemas:
${schemas}`);
}

describe(rule, () => {
  it('reports a cycle through allOf and anyOf that an operation reaches, once, at its first schema', async () => {
    const findings = await lintWith(
      rule,
      document(`    A: { allOf: [{ $ref: '#/components/schemas/B' }] }
    B: { anyOf: [{ $ref: '#/components/schemas/A' }, { type: string }] }
`),
    );
    assert.deepEqual(summary(findings), [[rule, 'error', 14]]);
    assert.equal(findings[0]!.pointer, '/components/schemas/A');
    assert.match(findings[0]!.message, /schema A refers to itself with nothing nested in between \(A -> B -> A\)/);
  });

  it('reports a schema whose not refers to itself, reached through a property of another', async () => {
    const findings = await lintWith(
      rule,
      document(
        `    Holder: { type: object, properties: { inner: { $ref: '#/components/schemas/Self' } } }
    Self: { not: { $ref: '#/components/schemas/Self' } }
`,
        'Holder',
      ),
    );
    assert.deepEqual(summary(findings), [[rule, 'error', 15]]);
    assert.match(findings[0]!.message, /\(Self -> Self\)/);
  });

  it('passes recursion through a property or an item, and a cycle no operation uses', async () => {
    const findings = await lintWith(
      rule,
      document(`    A: { type: object, properties: { children: { type: array, items: { $ref: '#/components/schemas/A' } } } }
    Pet: { oneOf: [{ $ref: '#/components/schemas/Cat' }] }
    Cat: { allOf: [{ $ref: '#/components/schemas/Pet' }, { type: object }] }
`),
    );
    assert.deepEqual(findings, []);
  });
});
