/**
 * operationIds are unique (OpenAPI 3.1.0 §4.8.10: "The id MUST be unique
 * among all operations described in the API"). An error, because `new`
 * refuses a blueprint with two operations of one id (DF_ERR_MODEL_DUPLICATE_OPERATION_ID),
 * and lint and `new` must agree. Spectral's and Redocly's `operation-operationId-unique`.
 */
import { asString, child } from '../../blueprint/openapi.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'operation-operationid-unique',
  description: 'every `operationId` is used by one operation only',
  fix: 'give every operation its own operationId',
  create(context) {
    const firstUse = new Map<string, string>();
    return {
      operation({ value, pointer }) {
        const id = asString(value.operationId);
        if (id === undefined || id.trim() === '') return;
        const previous = firstUse.get(id);
        // The generator's words (src/model/operations.ts), so both say the same.
        if (previous !== undefined) context.report({ message: `operationId "${id}" is also used at #${previous}`, location: child(pointer, 'operationId') });
        else firstUse.set(id, pointer);
      },
    };
  },
});
