/**
 * A schema seen the way the diff compares it, whatever way it was written:
 * - 3.0 `nullable: true`, 3.1 `type: [x, 'null']` and `anyOf/oneOf: [X, {type: 'null'}]` all give `nullable`;
 * - `allOf` members are merged (properties, required, the tightest bounds), which
 *   is what simple inheritance (`allOf: [$ref Base, {properties}]`) means; the
 *   members themselves are kept too, for `all-of-added` / `-removed`;
 * - 3.0 boolean `exclusiveMaximum` and 3.1 numeric `exclusiveMaximum` give one bound;
 * - `const` is a one-value enum (marked, for the `const-*` kinds); `minLength: 0` is no bound; `pattern: ''` is no pattern.
 * Views are cached per resolved pointer; anything odd is ignored rather than thrown on.
 * The keywords themselves are read in schema-read.ts.
 */
import type { BoundName } from './schema-kinds.js';
import { readOwnKeywords } from './schema-read.js';
import { emptyView, tighten, type Bound, type SchemaView } from './schema-view-model.js';

export { emptyView, isTighter, tighten, type Bound, type Flag, type Keyword, type SchemaView } from './schema-view-model.js';
import { asObject, own, refOf, type Located, type Side } from './side.js';

const MAX_MERGE_DEPTH = 32;

export class SchemaViews {
  private readonly cache = new Map<string, SchemaView>();
  private readonly building = new Set<string>();

  constructor(private readonly side: Side) {}

  /** The view of a schema node (following $refs). */
  of(node: unknown, pointer: string, depth = 0): SchemaView {
    const located = this.side.resolve(node, pointer);
    const cached = this.cache.get(located.pointer);
    if (cached) return cached;
    if (this.building.has(located.pointer) || depth > MAX_MERGE_DEPTH) return emptyView(located.node, located.pointer);
    this.building.add(located.pointer);
    try {
      const view = this.build(located, depth);
      this.cache.set(located.pointer, view);
      return view;
    } finally {
      this.building.delete(located.pointer);
    }
  }

  private build({ node, pointer }: Located, depth: number): SchemaView {
    const view = emptyView(node, pointer);
    if (node === false) {
      view.types = new Set(); // the schema that nothing matches
      return view;
    }
    const record = asObject(node);
    if (!record) return view;
    readOwnKeywords(view, record, pointer);

    const allOf = own(record, 'allOf');
    if (Array.isArray(allOf) && allOf.length > 0) {
      let allNullable = true;
      allOf.forEach((member, i) => {
        const located = { node: member, pointer: `${pointer}/allOf/${i}` };
        view.allOf.push(located);
        const memberView = this.of(member, located.pointer, depth + 1);
        allNullable &&= memberView.nullable;
        mergeInto(view, memberView);
      });
      if (allNullable) view.nullable = true;
    }

    for (const keyword of ['oneOf', 'anyOf'] as const) {
      const members = own(record, keyword);
      if (!Array.isArray(members) || members.length === 0) continue;
      const located = members.map((member, i) => ({ node: member, pointer: `${pointer}/${keyword}/${i}` }));
      const nonNull = located.filter((member) => !this.isNullSchema(member));
      if (nonNull.length <= 1 && !view.variants) {
        // `oneOf: [X]` or `anyOf: [X, {type: 'null'}]`: X, nullable when a null member was there.
        if (nonNull.length < located.length) view.nullable = true;
        if (nonNull[0]) mergeInto(view, this.of(nonNull[0].node, nonNull[0].pointer, depth + 1));
        view.variants ??= { keyword, members: nonNull, collapsed: true }; // X's own alternatives win
      } else if (!view.variants) {
        view.variants = { keyword, members: nonNull, collapsed: false };
        if (nonNull.length < located.length) view.nullable = true;
        view.composed = true;
      }
    }
    if (view.not) view.composed = true;

    if (view.types === undefined) {
      if (view.properties.size > 0 || (view.additionalProperties && 'node' in view.additionalProperties)) view.types = new Set(['object']);
      else if (view.items || view.prefixItems) view.types = new Set(['array']);
    }
    return view;
  }

  /** The types a oneOf/anyOf of typed members accepts (`string` or `integer`), or undefined when any member is untyped. */
  variantTypes(view: SchemaView): ReadonlySet<string> | undefined {
    if (!view.variants || view.variants.collapsed) return undefined;
    const types = new Set<string>();
    for (const member of view.variants.members) {
      const memberView = this.of(member.node, member.pointer);
      if (!memberView.types || memberView.variants?.collapsed === false) return undefined;
      for (const type of memberView.types) types.add(type);
    }
    return types;
  }

  private isNullSchema({ node, pointer }: Located): boolean {
    const record = asObject(this.side.resolve(node, pointer).node);
    const type = own(record, 'type');
    return type === 'null' || (Array.isArray(type) && type.length === 1 && type[0] === 'null');
  }
}

/** allOf: the member adds what the schema does not say itself, and bounds intersect. */
function mergeInto(view: SchemaView, member: SchemaView): void {
  if (view.types === undefined && member.types !== undefined) view.types = member.types;
  view.format ??= member.format;
  view.enum ??= member.enum;
  view.extensibleEnum ??= member.extensibleEnum;
  view.pattern ??= member.pattern;
  view.multipleOf ??= member.multipleOf;
  view.uniqueItems ??= member.uniqueItems;
  view.default ??= member.default;
  for (const [name, bound] of Object.entries(member.bounds) as Array<[BoundName, Bound]>) tighten(view, name, bound);
  if (view.properties.size === 0 && member.properties.size > 0) view.home = member.home;
  for (const [name, located] of member.properties) if (!view.properties.has(name)) view.properties.set(name, located);
  for (const name of member.required) view.required.add(name);
  view.additionalProperties ??= member.additionalProperties;
  view.items ??= member.items;
  view.variants ??= member.variants;
  view.discriminator ??= member.discriminator;
  view.readOnly ||= member.readOnly;
  view.writeOnly ||= member.writeOnly;
  view.composed ||= member.composed;
  view.prefixItems ??= member.prefixItems;
  view.contains ??= member.contains;
  if (member.patternProperties.size > 0) view.patternProperties = new Map([...member.patternProperties, ...view.patternProperties]);
  view.propertyNames ??= member.propertyNames;
  if (member.dependentRequired.size > 0) view.dependentRequired = new Map([...member.dependentRequired, ...view.dependentRequired]);
  if (member.dependentSchemas.size > 0) view.dependentSchemas = new Map([...member.dependentSchemas, ...view.dependentSchemas]);
  view.if ??= member.if;
  view.then ??= member.then;
  view.else ??= member.else;
  view.unevaluatedProperties ??= member.unevaluatedProperties;
  view.unevaluatedItems ??= member.unevaluatedItems;
  view.contentMediaType ??= member.contentMediaType;
  view.contentEncoding ??= member.contentEncoding;
  view.contentSchema ??= member.contentSchema;
  view.not ??= member.not;
  view.has2020 ||= member.has2020;
}

/** A short shape used to recognise a rename: the same type, format and reference. */
export function shapeOf(view: SchemaView, node: unknown): string {
  const types = view.types ? [...view.types].sort().join('|') : '*';
  return `${types}${view.nullable ? '?' : ''}/${view.format?.value ?? ''}/${refOf(node) ?? ''}`;
}
