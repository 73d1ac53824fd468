/** A segment followed by an identifier names a collection, so it is plural: /courses/{id}. */
import { isPlural } from '../naming.js';
import { isTemplateSegment, isVersionSegment, pathSegments } from '../../blueprint/openapi.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'path-collections-plural',
  description: 'collection segments (those followed by an {id}) are plural',
  fix: 'use the plural: /courses/{id} rather than /course/{id}',
  create(context) {
    return {
      pathItem({ path, keyPointer }) {
        const segments = pathSegments(path);
        segments.forEach((segment, index) => {
          const next = segments[index + 1];
          if (next === undefined || !isTemplateSegment(next) || /[{}]/.test(segment) || segment === '' || isVersionSegment(segment)) return;
          if (!isPlural(segment)) {
            context.report({ message: `path ${path}: "${segment}" names a collection and should be plural`, location: keyPointer });
          }
        });
      },
    };
  },
});
