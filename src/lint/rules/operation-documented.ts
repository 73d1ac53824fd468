/**
 * Operations are documented: an operationId, a summary or description, tags,
 * and described parameters (OpenAPI 3.1.0 §4.8.10). That operationIds are
 * unique is `operation-operationid-unique`'s business (an error).
 */
import { asArray, asString } from '../../blueprint/openapi.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'operation-documented',
  description: 'every operation has an `operationId`, a summary or description, tags, and every parameter a description',
  fix: 'add the missing operationId, summary, tags or parameter description',
  create(context) {
    return {
      operation({ value, pointer, method, path }) {
        const where = `${method.toUpperCase()} ${path}`;
        const id = asString(value.operationId);
        if (!id?.trim()) context.report({ message: `${where} has no operationId`, location: pointer });
        if (!asString(value.summary)?.trim() && !asString(value.description)?.trim()) {
          context.report({ message: `${where} has neither summary nor description`, location: pointer });
        }
        if (asArray(value.tags).filter((tag) => typeof tag === 'string' && tag.trim()).length === 0) {
          context.report({ message: `${where} has no tags`, location: pointer });
        }
      },
      parameter({ value, pointer }) {
        if (asString(value.description)?.trim()) return;
        const name = asString(value.name) ?? '?';
        context.report({ message: `parameter ${name} has no description`, location: pointer });
      },
    };
  },
});
