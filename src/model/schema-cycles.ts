/**
 * A component schema that reaches itself without stepping into a nested value
 * (`A: allOf [B]`, `B: anyOf [A]`) asks a validator to check a value against
 * itself before anything else: the mock-answer check, AJV in the generated
 * service and every other validator recurse until the stack runs out. Such a
 * blueprint is refused up front; recursion through a property or an array item
 * (a tree node whose children are nodes) reaches a smaller value each step and
 * stays allowed. The finder (blueprint/same-value-cycles.ts) is lint's too.
 */
import { escapeSegment } from '../blueprint/pointer.js';
import { findSameValueCycle, type NamedSchemas } from '../blueprint/same-value-cycles.js';
import { DesignFirstError, type SourcePlace } from '../errors.js';
import type { JsonSchema } from './json-schema.js';

/** Names shown in the message before it is cut short: a cycle can run through thousands of components. */
const SHOWN = 12;

interface Definitions {
  readonly $id: string;
  readonly $defs: Readonly<Record<string, JsonSchema>>;
}

/** Converted definitions as named schemas. */
export function namedDefinitions(definitions: Definitions): NamedSchemas {
  return { prefix: `${definitions.$id}#/$defs/`, schemas: definitions.$defs };
}

/**
 * Refuse the blueprint when a same-value cycle can be reached from its operations: `reached` gives the def keys of
 * the components its paths and webhooks refer to, directly or through other components. A cycle among components no
 * operation uses checks nothing (a common shape: `Pet: oneOf [Cat]`, `Cat: allOf [Pet, ...]`) and is left alone.
 * `componentOf` maps a def key back to the blueprint's component name, which is what its author wrote.
 */
export function refuseSameValueCycles(
  definitions: readonly Definitions[],
  reached: () => Iterable<string>,
  componentOf: (defKey: string) => string,
  place: (pointer: string) => SourcePlace,
): void {
  // Finding what the operations reach walks the whole document (a fiftieth of generating Stripe's service): only
  // done when there is a cycle at all, which almost no blueprint has.
  if (definitions.every((each) => findSameValueCycle(namedDefinitions(each)) === undefined)) return;
  const starts = [...reached()];
  for (const each of definitions) {
    const cycle = findSameValueCycle(namedDefinitions(each), starts)?.map(componentOf);
    if (!cycle) continue;
    const shown = cycle.length > SHOWN ? [...cycle.slice(0, SHOWN - 1), `... ${cycle.length - SHOWN} more`, cycle.at(-1)!] : cycle;
    throw new DesignFirstError(
      'DF_ERR_MODEL_SCHEMA_CYCLE',
      `schema ${cycle[0]} refers to itself with nothing nested in between (${shown.join(' -> ')}): no value can be checked against it`,
      place(`/components/schemas/${escapeSegment(cycle[0]!)}`),
    );
  }
}
