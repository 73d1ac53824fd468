/**
 * Enum values are unique (JSON Schema validation §6.1.2 says they SHOULD be):
 * a repeated value is a typo or a merge left-over, and some schema compilers
 * refuse it. Spectral's `duplicated-entry-in-enum`.
 */
import { child } from '../../blueprint/openapi.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'duplicated-entry-in-enum',
  description: '`enum` lists each value once',
  fix: 'remove the repeated enum value',
  create(context) {
    return {
      schema({ value, pointer }) {
        if (!Array.isArray(value.enum)) return;
        const seen = new Set<string>();
        value.enum.forEach((item, index) => {
          const key = JSON.stringify(item);
          if (seen.has(key)) context.report({ message: `enum value ${key} is listed twice`, location: child(child(pointer, 'enum'), index) });
          seen.add(key);
        });
      },
    };
  },
});
