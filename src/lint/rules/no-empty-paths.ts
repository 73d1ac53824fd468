/**
 * The blueprint describes at least one operation, under `paths` or (for a
 * service that receives them) `webhooks`. `new` refuses a blueprint without
 * one (DF_ERR_MODEL_NO_OPERATIONS): lint says so first, in the same words.
 */
import { HTTP_METHODS, asObject, objectEntries } from '../../blueprint/openapi.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'no-empty-paths',
  description: 'the blueprint has at least one operation under `paths` or `webhooks`',
  fix: 'add at least one operation under `paths` (or `webhooks`, for a receiver)',
  create(context) {
    let operations = 0;
    return {
      operation() {
        operations++;
      },
      documentEnd() {
        if (operations > 0) return;
        const document = context.document;
        for (const [, item] of objectEntries(document.webhooks)) {
          const resolved = context.resolve(item, '/webhooks');
          if (resolved && HTTP_METHODS.some((method) => asObject(resolved.value[method]))) return;
        }
        // The generator's words (src/model/build-model.ts), so lint and `new` say the same.
        context.report({ message: 'the blueprint has no operations under paths or webhooks', location: document.paths === undefined ? '' : '/paths' });
      },
    };
  },
});
