/** Every 2xx JSON response is an object, so metadata and new top-level keys can be added later. */
import { child, isArraySchema, isJsonMediaType, objectEntries, statusClass } from '../../blueprint/openapi.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'response-top-level-object',
  description: 'every 2xx JSON response is an object, never a top-level array',
  fix: 'wrap the array in an object, such as { "Courses": [...] }',
  create(context) {
    return {
      operation(operation) {
        for (const response of context.responses(operation)) {
          if (statusClass(response.status) !== 2) continue;
          for (const [mediaType, media] of objectEntries(response.value.content)) {
            if (!isJsonMediaType(mediaType)) continue;
            const at = child(child(child(response.pointer, 'content'), mediaType), 'schema');
            const schema = context.resolve(media.schema, at);
            if (schema && isArraySchema(schema.value)) {
              context.report({ message: `the ${response.status} response (${mediaType}) is a top-level array; return an object that holds it`, location: at });
            }
          }
        }
      },
    };
  },
});
