/**
 * No parameter is listed twice in one place (OpenAPI 3.1.0 §4.8.10, §4.8.9:
 * "The list MUST NOT include duplicated parameters. A unique parameter is
 * defined by a combination of a name and location"). Redocly's
 * `operation-parameters-unique`, Spectral's `operation-parameters`.
 */
import { asArray, asString, child, type Json } from '../../blueprint/openapi.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'operation-parameters-unique',
  description: 'an operation or path item lists each parameter (name and location) once',
  fix: 'remove the repeated parameter, or give it the other name or location it was meant to have',
  create(context) {
    const check = (holder: Json, pointer: string): void => {
      const base = child(pointer, 'parameters');
      const seen = new Set<string>();
      asArray(holder.parameters).forEach((item, index) => {
        const resolved = context.resolve(item, child(base, index));
        const name = resolved && asString(resolved.value.name);
        const location = resolved && asString(resolved.value.in);
        if (name === undefined || location === undefined) return;
        // Header names are case-insensitive (RFC 9110 §5.1).
        const key = `${location}:${location === 'header' ? name.toLowerCase() : name}`;
        if (seen.has(key)) context.report({ message: `parameter ${name} in ${location} is listed twice`, location: child(base, index) });
        seen.add(key);
      });
    };
    return {
      pathItem: ({ value, pointer }) => check(value, pointer),
      operation: ({ value, pointer }) => check(value, pointer),
    };
  },
});
