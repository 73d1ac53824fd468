/**
 * No two paths could both match one URL with neither more specific: in
 * `/{entity}/items` and `/users/{id}`, `/users/items` matches both, each
 * having a literal where the other has a parameter. Redocly's
 * `no-ambiguous-paths`.
 */
import { isTemplateSegment, pathSegments } from '../../blueprint/openapi.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'no-ambiguous-paths',
  description: 'no two paths can both match a URL without one being more specific',
  fix: 'rename a literal segment, or move the parameter, so that each URL matches one path',
  create(context) {
    const byLength = new Map<number, Array<{ path: string; segments: string[]; templated: boolean[] }>>();
    return {
      pathItem({ path, keyPointer }) {
        const segments = pathSegments(path);
        const templated = segments.map((segment) => isTemplateSegment(segment));
        if (!templated.some(Boolean)) return;
        const list = byLength.get(segments.length) ?? [];
        byLength.set(segments.length, list);
        for (const other of list) {
          let mine = false;
          let theirs = false;
          let compatible = true;
          for (let i = 0; i < segments.length && compatible; i++) {
            if (templated[i] && !other.templated[i]) mine = true;
            else if (!templated[i] && other.templated[i]) theirs = true;
            else if (!templated[i] && segments[i] !== other.segments[i]) compatible = false;
          }
          if (compatible && mine && theirs) {
            context.report({ message: `path ${path} and ${other.path} can both match the same URL, and neither is more specific`, location: keyPointer });
            break;
          }
        }
        list.push({ path, segments, templated });
      },
    };
  },
});
