/** At most /resource/{id}/sub-resource/{id}/sub-sub-resource: three resource levels (version segments not counted). */
import { isTemplateSegment, isVersionSegment, pathSegments } from '../../blueprint/openapi.js';
import { defineRule } from '../types.js';

const MAX_RESOURCES = 3;

export default defineRule({
  id: 'path-max-depth',
  description: 'paths go at most three resources deep: /resource/{id}/sub-resource/{id}/sub-sub-resource',
  fix: 'split the resource: address the deep one from the top, such as /sub-sub-resources/{id}',
  create(context) {
    return {
      pathItem({ path, keyPointer }) {
        const resources = pathSegments(path).filter((s) => s !== '' && !isTemplateSegment(s) && !isVersionSegment(s));
        if (resources.length > MAX_RESOURCES) {
          context.report({ message: `path ${path} is ${resources.length} resources deep (at most ${MAX_RESOURCES})`, location: keyPointer });
        }
      },
    };
  },
});
