/**
 * A schema seen the way the diff compares it, whatever way it was written:
 * - 3.0 `nullable: true`, 3.1 `type: [x, 'null']` and `anyOf/oneOf: [X, {type: 'null'}]` all give `nullable`;
 * - `allOf` members are merged (properties, required, the tightest bounds), which
 *   is what simple inheritance (`allOf: [$ref Base, {properties}]`) means;
 * - 3.0 boolean `exclusiveMaximum` and 3.1 numeric `exclusiveMaximum` give one bound;
 * - `const` is a one-value enum; `minLength: 0` is no bound.
 * Views are cached per resolved pointer; anything odd is ignored rather than thrown on.
 */
import { childPointer } from '../blueprint/pointer.js';
import type { BoundName } from './catalogue.js';
import { asRecord, own, refOf, type JsonRecord, type Located, type Side } from './side.js';

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

export interface SchemaView {
  pointer: string;
  /** undefined: any type. `null` is never in the set: see `nullable`. */
  types: ReadonlySet<string> | undefined;
  nullable: boolean;
  format?: Keyword<string>;
  /** Canonical JSON of each value -> the value. */
  enum?: Keyword<ReadonlyMap<string, unknown>>;
  pattern?: Keyword<string>;
  multipleOf?: Keyword<number>;
  uniqueItems?: Keyword<true>;
  bounds: Partial<Record<BoundName, Bound>>;
  properties: Map<string, Located>;
  /** The schema that declares the properties: this one, or the allOf member they came from. */
  home: string;
  required: Set<string>;
  /** undefined when not stated (then other properties are allowed). */
  additionalProperties?: Keyword<boolean> | Located;
  items?: Located;
  /** oneOf/anyOf members other than `{type: 'null'}`; `collapsed` when there was one, merged into this view. */
  variants?: { keyword: 'oneOf' | 'anyOf'; members: Located[]; collapsed: boolean };
  readOnly: boolean;
  writeOnly: boolean;
  /** Composition (oneOf/anyOf/not) leaves the type open: type checks are skipped. */
  composed: boolean;
}

const UPPER_COUNTS = [
  ['maxLength', 'max-length'],
  ['maxItems', 'max-items'],
  ['maxProperties', 'max-properties'],
] as const;
const LOWER_COUNTS = [
  ['minLength', 'min-length'],
  ['minItems', 'min-items'],
  ['minProperties', 'min-properties'],
] as const;
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
    if (this.building.has(located.pointer) || depth > MAX_MERGE_DEPTH) return emptyView(located.pointer);
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
    const view = emptyView(pointer);
    if (node === false) {
      view.types = new Set(); // the schema that nothing matches
      return view;
    }
    const record = asRecord(node);
    if (!record) return view;
    readOwnKeywords(view, record, pointer);

    const allOf = own(record, 'allOf');
    if (Array.isArray(allOf) && allOf.length > 0) {
      let allNullable = true;
      allOf.forEach((member, i) => {
        const memberView = this.of(member, `${pointer}/allOf/${i}`, depth + 1);
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
    if (own(record, 'not') !== undefined) view.composed = true;

    if (view.types === undefined) {
      if (view.properties.size > 0 || (view.additionalProperties && 'node' in view.additionalProperties)) view.types = new Set(['object']);
      else if (view.items) view.types = new Set(['array']);
    }
    return view;
  }

  private isNullSchema({ node, pointer }: Located): boolean {
    const record = asRecord(this.side.resolve(node, pointer).node);
    const type = own(record, 'type');
    return type === 'null' || (Array.isArray(type) && type.length === 1 && type[0] === 'null');
  }
}

function emptyView(pointer: string): SchemaView {
  return {
    pointer,
    types: undefined,
    nullable: false,
    bounds: {},
    properties: new Map(),
    home: pointer,
    required: new Set(),
    readOnly: false,
    writeOnly: false,
    composed: false,
  };
}

function readOwnKeywords(view: SchemaView, record: JsonRecord, pointer: string): void {
  const at = (key: string) => `${pointer}/${key}`;
  const type = own(record, 'type');
  const types =
    typeof type === 'string' ? [type] : Array.isArray(type) ? type.filter((t): t is string => typeof t === 'string') : undefined;
  if (types) {
    view.types = new Set(types.filter((t) => t !== 'null'));
    if (types.includes('null')) view.nullable = true;
  }
  if (own(record, 'nullable') === true) view.nullable = true;
  const format = own(record, 'format');
  if (typeof format === 'string') view.format = { value: format, pointer: at('format') };
  const values = Array.isArray(own(record, 'enum'))
    ? (own(record, 'enum') as unknown[])
    : own(record, 'const') !== undefined
      ? [own(record, 'const')]
      : undefined;
  if (values) {
    const map = new Map<string, unknown>();
    for (const value of values) map.set(canonical(value), value);
    view.enum = { value: map, pointer: at(own(record, 'enum') !== undefined ? 'enum' : 'const') };
  }
  const pattern = own(record, 'pattern');
  if (typeof pattern === 'string') view.pattern = { value: pattern, pointer: at('pattern') };
  const multipleOf = own(record, 'multipleOf');
  if (isNumber(multipleOf) && multipleOf > 0) view.multipleOf = { value: multipleOf, pointer: at('multipleOf') };
  if (own(record, 'uniqueItems') === true) view.uniqueItems = { value: true, pointer: at('uniqueItems') };

  const maximum = own(record, 'maximum');
  const exclusiveMaximum = own(record, 'exclusiveMaximum');
  if (isNumber(maximum)) tighten(view, 'max', { value: maximum, exclusive: exclusiveMaximum === true, pointer: at('maximum') });
  if (isNumber(exclusiveMaximum)) tighten(view, 'max', { value: exclusiveMaximum, exclusive: true, pointer: at('exclusiveMaximum') });
  const minimum = own(record, 'minimum');
  const exclusiveMinimum = own(record, 'exclusiveMinimum');
  if (isNumber(minimum)) tighten(view, 'min', { value: minimum, exclusive: exclusiveMinimum === true, pointer: at('minimum') });
  if (isNumber(exclusiveMinimum)) tighten(view, 'min', { value: exclusiveMinimum, exclusive: true, pointer: at('exclusiveMinimum') });
  for (const [key, name] of UPPER_COUNTS) {
    const value = own(record, key);
    if (isNumber(value)) tighten(view, name, { value, exclusive: false, pointer: at(key) });
  }
  for (const [key, name] of LOWER_COUNTS) {
    const value = own(record, key);
    if (isNumber(value) && value > 0) tighten(view, name, { value, exclusive: false, pointer: at(key) });
  }

  const properties = asRecord(own(record, 'properties'));
  if (properties) {
    for (const [name, schema] of Object.entries(properties)) {
      view.properties.set(name, { node: schema, pointer: childPointer(at('properties'), name) });
    }
  }
  const required = own(record, 'required');
  if (Array.isArray(required)) for (const name of required) if (typeof name === 'string') view.required.add(name);
  const additional = own(record, 'additionalProperties');
  if (typeof additional === 'boolean') view.additionalProperties = { value: additional, pointer: at('additionalProperties') };
  else if (asRecord(additional)) view.additionalProperties = { node: additional, pointer: at('additionalProperties') };
  const items = own(record, 'items');
  if (asRecord(items)) view.items = { node: items, pointer: at('items') };
  if (own(record, 'readOnly') === true) view.readOnly = true;
  if (own(record, 'writeOnly') === true) view.writeOnly = true;
}

/** allOf: the member adds what the schema does not say itself, and bounds intersect. */
function mergeInto(view: SchemaView, member: SchemaView): void {
  if (view.types === undefined && member.types !== undefined) view.types = member.types;
  view.format ??= member.format;
  view.enum ??= member.enum;
  view.pattern ??= member.pattern;
  view.multipleOf ??= member.multipleOf;
  view.uniqueItems ??= member.uniqueItems;
  for (const [name, bound] of Object.entries(member.bounds) as Array<[BoundName, Bound]>) tighten(view, name, bound);
  if (view.properties.size === 0 && member.properties.size > 0) view.home = member.home;
  for (const [name, located] of member.properties) if (!view.properties.has(name)) view.properties.set(name, located);
  for (const name of member.required) view.required.add(name);
  view.additionalProperties ??= member.additionalProperties;
  view.items ??= member.items;
  view.variants ??= member.variants;
  view.readOnly ||= member.readOnly;
  view.writeOnly ||= member.writeOnly;
  view.composed ||= member.composed;
}

function tighten(view: SchemaView, name: BoundName, bound: Bound): void {
  const current = view.bounds[name];
  if (!current || isTighter(name, bound, current)) view.bounds[name] = bound;
}

/** Is bound `a` stricter than bound `b` (for an upper bound: lower; for a lower bound: higher)? */
export function isTighter(name: BoundName, a: Bound, b: Bound): boolean {
  if (a.value === b.value) return a.exclusive && !b.exclusive;
  return name.startsWith('max') ? a.value < b.value : a.value > b.value;
}

export function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** JSON with sorted keys, so that `{a,b}` and `{b,a}` are the same enum value. */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical((value as JsonRecord)[key])}`).join(',')}}`;
}

/** A short shape used to recognise a rename: the same type, format and reference. */
export function shapeOf(view: SchemaView, node: unknown): string {
  const types = view.types ? [...view.types].sort().join('|') : '*';
  return `${types}${view.nullable ? '?' : ''}/${view.format?.value ?? ''}/${refOf(node) ?? ''}`;
}
