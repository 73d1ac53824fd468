/**
 * `nullable` comes with a `type` (OpenAPI 3.0.3 §4.7.24.1: nullable has no
 * effect without one), and belongs to 3.0 only: 3.1 writes `type: [string, 'null']`.
 * The GitHub description has 84 `nullable` without `type`; Fastify refuses to
 * start on them. Redocly's `nullable-type-sibling`.
 */
import { defineRule } from '../types.js';

export default defineRule({
  id: 'nullable-type-sibling',
  description: '`nullable` is used beside a `type` (OpenAPI 3.0), and not in 3.1',
  fix: "add the type beside nullable: true (3.0); in 3.1, write type: [<type>, 'null'] instead",
  create(context) {
    return {
      schema({ value, pointer }) {
        if (value.nullable === undefined) return;
        if (context.specVersion === '3.1') {
          context.report({ message: "nullable is not part of OpenAPI 3.1; list 'null' in type instead", location: `${pointer}/nullable` });
        } else if (value.type === undefined) {
          context.report({ message: 'nullable without a type beside it has no effect', location: `${pointer}/nullable` });
        }
      },
    };
  },
});
