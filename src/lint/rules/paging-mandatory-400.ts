/** With `?page=N` paging, no page means all results, unless there are too many: then 400 says paging is mandatory. */
import { defineRule } from '../types.js';

export default defineRule({
  id: 'paging-mandatory-400',
  description: 'a collection GET documents the 400 returned when paging is mandatory',
  fix: 'add a 400 response that says the client must ask for a page',
  create(context) {
    if (context.playbook.profile.paging !== 'page') return {};
    return {
      operation(operation) {
        if (!context.collection(operation)) return;
        const responses = context.responses(operation);
        if (responses.some((response) => response.status === '400' || response.status.toUpperCase() === '4XX')) return;
        context.report({
          message: `collection GET ${operation.path} documents no 400 for when paging is mandatory`,
          location: `${operation.pointer}/responses`,
        });
      },
    };
  },
});
