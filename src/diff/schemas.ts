/**
 * Comparing two schemas in a direction. In a request, clients send what the
 * schema allows: narrowing it (a tighter bound, a removed enum value, a new
 * required property) breaks them. In a response, clients read what it allows:
 * widening it (a new type, null, a property made optional) breaks them.
 *
 * Comparisons go through `$ref`s. A pair of schemas (by their places in the two
 * documents) is compared once per mode and the result reused: the GitHub
 * description reaches the same components from hundreds of operations. A pair
 * already being compared higher up the stack is a cycle and compares as equal,
 * so recursive schemas end.
 *
 * Each family of checks is its own file: schema-values.ts (types, enums,
 * defaults), schema-constraints.ts (bounds, patterns), schema-properties.ts,
 * schema-composition.ts (oneOf, anyOf, allOf, discriminator, not) and
 * schema-2020.ts (the JSON Schema 2020-12 keywords of OpenAPI 3.1).
 * https://spec.openapis.org/oas/v3.1.0#schema-object
 */
import { Findings, modeKey, type Comparer, type Mode, type SchemaFinding } from './findings.js';
import type { Policy } from './lifecycle.js';
import { compare2020Keywords } from './schema-2020.js';
import { compareAllOf, compareDiscriminator, compareNot, compareVariants, compareWrappedInOneOf } from './schema-composition.js';
import { compareBounds, compareScalars } from './schema-constraints.js';
import { compareAdditionalProperties, compareProperties } from './schema-properties.js';
import { compareDefaults, compareEnums, compareNullable, compareTypes } from './schema-values.js';
import { SchemaViews, shapeOf, type SchemaView } from './schema-view.js';
import type { Located, Side } from './side.js';

export type { Direction, Mode, SchemaFinding } from './findings.js';

const NONE: readonly SchemaFinding[] = Object.freeze([]);

export class SchemaDiffer implements Comparer {
  private readonly oldViews: SchemaViews;
  private readonly newViews: SchemaViews;
  private readonly memo = new Map<string, readonly SchemaFinding[]>();
  private readonly active = new Set<string>();

  constructor(
    private readonly oldSide: Side,
    private readonly newSide: Side,
    readonly policy: Policy,
  ) {
    this.oldViews = new SchemaViews(oldSide);
    this.newViews = new SchemaViews(newSide);
  }

  compare(mode: Mode | Mode['direction'], oldNode: unknown, oldPointer: string, newNode: unknown, newPointer: string): readonly SchemaFinding[] {
    const how: Mode = typeof mode === 'string' ? { direction: mode } : mode;
    const oldSchema = this.oldSide.resolve(oldNode, oldPointer);
    const newSchema = this.newSide.resolve(newNode, newPointer);
    // Keyed by where the two schemas are, not by how they were reached: properties merged from an
    // `allOf: [$ref]` wrapper sit inside the referenced component too, and cycles run through them.
    const key = `${modeKey(how)}\u0000${oldSchema.pointer}\u0000${newSchema.pointer}`;
    const known = this.memo.get(key);
    if (known) return known;
    if (this.active.has(key)) return NONE;
    this.active.add(key);
    try {
      const found = this.compareResolved(how, oldSchema, newSchema);
      this.memo.set(key, found);
      return found;
    } finally {
      this.active.delete(key);
    }
  }

  view(side: 'old' | 'new', located: Located): SchemaView {
    return (side === 'old' ? this.oldViews : this.newViews).of(located.node, located.pointer);
  }

  variantTypes(side: 'old' | 'new', view: SchemaView): ReadonlySet<string> | undefined {
    return (side === 'old' ? this.oldViews : this.newViews).variantTypes(view);
  }

  /** A short shape of a schema (type, format, reference), to recognise renames. */
  shape(side: 'old' | 'new', node: unknown, pointer: string): string {
    return shapeOf(this.view(side, { node, pointer }), node);
  }

  private compareResolved(mode: Mode, oldSchema: Located, newSchema: Located): readonly SchemaFinding[] {
    const o = this.view('old', oldSchema);
    const n = this.view('new', newSchema);
    const out = new Findings(mode, this);
    compareNullable(out, o, n);
    if (o.variants && n.variants && o.variants.collapsed !== n.variants.collapsed) {
      // `oneOf: [A, B]` against `oneOf: [A]`: the single member was merged into its view, the
      // alternatives were not; comparing them member by member is the only like-for-like.
      compareVariants(out, o, n);
      return done(out);
    }
    if (compareWrappedInOneOf(out, o, n)) return done(out);
    compareTypes(out, o, n);
    compareEnums(out, o, n);
    compareDefaults(out, o, n);
    compareBounds(out, o, n);
    compareScalars(out, o, n);
    if (o.properties.size > 0 || n.properties.size > 0 || o.required.size > 0 || n.required.size > 0) compareProperties(out, o, n, this.policy);
    compareAdditionalProperties(out, o, n);
    if (o.items && n.items) out.sub('[]', o.items, n.items);
    if (o.has2020 || n.has2020) compare2020Keywords(out, o, n);
    compareVariants(out, o, n);
    compareDiscriminator(out, o, n);
    compareNot(out, o, n);
    // Last: whether an allOf member counts depends on whether anything else changed.
    compareAllOf(out, o, n);
    return done(out);
  }
}

function done(out: Findings): readonly SchemaFinding[] {
  return out.list.length > 0 ? out.list : NONE;
}
