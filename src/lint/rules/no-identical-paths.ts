/**
 * No two paths are the same apart from their parameters' names
 * (OpenAPI 3.1.0 §4.8.8: "Templated paths with the same hierarchy but
 * different templated names MUST NOT exist as they are identical"). The
 * generator refuses such paths unless their parameters' schemas tell the
 * values apart, so lint says so first. Redocly's `no-identical-paths`.
 */
import { defineRule } from '../types.js';

export default defineRule({
  id: 'no-identical-paths',
  description: 'no two paths are the same apart from the names of their parameters',
  fix: 'merge the two paths into one, with one name for the parameter',
  create(context) {
    const seen = new Map<string, string>();
    return {
      pathItem({ path, keyPointer }) {
        const shape = path.replace(/\{[^{}]*\}/g, '{}');
        const first = seen.get(shape);
        if (first === undefined) seen.set(shape, path);
        else context.report({ message: `path ${path} is identical to ${first} apart from parameter names`, location: keyPointer });
      },
    };
  },
});
