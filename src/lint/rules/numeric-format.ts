/** Integers and numbers say how big they get: `format: int32`, `int64`, `float`, `double` or `decimal`. */
import { schemaTypes } from '../../blueprint/openapi.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'numeric-format',
  description: 'integers and numbers declare a format',
  fix: 'add format: int32 or int64 to integers, float, double or decimal to numbers',
  create(context) {
    return {
      schema({ value, pointer }) {
        if (value.format !== undefined) return;
        const types = schemaTypes(value);
        const numeric = types.has('integer') ? 'integer' : types.has('number') ? 'number' : undefined;
        if (numeric) context.report({ message: `${numeric} without a format`, location: pointer });
      },
    };
  },
});
