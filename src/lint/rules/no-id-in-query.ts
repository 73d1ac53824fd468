/** A single resource is addressed by its path (/users/1), never by a query (/users?id=1). */
import { asString } from '../../blueprint/openapi.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'no-id-in-query',
  description: 'a single resource is addressed by path, never `?id=`',
  fix: 'address the resource as /things/{id} and drop the id query parameter',
  create(context) {
    return {
      parameter({ value, pointer }) {
        if (asString(value.in) === 'query' && /^id$/i.test(asString(value.name) ?? '')) {
          context.report({ message: `query parameter ${String(value.name)} addresses a single resource; put the id in the path`, location: pointer });
        }
      },
    };
  },
});
