/**
 * A resource is read and written at one URI: `/users/{id}` and `/users/{userId}`
 * (or `/users/{id}/update`) are the same resource under two URIs.
 */
import { ACTION_VERBS, words } from '../naming.js';
import { isTemplateSegment, pathSegments } from '../../blueprint/openapi.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'one-uri-per-resource',
  description: 'a resource is read and written at the same URI',
  fix: 'use one path template for the resource (same parameter names) and let the HTTP method choose the action',
  create(context) {
    const byResource = new Map<string, { path: string; keyPointer: string }>();
    return {
      pathItem({ path, keyPointer }) {
        const key = resourceKey(path);
        const first = byResource.get(key);
        if (!first) {
          byResource.set(key, { path, keyPointer });
        } else if (first.path !== path) {
          context.report({ message: `path ${path} addresses the same resource as ${first.path}`, location: keyPointer });
        }
      },
    };
  },
});

/** Parameters unnamed, a trailing action segment (`/update`, `:cancel`) dropped, case folded. */
function resourceKey(path: string): string {
  const segments = pathSegments(path).map((segment) => (isTemplateSegment(segment) ? '{}' : segment.replace(/:[A-Za-z]+$/, '').toLowerCase()));
  const last = segments.at(-1);
  if (segments.length > 1 && last !== undefined && last !== '{}' && words(last).every((word) => ACTION_VERBS.has(word))) segments.pop();
  return `/${segments.join('/')}`;
}
