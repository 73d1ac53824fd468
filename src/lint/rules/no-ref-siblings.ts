/**
 * Nothing beside a `$ref` that the reference would silently drop: in OpenAPI
 * 3.0 every sibling of a `$ref` is ignored (§4.7.19.1 of 3.0.3); in 3.1 a
 * Reference Object may carry only `summary` and `description`, while schemas
 * may combine `$ref` with other keywords. Spectral's `no-$ref-siblings`.
 */
import { documentRefs } from '../document-refs.js';
import { child } from '../../blueprint/openapi.js';
import { defineRule } from '../types.js';

/** Keys whose values are schemas (or maps or lists of them): a 3.1 `$ref` below one is a schema's, where siblings are allowed. */
const SCHEMA_KEYS = new Set([
  'schema',
  'schemas',
  'properties',
  'items',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  'additionalProperties',
  'prefixItems',
  '$defs',
  'patternProperties',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'dependentSchemas',
  'unevaluatedItems',
  'unevaluatedProperties',
]);

export default defineRule({
  id: 'no-ref-siblings',
  description: 'no keys beside a `$ref` that the reference ignores (3.0: any; 3.1 Reference Objects: all but summary and description)',
  fix: 'move the keys into the referenced object, or (3.0 schemas) wrap the reference in allOf: [{ $ref: ... }] beside them',
  create(context) {
    return {
      document({ value }) {
        for (const { pointer, holder } of documentRefs(value)) {
          const extra = Object.keys(holder).filter((key) => key !== '$ref' && !key.startsWith('x-'));
          if (extra.length === 0) continue;
          if (context.specVersion === '3.1') {
            if (pointer.split('/').some((segment) => SCHEMA_KEYS.has(segment))) continue;
            const ignored = extra.filter((key) => key !== 'summary' && key !== 'description');
            if (ignored.length > 0)
              context.report({
                message: `${ignored.join(', ')} beside $ref ${ignored.length === 1 ? 'is' : 'are'} ignored`,
                location: child(pointer, ignored[0]!),
              });
            continue;
          }
          context.report({
            message: `${extra.join(', ')} beside $ref ${extra.length === 1 ? 'is' : 'are'} ignored in OpenAPI 3.0`,
            location: child(pointer, extra[0]!),
          });
        }
      },
    };
  },
});
