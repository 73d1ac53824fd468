/**
 * Every operation declares a success: at least one 2xx response (or a `2XX`
 * range), so clients and the generated contract tests know what a good
 * answer looks like. Spectral's `operation-success-response`, Redocly's
 * `operation-2xx-response`.
 */
import { child, objectEntries, statusClass } from '../../blueprint/openapi.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'operation-2xx-response',
  description: 'every operation declares at least one 2xx response',
  fix: 'add the success response (200, 201, 202 or 204) with its description and content',
  create(context) {
    return {
      operation({ value, pointer, method, path }) {
        if (value.responses === undefined) return;
        if (objectEntries(value.responses).some(([status]) => statusClass(status) === 2)) return;
        context.report({ message: `${method.toUpperCase()} ${path} declares no 2xx response`, location: child(pointer, 'responses') });
      },
    };
  },
});
