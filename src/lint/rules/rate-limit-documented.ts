/** External APIs are rate-limited per client: every operation documents 429 with a `Retry-After` header. */
import { asObject, audienceOf, child } from '../../blueprint/openapi.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'rate-limit-documented',
  description: 'external APIs document 429 with `Retry-After`',
  fix: 'add a 429 response with a Retry-After header (a shared components/responses entry keeps this short)',
  create(context) {
    if (audienceOf(context.document) !== 'external') return {};
    return {
      operation(operation) {
        const tooMany = context.responses(operation).find((response) => response.status === '429');
        if (!tooMany) {
          context.report({
            message: `${operation.method.toUpperCase()} ${operation.path} documents no 429 response`,
            location: child(operation.pointer, 'responses'),
          });
          return;
        }
        const headers = Object.keys(asObject(tooMany.value.headers) ?? {}).map((name) => name.toLowerCase());
        if (!headers.includes('retry-after')) {
          context.report({ message: 'the 429 response has no Retry-After header', location: tooMany.pointer });
        }
      },
    };
  },
});
