/**
 * A collection GET can be paged the profile's way: `?page=N` (integer, optional,
 * minimum 1) by default; `offset` + `limit`, or a `cursor`, under the other profiles.
 */
import type { PagingStyle } from '../../playbook/types.js';
import { words } from '../naming.js';
import { child, schemaTypes, type Json } from '../../blueprint/openapi.js';
import { defineRule, type OperationParameter, type RuleContext } from '../types.js';

interface Expected {
  name: string;
  type: 'integer' | 'string';
  minimum?: number;
}

/** The query parameters each paging profile pages with. */
export const PAGING_PARAMETERS: Record<PagingStyle, Expected[]> = {
  page: [{ name: 'page', type: 'integer', minimum: 1 }],
  offset: [
    { name: 'offset', type: 'integer', minimum: 0 },
    { name: 'limit', type: 'integer', minimum: 1 },
  ],
  cursor: [{ name: 'cursor', type: 'string' }],
};

export default defineRule({
  id: 'paging-page-param',
  description: "a collection GET has the profile's optional paging query parameter (`page`: integer, minimum 1)",
  fix: 'add an optional query parameter `page` (type: integer, minimum: 1), or the offset/cursor parameters of your profile',
  create(context) {
    const expected = PAGING_PARAMETERS[context.playbook.profile.paging];
    return {
      operation(operation) {
        if (!context.collection(operation)) return;
        const query = context.parameters(operation).filter((parameter) => parameter.in === 'query');
        for (const want of expected) {
          const found = query.find((parameter) => words(parameter.name).join('') === want.name);
          if (!found) {
            context.report({ message: `collection GET ${operation.path} has no \`${want.name}\` query parameter`, location: operation.pointer });
            continue;
          }
          const problem = parameterProblem(context, found, want);
          if (problem) context.report({ message: `query parameter ${found.name} ${problem}`, location: found.pointer });
        }
      },
    };
  },
});

function parameterProblem(context: RuleContext, parameter: OperationParameter, want: Expected): string | undefined {
  if (parameter.value.required === true) return 'must be optional: no page means the first page, or all results';
  const schema = context.resolve(parameter.value.schema, child(parameter.pointer, 'schema'));
  if (!schema) return `has no schema; declare type: ${want.type}`;
  if (!schemaTypes(schema.value).has(want.type)) return `must be type: ${want.type}`;
  if (want.minimum !== undefined && lowestValue(schema.value) !== want.minimum) return `must have minimum: ${want.minimum}`;
  return undefined;
}

/** The lowest integer a schema admits, from `minimum` and either form of `exclusiveMinimum`. */
function lowestValue(schema: Json): number | undefined {
  const minimum = typeof schema.minimum === 'number' ? schema.minimum : undefined;
  if (typeof schema.exclusiveMinimum === 'number') return Math.floor(schema.exclusiveMinimum) + 1;
  if (schema.exclusiveMinimum === true && minimum !== undefined) return Math.floor(minimum) + 1;
  return minimum === undefined ? undefined : Math.ceil(minimum);
}
