/** Resources are nouns: no action verbs in literal path segments; the HTTP method is the verb. */
import { actionVerbIn } from '../naming.js';
import { isTemplateSegment, pathSegments } from '../../blueprint/openapi.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'path-no-verbs',
  description: 'literal path segments hold no action verbs (get, create, update, delete, list, search…)',
  fix: 'name the resource with a noun and let the HTTP method say what happens to it',
  create(context) {
    return {
      pathItem({ path, keyPointer }) {
        for (const segment of pathSegments(path)) {
          if (isTemplateSegment(segment)) continue;
          const verb = actionVerbIn(segment.replace(/\{[^{}]*\}/g, ' '));
          if (verb) {
            context.report({ message: `path ${path} names an action (${verb} in "${segment}")`, location: keyPointer });
            return;
          }
        }
      },
    };
  },
});
