/**
 * The shape of a schema view (schema-view.ts builds them, schema-read.ts reads
 * keywords into them): what the comparison reads, whatever way it was written.
 */
import type { BoundName } from './schema-kinds.js';
import type { Located } from './side.js';

export interface Keyword<T> {
  value: T;
  /** Where the keyword is written (inside an allOf member when it came from one). */
  pointer: string;
}

export interface Bound {
  value: number;
  exclusive: boolean;
  pointer: string;
}

/** A boolean keyword (`additionalProperties: false`) or a subschema. */
export type Flag = Keyword<boolean> | Located;

export interface SchemaView {
  /** The schema object, after `$ref`s, and where it is. */
  node: unknown;
  pointer: string;
  /** undefined: any type. `null` is never in the set: see `nullable`. */
  types: ReadonlySet<string> | undefined;
  nullable: boolean;
  format?: Keyword<string>;
  /** Canonical JSON of each value -> the value; `fromConst` when written as `const`. */
  enum?: Keyword<ReadonlyMap<string, unknown>> & { fromConst: boolean };
  /** `x-extensible-enum`: values known today, more may come. */
  extensibleEnum?: Keyword<ReadonlyMap<string, unknown>>;
  pattern?: Keyword<string>;
  multipleOf?: Keyword<number>;
  uniqueItems?: Keyword<true>;
  bounds: Partial<Record<BoundName, Bound>>;
  default?: Keyword<unknown>;
  properties: Map<string, Located>;
  /** The schema that declares the properties: this one, or the allOf member they came from. */
  home: string;
  required: Set<string>;
  /** undefined when not stated (then other properties are allowed). */
  additionalProperties?: Flag;
  items?: Located;
  /** oneOf/anyOf members other than `{type: 'null'}`; `collapsed` when there was one, merged into this view. */
  variants?: { keyword: 'oneOf' | 'anyOf'; members: Located[]; collapsed: boolean };
  /** The direct `allOf` members, as written. */
  allOf: Located[];
  discriminator?: Keyword<{ propertyName: string | undefined; mapping: ReadonlyMap<string, string> }>;
  readOnly: boolean;
  writeOnly: boolean;
  /** Composition (oneOf/anyOf/not) leaves the type open: type checks are skipped. */
  composed: boolean;
  /** Lifecycle of a property: `deprecated`, `x-sunset`, `x-stability-level`. */
  deprecated: boolean;
  sunset?: Keyword<unknown>;
  stability?: Keyword<unknown>;
  // JSON Schema 2020-12 (OpenAPI 3.1) keywords.
  prefixItems?: Keyword<Located[]>;
  contains?: Located;
  /** These three share one empty map until written to (most schemas have none): replace, never set into an empty one. */
  patternProperties: Map<string, Located>;
  propertyNames?: Located;
  dependentRequired: Map<string, Keyword<string[]>>;
  dependentSchemas: Map<string, Located>;
  if?: Located;
  then?: Located;
  else?: Located;
  unevaluatedProperties?: Flag;
  unevaluatedItems?: Flag;
  contentMediaType?: Keyword<string>;
  contentEncoding?: Keyword<string>;
  contentSchema?: Located;
  not?: Located;
  /** Any of the 2020-12 keywords above is written (most schemas have none: their comparison is skipped). */
  has2020: boolean;
}

export function emptyView(node: unknown, pointer: string): SchemaView {
  return {
    node,
    pointer,
    types: undefined,
    nullable: false,
    bounds: {},
    properties: new Map(),
    home: pointer,
    required: new Set(),
    allOf: [],
    readOnly: false,
    writeOnly: false,
    composed: false,
    deprecated: false,
    has2020: false,
    patternProperties: NO_ENTRIES as Map<string, Located>,
    dependentRequired: NO_ENTRIES as Map<string, Keyword<string[]>>,
    dependentSchemas: NO_ENTRIES as Map<string, Located>,
  };
}

const NO_ENTRIES = new Map<string, never>();

export function tighten(view: SchemaView, name: BoundName, bound: Bound): void {
  const current = view.bounds[name];
  if (!current || isTighter(name, bound, current)) view.bounds[name] = bound;
}

/** Is bound `a` stricter than bound `b` (for an upper bound: lower; for a lower bound: higher)? */
export function isTighter(name: BoundName, a: Bound, b: Bound): boolean {
  if (a.value === b.value) return a.exclusive && !b.exclusive;
  return name.startsWith('max') ? a.value < b.value : a.value > b.value;
}
