/**
 * Finding a schema that reaches itself without stepping into a nested value
 * (`A: allOf [B]`, `B: anyOf [A]`): a validator asked to check a value
 * against it checks the same value against itself before anything else, and
 * recurses until the stack runs out. Recursion through a property or an array
 * item (a tree node whose children are nodes) reaches a smaller value each step
 * and is not such a cycle. Used by `new` on the converted definitions
 * (model/schema-cycles.ts) and by lint on a blueprint's own components
 * (`no-same-value-cycles`), so that the two never disagree.
 */
import { unescapeSegment } from './pointer.js';

/** The keywords whose subschemas apply to the very value their parent applies to. */
const SAME_VALUE_LISTS = ['allOf', 'anyOf', 'oneOf'] as const;
const SAME_VALUE_SINGLES = ['not', 'if', 'then', 'else'] as const;
const SAME_VALUE_MAPS = ['dependentSchemas'] as const;

/** Named schemas and how a reference to one of them starts: converted definitions, or a blueprint's components (lint). */
export interface NamedSchemas {
  /** `urn:…#/$defs/` for converted definitions, `#/components/schemas/` for a blueprint's own. */
  readonly prefix: string;
  readonly schemas: Readonly<Record<string, unknown>>;
}

/**
 * The first same-value cycle among the named schemas, as keys from where it
 * closes back to itself (`[A, B, A]`), or undefined when there is none.
 */
export function findSameValueCycle(named: NamedSchemas, starts: Iterable<string> = Object.keys(named.schemas)): string[] | undefined {
  return sameValueCycles(named, starts)[0];
}

/**
 * The same-value cycles reachable from `starts`, one for each reference that closes one, in the order a depth-first
 * search from the starts meets them: each schema is searched once, so this takes time in proportion to the schemas
 * and their references, however many starts and cycles there are.
 */
export function sameValueCycles(named: NamedSchemas, starts: Iterable<string> = Object.keys(named.schemas)): string[][] {
  const { prefix, schemas: $defs } = named;
  const cycles: string[][] = [];
  // Three colours: absent = not seen yet, grey = on the current path, black = finished.
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
      if (seen === 'grey') cycles.push([...path.slice(path.indexOf(target)), target]);
      if (seen === undefined) {
        // Each definition turns grey once, so its targets are worked out once.
        colour.set(target, 'grey');
        path.push(target);
        pending.push(sameValueTargets($defs[target], prefix, $defs).values());
      }
    }
  }
  return cycles;
}

/** The keys of the named schemas a schema refers to at positions that check the same value as the schema itself. */
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
