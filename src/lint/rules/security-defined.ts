/** Security schemes exist, and every operation has security in force, or says `security: []` on purpose (OpenAPI 3.1.0 §4.8.30). */
import { asArray, asObject, child } from '../../blueprint/openapi.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'security-defined',
  description: 'security schemes exist and every operation has effective security (or an explicit `security: []`)',
  fix: 'declare components.securitySchemes and a top-level `security`, or `security: []` on operations that are public on purpose',
  create(context) {
    const schemes = asObject(asObject(context.document.components)?.securitySchemes) ?? {};
    const checkRequirements = (list: unknown, pointer: string): void => {
      asArray(list).forEach((requirement, index) => {
        for (const name of Object.keys(asObject(requirement) ?? {})) {
          if (!asObject(schemes[name])) {
            context.report({
              message: `security requirement names ${name}, which is not in components.securitySchemes`,
              location: child(child(pointer, index), name),
            });
          }
        }
      });
    };
    return {
      document({ value }) {
        const topLevel = value.security;
        const publicApi = Array.isArray(topLevel) && topLevel.length === 0;
        if (Object.keys(schemes).length === 0 && !publicApi) {
          context.report({ message: 'no security schemes are declared', location: asObject(value.components) ? '/components' : '' });
        }
        checkRequirements(topLevel, '/security');
      },
      operation(operation) {
        const own = operation.value.security;
        if (own !== undefined) checkRequirements(own, child(operation.pointer, 'security'));
        if (context.security(operation) === undefined) {
          context.report({
            message: `${operation.method.toUpperCase()} ${operation.path} has no security; declare it, or \`security: []\` if it is public on purpose`,
            location: operation.pointer,
          });
        }
      },
    };
  },
});
