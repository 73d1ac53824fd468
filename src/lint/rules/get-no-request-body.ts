/** GET, HEAD and DELETE take no request body: intermediaries may drop it (RFC 9110 §9.3). */
import { defineRule } from '../types.js';

export default defineRule({
  id: 'get-no-request-body',
  description: 'GET, HEAD and DELETE take no request body',
  fix: 'move the input to the path or query, or use POST on a resource',
  create(context) {
    return {
      operation({ method, path, value, pointer }) {
        if ((method === 'get' || method === 'head' || method === 'delete') && value.requestBody !== undefined) {
          context.report({ message: `${method.toUpperCase()} ${path} declares a request body`, location: `${pointer}/requestBody` });
        }
      },
    };
  },
});
