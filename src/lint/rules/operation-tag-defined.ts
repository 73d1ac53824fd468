/**
 * Every tag an operation uses is declared in the top-level `tags` (OpenAPI
 * 3.1.0 §4.8.1, §4.8.22), where it gets its description and order. Spectral's
 * and Redocly's `operation-tag-defined`.
 */
import { asArray, asObject, asString, child } from '../../blueprint/openapi.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'operation-tag-defined',
  description: "every tag an operation uses is declared in the document's top-level `tags`",
  fix: 'add the tag, with a description, to the top-level tags list',
  create(context) {
    const declared = new Set(asArray(context.document.tags).map((tag) => asString(asObject(tag)?.name)));
    return {
      operation({ value, pointer }) {
        asArray(value.tags).forEach((tag, index) => {
          if (typeof tag === 'string' && !declared.has(tag))
            context.report({ message: `tag ${tag} is not declared in the top-level tags`, location: child(child(pointer, 'tags'), index) });
        });
      },
    };
  },
});
