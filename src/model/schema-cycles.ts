/**
 * A component schema that reaches itself without stepping into a nested value
 * (`A: allOf [B]`, `B: anyOf [A]`) asks a validator to check a value against
 * itself before anything else: the mock-answer check, AJV in the generated
 * service and every other validator recurse until the stack runs out. Such a
 * blueprint is refused up front; recursion through a property or an array item
 * (a tree node whose children are nodes) reaches a smaller value each step and
 * stays allowed.
 */
import { escapeSegment, unescapeSegment } from '../blueprint/pointer.js';
import { DesignFirstError, type SourcePlace } from '../errors.js';
import type { JsonSchema } from './json-schema.js';

/** The keywords whose subschemas apply to the very value their parent applies to. */
const SAME_VALUE_LISTS = ['allOf', 'anyOf', 'oneOf'] as const;
const SAME_VALUE_SINGLES = ['not', 'if', 'then', 'else'] as const;
const SAME_VALUE_MAPS = ['dependentSchemas'] as const;

/** Names shown in the message before it is cut short: a cycle can run through thousands of components. */
const SHOWN = 12;

interface Definitions {
  readonly $id: string;
  readonly $defs: Readonly<Record<string, JsonSchema>>;
}

/** Named schemas and how a reference to one of them starts: converted definitions, or a blueprint's components (lint). */
export interface NamedSchemas {
  /** `urn:…#/$defs/` for converted definitions, `#/components/schemas/` for a blueprint's own. */
  readonly prefix: string;
  readonly schemas: Readonly<Record<string, unknown>>;
}

/** Converted definitions as named schemas. */
export function namedDefinitions(definitions: Definitions): NamedSchemas {
  return { prefix: `${definitions.$id}#/$defs/`, schemas: definitions.$defs };
}

/**
 * The first same-value cycle among the named schemas, as keys from where it
 * closes back to itself (`[A, B, A]`), or undefined when there is none.
 */
export function findSameValueCycle(named: NamedSchemas, starts: Iterable<string> = Object.keys(named.schemas)): string[] | undefined {
  const { prefix, schemas: $defs } = named;
  // Three colours: absent = not seen yet, grey = on the current path, black = finished (no cycle through it).
  const colour = new Map<string, 'grey' | 'black'>();
  for (const start of starts) {
    if (colour.has(start) || !Object.hasOwn($defs, start)) continue;
    // An explicit stack instead of recursion: a chain of thousands of components must not exhaust the call stack.
    const path = [start];
    const pending = [sameValueTargets($defs[start], prefix, $defs).values()];
    colour.set(start, 'grey');
    while (path.length > 0) {
      const next = pending.at(-1)!.next();
      if (next.done) {
        colour.set(path.pop()!, 'black');
        pending.pop();
        continue;
      }
      const target = next.value;
      const seen = colour.get(target);
      if (seen === 'grey') return [...path.slice(path.indexOf(target)), target];
      if (seen === undefined) {
        // Each definition turns grey once, so its targets are worked out once.
        colour.set(target, 'grey');
        path.push(target);
        pending.push(sameValueTargets($defs[target], prefix, $defs).values());
      }
    }
  }
  return undefined;
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

/** The def keys a schema refers to at positions that check the same value as the schema itself. */
function sameValueTargets(schema: unknown, prefix: string, $defs: NamedSchemas['schemas']): Set<string> {
  const targets = new Set<string>();
  const stack: unknown[] = [schema];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object' || Array.isArray(node)) continue;
    const record = node as Record<string, unknown>;
    const key = typeof record.$ref === 'string' && record.$ref.startsWith(prefix) ? defKeyOf(record.$ref.slice(prefix.length)) : undefined;
    if (key !== undefined && Object.hasOwn($defs, key)) targets.add(key);
    for (const keyword of SAME_VALUE_LISTS) if (Array.isArray(record[keyword])) stack.push(...(record[keyword] as unknown[]));
    for (const keyword of SAME_VALUE_SINGLES) stack.push(record[keyword]);
    for (const keyword of SAME_VALUE_MAPS) {
      const map = record[keyword];
      if (map !== null && typeof map === 'object' && !Array.isArray(map)) stack.push(...Object.values(map));
    }
  }
  return targets;
}

/**
 * A `$defs/<key>` fragment names its key as a URI-encoded JSON-pointer token. Undefined when it cannot be
 * decoded, or when it points further, inside a definition (the converter inlines those; none should be left).
 */
function defKeyOf(token: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(token);
  } catch {
    return undefined;
  }
  return decoded.includes('/') ? undefined : unescapeSegment(decoded);
}
