/**
 * Enum values are of the schema's declared type (JSON Schema validation
 * §6.1.1, §6.1.2): `type: integer` with `enum: ['1', '2']` admits nothing.
 * `null` is accepted where the schema is nullable (3.0) or lists `null` (3.1).
 * Spectral's `typed-enum`, Redocly's `no-enum-type-mismatch`.
 */
import { asArray, child } from '../../blueprint/openapi.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'typed-enum',
  description: "`enum` values are of the schema's `type`",
  fix: 'write the enum values in the declared type (1, not "1"), or correct the type',
  create(context) {
    return {
      schema({ value, pointer }) {
        if (!Array.isArray(value.enum) || value.type === undefined) return;
        const types = new Set(asArray(value.type).length > 0 ? asArray(value.type) : [value.type]);
        if (value.nullable === true) types.add('null');
        value.enum.forEach((item, index) => {
          if (![...types].some((type) => isOfType(item, type))) {
            context.report({
              message: `enum value ${JSON.stringify(item)} is not of type ${[...types].join(' or ')}`,
              location: child(child(pointer, 'enum'), index),
            });
          }
        });
      },
    };
  },
});

export function isOfType(value: unknown, type: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    default:
      // An unknown type is oas3-schema's finding, not this rule's.
      return true;
  }
}
