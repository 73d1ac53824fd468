/**
 * An array schema says what it holds: `type: array` needs `items` (OpenAPI
 * 3.0.3 §4.7.24.1: "items MUST be present if the type is array"; in 3.1,
 * `prefixItems` also counts). Without it the generated type is `unknown[]`
 * and nothing is validated. Spectral's `array-items`.
 */
import { asArray } from '../../blueprint/openapi.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'array-items',
  description: 'every `type: array` schema has `items`',
  fix: 'add items: with the schema of the array elements',
  create(context) {
    return {
      schema({ value, pointer }) {
        const isArray = value.type === 'array' || asArray(value.type).includes('array');
        if (isArray && value.items === undefined && value.prefixItems === undefined && typeof value.$ref !== 'string') {
          context.report({ message: 'array schema without items', location: pointer });
        }
      },
    };
  },
});
