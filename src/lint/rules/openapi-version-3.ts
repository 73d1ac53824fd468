/** `openapi` is 3.0.x or 3.1.x (OpenAPI 3.1.0 §4.8.1); Swagger 2.0 files are turned into this rule's finding by lintFile. */
import { defineRule } from '../types.js';

export const SWAGGER2_HINT = 'convert it to OpenAPI 3 first, for example with `npx swagger2openapi in.yaml -o out.yaml`';

export default defineRule({
  id: 'openapi-version-3',
  description: '`openapi` is 3.0.x or 3.1.x; Swagger 2.0 is refused',
  fix: `set \`openapi: 3.1.0\` (or 3.0.3); for Swagger 2.0, ${SWAGGER2_HINT}`,
  create(context) {
    return {
      document({ value }) {
        const version = value.openapi;
        if (typeof version === 'string' && /^3\.[01]\.\d+$/.test(version)) return;
        context.report({
          message: `openapi ${JSON.stringify(version)} is not a released 3.0.x or 3.1.x version`,
          location: version === undefined ? '' : '/openapi',
        });
      },
    };
  },
});
