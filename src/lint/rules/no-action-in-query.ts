/** The HTTP method says what to do: no `action`, `op`, `cmd` or `method` query parameters. */
import { asString } from '../../blueprint/openapi.js';
import { defineRule } from '../types.js';

const ACTION_NAMES = /^(action|op|cmd|command|method)$/i;

export default defineRule({
  id: 'no-action-in-query',
  description: 'no `action`, `op`, `cmd`, `method` query parameters',
  fix: 'model the action as a resource and an HTTP method instead of a query parameter',
  create(context) {
    return {
      parameter({ value, pointer }) {
        const name = asString(value.name) ?? '';
        if (asString(value.in) === 'query' && ACTION_NAMES.test(name)) {
          context.report({ message: `query parameter ${name} chooses an action; use an HTTP method on a resource`, location: pointer });
        }
      },
    };
  },
});
