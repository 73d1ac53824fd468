/**
 * Comparing two schemas in a direction. In a request, clients send what the
 * schema allows: narrowing it (a tighter bound, a removed enum value, a new
 * required property) breaks them. In a response, clients read what it allows:
 * widening it (a new type, null, a property made optional) breaks them.
 *
 * Comparisons go through `$ref`s. A pair of schemas (by their places in the two
 * documents) is compared once per direction and the result reused: the GitHub
 * description reaches the same components from hundreds of operations. A pair
 * already being compared higher up the stack is a cycle and compares as equal,
 * so recursive schemas end.
 *
 * Findings carry a property path relative to the schema compared, so that a
 * memoised result can be reused under any parent.
 * https://spec.openapis.org/oas/v3.1.0#schema-object
 */
import type { BoundName, SchemaKind, SchemaSubject } from './catalogue.js';
import type { Finding, Severity } from './change.js';
import { isNumber, SchemaViews, shapeOf, isTighter, type Bound, type SchemaView } from './schema-view.js';
import { code, refOf, asRecord, type Located, type Side } from './side.js';

export type Direction = 'request' | 'response';

export interface SchemaFinding {
  kind: SchemaKind;
  severity: Severity;
  /** Property names from the compared schema; `[]` for array items, `{}` for map values, `(X)` for a oneOf/anyOf member. */
  path: readonly string[];
  /** A verb phrase: "was removed: clients that read it get nothing". */
  what: string;
  oldPointer: string;
  newPointer: string;
}

const NONE: readonly SchemaFinding[] = Object.freeze([]);

const BOUND_LABELS: Record<BoundName, string> = {
  max: 'maximum',
  min: 'minimum',
  'max-length': 'maxLength',
  'min-length': 'minLength',
  'max-items': 'maxItems',
  'min-items': 'minItems',
  'max-properties': 'maxProperties',
  'min-properties': 'minProperties',
};

/** Format pairs where the second accepts everything the first does. */
const WIDER_FORMAT: ReadonlySet<string> = new Set(['int32>int64', 'float>double', 'int32>double', 'float>int64']);

export class SchemaDiffer {
  private readonly oldViews: SchemaViews;
  private readonly newViews: SchemaViews;
  private readonly memo = new Map<string, readonly SchemaFinding[]>();
  private readonly active = new Set<string>();

  constructor(
    private readonly oldSide: Side,
    private readonly newSide: Side,
  ) {
    this.oldViews = new SchemaViews(oldSide);
    this.newViews = new SchemaViews(newSide);
  }

  compare(direction: Direction, oldNode: unknown, oldPointer: string, newNode: unknown, newPointer: string): readonly SchemaFinding[] {
    const oldSchema = this.oldSide.resolve(oldNode, oldPointer);
    const newSchema = this.newSide.resolve(newNode, newPointer);
    // Keyed by where the two schemas are, not by how they were reached: properties merged from an
    // `allOf: [$ref]` wrapper sit inside the referenced component too, and cycles run through them.
    const key = `${direction}\u0000${oldSchema.pointer}\u0000${newSchema.pointer}`;
    const known = this.memo.get(key);
    if (known) return known;
    if (this.active.has(key)) return NONE;
    this.active.add(key);
    try {
      const found = this.compareResolved(direction, oldSchema, newSchema);
      this.memo.set(key, found);
      return found;
    } finally {
      this.active.delete(key);
    }
  }

  /** A short shape of a schema (type, format, reference), to recognise renames. */
  shape(side: 'old' | 'new', node: unknown, pointer: string): string {
    return shapeOf(this.views(side).of(node, pointer), node);
  }

  private views(side: 'old' | 'new'): SchemaViews {
    return side === 'old' ? this.oldViews : this.newViews;
  }

  private compareResolved(direction: Direction, oldSchema: Located, newSchema: Located): readonly SchemaFinding[] {
    const o = this.oldViews.of(oldSchema.node, oldSchema.pointer);
    const n = this.newViews.of(newSchema.node, newSchema.pointer);
    const out = new Findings(direction);
    compareNullable(out, o, n);
    if (o.variants && n.variants && o.variants.collapsed !== n.variants.collapsed) {
      // `oneOf: [A, B]` against `oneOf: [A]`: the single member was merged into its view, the
      // alternatives were not; comparing them member by member is the only like-for-like.
      this.compareVariants(out, o, n);
      return out.list.length > 0 ? out.list : NONE;
    }
    compareTypes(out, o, n);
    compareEnums(out, o, n);
    compareBounds(out, o, n);
    compareScalars(out, o, n);
    if (o.properties.size > 0 || n.properties.size > 0) this.compareProperties(out, o, n);
    this.compareAdditionalProperties(out, o, n);
    if (o.items && n.items) out.nest('[]', this.compare(direction, o.items.node, o.items.pointer, n.items.node, n.items.pointer));
    this.compareVariants(out, o, n);
    return out.list.length > 0 ? out.list : NONE;
  }

  private compareProperties(out: Findings, o: SchemaView, n: SchemaView): void {
    const request = out.direction === 'request';
    // readOnly properties are never sent, writeOnly ones never received: changes to them do not matter in that direction.
    const ignored = (side: 'old' | 'new', property: Located) => {
      const view = this.views(side).of(property.node, property.pointer);
      const raw = asRecord(property.node);
      return request ? view.readOnly || raw?.readOnly === true : view.writeOnly || raw?.writeOnly === true;
    };
    const removed = [...o.properties.keys()].filter((name) => !n.properties.has(name));
    const added = [...n.properties.keys()].filter((name) => !o.properties.has(name));
    const renamed = removed.length > 0 && added.length > 0 ? this.pairRenames(o, n, removed, added) : new Map<string, string>();
    const renamedTo = new Set(renamed.values());

    for (const [name, oldProperty] of o.properties) {
      const newProperty = n.properties.get(name);
      if (newProperty) {
        if (ignored('old', oldProperty) || ignored('new', newProperty)) continue;
        const wasRequired = o.required.has(name);
        const isRequired = n.required.has(name);
        if (!wasRequired && isRequired) {
          out.add(
            'became-required',
            request ? 'breaking' : 'info',
            request ? 'became required: requests without it are refused' : 'became required',
            oldProperty.pointer,
            newProperty.pointer,
            [name],
          );
        } else if (wasRequired && !isRequired) {
          out.add(
            'became-optional',
            request ? 'info' : 'breaking',
            request ? 'became optional' : 'became optional: clients that count on it may not get it',
            oldProperty.pointer,
            newProperty.pointer,
            [name],
          );
        }
        out.nest(name, this.compare(out.direction, oldProperty.node, oldProperty.pointer, newProperty.node, newProperty.pointer));
        continue;
      }
      if (ignored('old', oldProperty)) continue;
      const newName = renamed.get(name);
      if (newName !== undefined) {
        const consequence = request ? 'the server no longer reads the old name' : 'clients that read the old name get nothing';
        out.add(
          'renamed',
          'breaking',
          `was replaced by ${code(newName)} (same shape: a rename?): ${consequence}`,
          oldProperty.pointer,
          n.properties.get(newName)!.pointer,
          [name],
        );
      } else if (request) {
        const closed = n.additionalProperties !== undefined && 'value' in n.additionalProperties && !n.additionalProperties.value;
        out.add(
          'removed',
          closed ? 'breaking' : 'warning',
          closed
            ? 'was removed and other properties are refused: requests that still send it fail'
            : 'was removed: the server no longer reads it when clients send it',
          oldProperty.pointer,
          n.home,
          [name],
        );
      } else {
        const optional = o.required.has(name) ? '' : ' (it was optional, but clients read it when present)';
        out.add('removed', 'breaking', `was removed: clients that read it get nothing${optional}`, oldProperty.pointer, n.home, [name]);
      }
    }
    for (const name of added) {
      const newProperty = n.properties.get(name)!;
      if (renamedTo.has(name) || ignored('new', newProperty)) continue;
      if (request && n.required.has(name)) {
        out.add('added-required', 'breaking', 'was added as required: requests without it are refused', o.home, newProperty.pointer, [
          name,
        ]);
      } else {
        out.add('added', 'info', n.required.has(name) ? 'was added (required)' : 'was added', o.home, newProperty.pointer, [name]);
      }
    }
  }

  /** One removed and one added property of the same shape, each the only one of its shape: a rename. */
  private pairRenames(o: SchemaView, n: SchemaView, removed: string[], added: string[]): Map<string, string> {
    const shape = (side: 'old' | 'new', property: Located) => this.shape(side, property.node, property.pointer);
    const removedShapes = removed.map((name) => shape('old', o.properties.get(name)!));
    const addedShapes = added.map((name) => shape('new', n.properties.get(name)!));
    const pairs = new Map<string, string>();
    removed.forEach((name, i) => {
      const wanted = removedShapes[i];
      if (removedShapes.filter((s) => s === wanted).length !== 1) return;
      const matches = added.filter((_, j) => addedShapes[j] === wanted);
      if (matches.length === 1) pairs.set(name, matches[0]!);
    });
    return pairs;
  }

  private compareAdditionalProperties(out: Findings, o: SchemaView, n: SchemaView): void {
    const request = out.direction === 'request';
    const oldExtra = o.additionalProperties;
    const newExtra = n.additionalProperties;
    const allowed = (extra: typeof oldExtra) => extra === undefined || !('value' in extra) || extra.value;
    const at = (view: SchemaView) => view.additionalProperties?.pointer ?? view.pointer;
    if (allowed(oldExtra) && !allowed(newExtra)) {
      out.add(
        'additional-properties-forbidden',
        request ? 'breaking' : 'info',
        request ? 'no longer accepts undeclared properties: requests that send them are refused' : 'no longer holds undeclared properties',
        at(o),
        at(n),
      );
    } else if (!allowed(oldExtra) && allowed(newExtra)) {
      out.add(
        'additional-properties-allowed',
        request ? 'info' : 'warning',
        request ? 'now accepts undeclared properties' : 'may now hold undeclared properties: strict clients may refuse them',
        at(o),
        at(n),
      );
    } else if (oldExtra && newExtra && 'node' in oldExtra && 'node' in newExtra) {
      out.nest('{}', this.compare(out.direction, oldExtra.node, oldExtra.pointer, newExtra.node, newExtra.pointer));
    }
  }

  private compareVariants(out: Findings, o: SchemaView, n: SchemaView): void {
    if (!o.variants || !n.variants || (o.variants.collapsed && n.variants.collapsed)) return;
    const request = out.direction === 'request';
    // Members match by the component they reference, else by position.
    const keyed = (members: Located[]) => new Map(members.map((member, i) => [refOf(member.node) ?? `member ${i + 1}`, member]));
    const oldMembers = keyed(o.variants.members);
    const newMembers = keyed(n.variants.members);
    const label = (key: string) => (key.startsWith('member ') ? key : key.slice(key.lastIndexOf('/') + 1));
    for (const [key, member] of oldMembers) {
      const counterpart = newMembers.get(key);
      if (counterpart) {
        out.nest(`(${label(key)})`, this.compare(out.direction, member.node, member.pointer, counterpart.node, counterpart.pointer));
      } else {
        const kind = o.variants.keyword === 'oneOf' ? 'one-of-removed' : 'any-of-removed';
        const what = `lost its ${o.variants.keyword} alternative ${code(label(key))}${request ? ': requests of that shape are refused' : ''}`;
        out.add(kind, request ? 'breaking' : 'info', what, member.pointer, n.pointer);
      }
    }
    for (const [key, member] of newMembers) {
      if (oldMembers.has(key)) continue;
      const kind = n.variants.keyword === 'oneOf' ? 'one-of-added' : 'any-of-added';
      const what = `gained a ${n.variants.keyword} alternative ${code(label(key))}${request ? '' : ': clients may receive a shape they do not know'}`;
      out.add(kind, request ? 'info' : 'warning', what, o.pointer, member.pointer);
    }
  }
}

/** The findings of one comparison, in the direction it is made. */
class Findings {
  readonly list: SchemaFinding[] = [];
  constructor(readonly direction: Direction) {}

  add(kind: SchemaKind, severity: Severity, what: string, oldPointer: string, newPointer: string, path: readonly string[] = []): void {
    this.list.push({ kind, severity, path, what, oldPointer, newPointer });
  }

  /** Add a child comparison's findings under `segment`. */
  nest(segment: string, found: readonly SchemaFinding[]): void {
    for (const finding of found) this.list.push({ ...finding, path: [segment, ...finding.path] });
  }
}

function compareTypes(out: Findings, o: SchemaView, n: SchemaView): void {
  const request = out.direction === 'request';
  let effect = typeEffect(o.types, n.types);
  if ((o.types === undefined && o.composed) || (n.types === undefined && n.composed)) effect = 'none';
  if (effect !== 'none') {
    const fine = request ? effect === 'widens' : effect === 'narrows';
    const consequence = fine ? '' : request ? ': requests valid before may be refused' : ': clients may receive values they cannot read';
    out.add(
      'type-changed',
      fine ? 'info' : 'breaking',
      `changed type from ${typeName(o.types)} to ${typeName(n.types)}${consequence}`,
      o.pointer,
      n.pointer,
    );
  }
  if (effect === 'incomparable' || o.format?.value === n.format?.value) return;
  const from = o.format?.value;
  const to = n.format?.value;
  const formatEffect =
    from === undefined
      ? 'narrows'
      : to === undefined
        ? 'widens'
        : WIDER_FORMAT.has(`${from}>${to}`)
          ? 'widens'
          : WIDER_FORMAT.has(`${to}>${from}`)
            ? 'narrows'
            : 'incomparable';
  const fine = request ? formatEffect === 'widens' : formatEffect === 'narrows';
  const what =
    from === undefined
      ? `gained format ${code(to!)}`
      : to === undefined
        ? `lost format ${code(from)}`
        : `changed format from ${code(from)} to ${code(to)}`;
  const consequence = fine ? '' : request ? ': requests valid before may be refused' : ': clients may receive values they cannot read';
  out.add(
    'format-changed',
    fine ? 'info' : 'breaking',
    `${what}${consequence}`,
    o.format?.pointer ?? o.pointer,
    n.format?.pointer ?? n.pointer,
  );
}

function compareNullable(out: Findings, o: SchemaView, n: SchemaView): void {
  if (o.nullable === n.nullable) return;
  const request = out.direction === 'request';
  if (n.nullable) {
    out.add(
      'became-nullable',
      request ? 'info' : 'breaking',
      request ? 'became nullable' : 'became nullable: clients may receive null',
      o.pointer,
      n.pointer,
    );
  } else {
    out.add(
      'became-not-nullable',
      request ? 'breaking' : 'info',
      request ? 'is no longer nullable: requests that send null are refused' : 'is no longer nullable',
      o.pointer,
      n.pointer,
    );
  }
}

type Effect = 'none' | 'widens' | 'narrows' | 'incomparable';

function typeEffect(from: ReadonlySet<string> | undefined, to: ReadonlySet<string> | undefined): Effect {
  if (from === undefined && to === undefined) return 'none';
  if (from === undefined) return 'narrows';
  if (to === undefined) return 'widens';
  const toCoversFrom = covers(to, from);
  const fromCoversTo = covers(from, to);
  if (toCoversFrom && fromCoversTo) return 'none';
  return toCoversFrom ? 'widens' : fromCoversTo ? 'narrows' : 'incomparable';
}

/** Does every type in `inner` fit in `outer`? An integer is a number. */
function covers(outer: ReadonlySet<string>, inner: ReadonlySet<string>): boolean {
  for (const type of inner) if (!outer.has(type) && !(type === 'integer' && outer.has('number'))) return false;
  return true;
}

function typeName(types: ReadonlySet<string> | undefined): string {
  if (types === undefined) return 'any';
  return types.size === 0 ? 'null' : [...types].join(' or ');
}

function compareEnums(out: Findings, o: SchemaView, n: SchemaView): void {
  const request = out.direction === 'request';
  if (o.enum && n.enum) {
    const removed = [...o.enum.value.keys()].filter((key) => !n.enum!.value.has(key));
    const added = [...n.enum.value.keys()].filter((key) => !o.enum!.value.has(key));
    if (removed.length > 0) {
      const [values, them] = removed.length > 1 ? ['values', 'them'] : ['value', 'it'];
      const what = `lost enum ${values} ${listValues(removed)}${request ? `: requests that send ${them} are refused` : ''}`;
      out.add('enum-value-removed', request ? 'breaking' : 'info', what, o.enum.pointer, n.enum.pointer);
    }
    if (added.length > 0) {
      const [values, them] = added.length > 1 ? ['values', 'them'] : ['value', 'it'];
      const what = `gained enum ${values} ${listValues(added)}${request ? '' : `: clients that switch over the values must handle ${them}`}`;
      out.add('enum-value-added', request ? 'info' : 'warning', what, o.enum.pointer, n.enum.pointer);
    }
  } else if (n.enum) {
    const what = `is now restricted to ${listValues([...n.enum.value.keys()])}${request ? ': requests with other values are refused' : ''}`;
    out.add('became-enum', request ? 'breaking' : 'info', what, o.pointer, n.enum.pointer);
  } else if (o.enum) {
    const what = `is no longer restricted to ${listValues([...o.enum.value.keys()])}${request ? '' : ': clients may receive other values'}`;
    out.add('enum-removed', request ? 'info' : 'warning', what, o.enum.pointer, n.pointer);
  }
}

function listValues(keys: string[]): string {
  const shown = keys.slice(0, 5).map((key) => code(key));
  return keys.length > 5 ? `${shown.join(', ')} and ${keys.length - 5} more` : shown.join(', ');
}

function compareBounds(out: Findings, o: SchemaView, n: SchemaView): void {
  const request = out.direction === 'request';
  for (const name of Object.keys(BOUND_LABELS) as BoundName[]) {
    const from = o.bounds[name];
    const to = n.bounds[name];
    if (!from && !to) continue;
    if (from && to && from.value === to.value && from.exclusive === to.exclusive) continue;
    const upper = name.startsWith('max');
    const tightened = !from || (to !== undefined && isTighter(name, to, from));
    const kind: SchemaKind = !from
      ? `${name}-set`
      : !to
        ? `${name}-removed`
        : upper === tightened
          ? `${name}-decreased`
          : `${name}-increased`;
    const label = BOUND_LABELS[name];
    const what = !from
      ? `gained ${label} ${boundText(to!)}`
      : !to
        ? `lost ${label} ${boundText(from)}`
        : `changed ${label} from ${boundText(from)} to ${boundText(to)}`;
    const severity: Severity = tightened ? (request ? 'breaking' : 'info') : request ? 'info' : 'warning';
    const consequence =
      severity === 'info' ? '' : request ? ': requests valid before may be refused' : ': clients may receive values outside the old bound';
    out.add(kind, severity, `${what}${consequence}`, from?.pointer ?? o.pointer, to?.pointer ?? n.pointer);
  }
}

function boundText(bound: Bound): string {
  return bound.exclusive ? `${bound.value} (exclusive)` : String(bound.value);
}

/** pattern, multipleOf, uniqueItems. */
function compareScalars(out: Findings, o: SchemaView, n: SchemaView): void {
  const request = out.direction === 'request';
  const refused = request ? ': requests valid before may be refused' : '';
  if (o.pattern?.value !== n.pattern?.value) {
    if (o.pattern && n.pattern) {
      out.add(
        'pattern-changed',
        request ? 'breaking' : 'warning',
        `changed pattern from ${code(o.pattern.value)} to ${code(n.pattern.value)}${refused}`,
        o.pattern.pointer,
        n.pattern.pointer,
      );
    } else if (n.pattern) {
      out.add(
        'pattern-added',
        request ? 'breaking' : 'info',
        `gained pattern ${code(n.pattern.value)}${refused}`,
        o.pointer,
        n.pattern.pointer,
      );
    } else if (o.pattern) {
      out.add(
        'pattern-removed',
        request ? 'info' : 'warning',
        `lost pattern ${code(o.pattern.value)}${request ? '' : ': clients may receive values that do not match it'}`,
        o.pattern.pointer,
        n.pointer,
      );
    }
  }
  const from = o.multipleOf?.value;
  const to = n.multipleOf?.value;
  if (from !== to) {
    // Every multiple of 10 is a multiple of 5: 10 -> 5 accepts more, 5 -> 10 fewer.
    const loosened = to === undefined || (from !== undefined && isMultiple(from, to));
    const tightened = from === undefined || (to !== undefined && isMultiple(to, from));
    const severity: Severity = request ? (loosened ? 'info' : 'breaking') : tightened ? 'info' : 'warning';
    out.add(
      'multiple-of-changed',
      severity,
      `changed multipleOf from ${from ?? 'none'} to ${to ?? 'none'}${severity === 'info' ? '' : refused}`,
      o.multipleOf?.pointer ?? o.pointer,
      n.multipleOf?.pointer ?? n.pointer,
    );
  }
  if (!o.uniqueItems && n.uniqueItems) {
    out.add('unique-items-set', request ? 'breaking' : 'info', `now requires unique items${refused}`, o.pointer, n.uniqueItems.pointer);
  } else if (o.uniqueItems && !n.uniqueItems) {
    out.add('unique-items-removed', request ? 'info' : 'warning', `no longer guarantees unique items`, o.uniqueItems.pointer, n.pointer);
  }
}

function isMultiple(value: number, of: number): boolean {
  if (!isNumber(value) || !isNumber(of) || of === 0) return false;
  const quotient = value / of;
  return Math.abs(quotient - Math.round(quotient)) < 1e-9;
}

/** How a schema was reached: the root of a comparison, for ids and messages. */
export type SchemaRoot = { kind: 'body'; direction: Direction } | { kind: 'parameter'; label: string } | { kind: 'header'; label: string };

/** Turn a schema finding into a finding of the change log, with its id and words. */
export function toFinding(root: SchemaRoot, where: string, found: SchemaFinding): Finding {
  const property = found.path.length > 0;
  const path = code(displayPath(found.path));
  let subject: SchemaSubject;
  let label: string;
  if (root.kind === 'body') {
    subject = `${root.direction}-${property ? 'property' : 'body'}`;
    label = property ? `${root.direction} property ${path}` : `${root.direction} body`;
  } else {
    subject =
      root.kind === 'parameter'
        ? property
          ? 'request-parameter-property'
          : 'request-parameter'
        : property
          ? 'response-header-property'
          : 'response-header';
    label = property ? `${root.label} property ${path}` : root.label;
  }
  return {
    id: `${subject}-${found.kind}`,
    severity: found.severity,
    where,
    what: `${label} ${found.what}`,
    oldPointer: found.oldPointer,
    newPointer: found.newPointer,
  };
}

export function displayPath(path: readonly string[]): string {
  let text = '';
  for (const segment of path) {
    text += segment === '[]' || segment === '{}' || segment.startsWith('(') || text === '' ? segment : `.${segment}`;
  }
  return text;
}
