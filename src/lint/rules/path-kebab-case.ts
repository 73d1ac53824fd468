/** Literal path segments are lower-case words joined by hyphens (Paths Object, OpenAPI 3.1.0 §4.8.8). */
import { pathSegments } from '../../blueprint/openapi.js';
import { defineRule } from '../types.js';

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export default defineRule({
  id: 'path-kebab-case',
  description: 'literal path segments are lower-case words joined by hyphens',
  fix: 'rename the segment in kebab-case, such as /training-courses',
  create(context) {
    return {
      pathItem({ path, keyPointer }) {
        const bad = pathSegments(path)
          .map((segment) => segment.replace(/\{[^{}]*\}/g, ''))
          .filter((literal) => literal !== '' && !KEBAB.test(literal));
        if (bad.length > 0) {
          context.report({ message: `path ${path} has segments that are not kebab-case: ${bad.join(', ')}`, location: keyPointer });
        }
      },
    };
  },
});
