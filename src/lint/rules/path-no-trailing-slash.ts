/** No trailing `/` and no empty segment `//` in a path. */
import { defineRule } from '../types.js';

export default defineRule({
  id: 'path-no-trailing-slash',
  description: 'paths have no trailing `/` and no `//`',
  fix: 'remove the trailing or doubled slash',
  create(context) {
    return {
      pathItem({ path, keyPointer }) {
        if (path.includes('//')) context.report({ message: `path ${path} has an empty segment (//)`, location: keyPointer });
        else if (path.length > 1 && path.endsWith('/')) context.report({ message: `path ${path} ends with /`, location: keyPointer });
      },
    };
  },
});
