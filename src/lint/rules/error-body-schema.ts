/**
 * Error responses use the profile's error shape: RFC 9457 problem details as
 * `application/problem+json` by default; with `errorShape: playbook`, a JSON
 * object with a `Message` (in the profile casing) and a list of `Errors`.
 */
import { ERROR_SHAPES } from '../../playbook/defaults.js';
import { inCasing } from '../naming.js';
import { baseMediaType, child, isErrorStatus, isJsonMediaType, objectEntries } from '../../blueprint/openapi.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'error-body-schema',
  description: "error responses use the profile's error shape (default RFC 9457 `application/problem+json`)",
  fix: 'give every 4xx/5xx/default response the error shape: application/problem+json with a problem details schema',
  create(context) {
    const shape = context.playbook.profile.errorShape;
    const casing = context.playbook.profile.propertyCasing;
    const members = shape === 'problem' ? ERROR_SHAPES.problem.members : ERROR_SHAPES.playbook.members.map((name) => inCasing(name, casing));
    const wanted = shape === 'problem' ? ERROR_SHAPES.problem.mediaType : `${ERROR_SHAPES.playbook.mediaType} (or another JSON type)`;
    return {
      operation(operation) {
        for (const response of context.responses(operation)) {
          if (!isErrorStatus(response.status)) continue;
          const content = objectEntries(response.value.content);
          if (content.length === 0) {
            context.report({ message: `the ${response.status} response has no body; return ${wanted}`, location: response.pointer });
            continue;
          }
          const match = content.find(([mediaType]) =>
            shape === 'problem' ? baseMediaType(mediaType) === ERROR_SHAPES.problem.mediaType : isJsonMediaType(mediaType),
          );
          if (!match) {
            context.report({
              message: `the ${response.status} response offers ${content.map(([m]) => m).join(', ')}; return ${wanted}`,
              location: child(response.pointer, 'content'),
            });
            continue;
          }
          const [mediaType, media] = match;
          const at = child(child(child(response.pointer, 'content'), mediaType), 'schema');
          const schema = context.resolve(media.schema, at);
          if (!schema) {
            context.report({
              message: `the ${response.status} response's ${mediaType} has no schema`,
              location: child(child(response.pointer, 'content'), mediaType),
            });
            continue;
          }
          const properties = context.properties(schema);
          const required = shape === 'problem' ? members.some((name) => properties.has(name)) : properties.has(members[0]!);
          if (!required) {
            const what = shape === 'problem' ? `problem details (${members.join(', ')})` : `the playbook error shape (${members.join(', ')})`;
            context.report({ message: `the ${response.status} response's schema is not ${what}`, location: schema.pointer });
          }
        }
      },
    };
  },
});
