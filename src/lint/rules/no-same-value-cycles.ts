/**
 * No schema an operation uses reaches itself with nothing nested in between
 * (`A: allOf [B]`, `B: anyOf [A]`): every validator, the generated service's
 * AJV included, would check a value against the schema before anything else
 * and recurse until its stack runs out. `new` refuses such a blueprint
 * (DF_ERR_MODEL_SCHEMA_CYCLE, model/schema-cycles.ts), and lint says so first,
 * with the same finder: lint and `new` never disagree. Recursion through a
 * property or an array item (a tree of nodes) is fine, and so is a cycle among
 * components no operation uses (a common polymorphism shape, `Pet: oneOf
 * [Cat]`, `Cat: allOf [Pet, …]`, that nothing checks a value against).
 */
import { usedSchemaComponents } from '../../blueprint/operation-reach.js';
import { asObject, child } from '../../blueprint/openapi.js';
import { findSameValueCycle, sameValueCycles } from '../../blueprint/same-value-cycles.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'no-same-value-cycles',
  description: 'no schema an operation uses refers to itself with nothing nested in between (an endless recursion for every validator)',
  fix: 'break the cycle: put the reference inside a property or an array item, or remove it',
  create(context) {
    return {
      document({ value }) {
        const schemas = asObject(asObject(value.components)?.schemas);
        if (!schemas) return;
        const named = { prefix: '#/components/schemas/', schemas };
        // The whole document is walked for what the operations use only when there is a cycle at all.
        if (findSameValueCycle(named) === undefined) return;
        const used = usedSchemaComponents(value);
        const reported = new Set<string>();
        // One finding per cycle: a cycle sharing a schema with one reported already is the same knot.
        for (const cycle of sameValueCycles(
          named,
          Object.keys(schemas).filter((name) => used.has(name)),
        )) {
          if (cycle.some((member) => reported.has(member))) continue;
          for (const member of cycle) reported.add(member);
          context.report({
            message: `schema ${cycle[0]} refers to itself with nothing nested in between (${cycle.join(' -> ')}): no value can be checked against it`,
            location: child('/components/schemas', cycle[0]!),
          });
        }
      },
    };
  },
});
