/**
 * Composition: oneOf/anyOf alternatives, allOf members, a schema wrapped into
 * a oneOf, the discriminator that tells alternatives apart, and `not`.
 */
import { flip, type Findings } from './findings.js';
import type { SchemaView } from './schema-view.js';
import { asObject, code, refOf, type Located } from './side.js';

export function compareVariants(out: Findings, o: SchemaView, n: SchemaView): void {
  if (!o.variants || !n.variants || (o.variants.collapsed && n.variants.collapsed)) return;
  const request = out.request;
  // Members match by the component they reference, else by position.
  const keyed = (members: Located[]) => new Map(members.map((member, i) => [refOf(member.node) ?? `member ${i + 1}`, member]));
  const oldMembers = keyed(o.variants.members);
  const newMembers = keyed(n.variants.members);
  for (const [key, member] of oldMembers) {
    const counterpart = newMembers.get(key);
    if (counterpart) {
      out.sub(`(${memberLabel(key)})`, member, counterpart);
    } else {
      const kind = o.variants.keyword === 'oneOf' ? 'one-of-removed' : 'any-of-removed';
      const what = `lost its ${o.variants.keyword} alternative ${code(memberLabel(key))}${request ? ': requests of that shape are refused' : ''}`;
      out.add(kind, out.grade('breaking', 'info'), what, member.pointer, n.pointer);
    }
  }
  for (const [key, member] of newMembers) {
    if (oldMembers.has(key)) continue;
    const kind = n.variants.keyword === 'oneOf' ? 'one-of-added' : 'any-of-added';
    const what = `gained a ${n.variants.keyword} alternative ${code(memberLabel(key))}${request ? '' : ': clients may receive a shape they do not know'}`;
    out.add(kind, out.grade('info', 'breaking'), what, o.pointer, member.pointer);
  }
}

function memberLabel(key: string): string {
  return key.startsWith('member ') ? key : key.slice(key.lastIndexOf('/') + 1);
}

/**
 * A schema that became one alternative of a oneOf (`Pet` -> `oneOf: [Pet, Robot]`).
 * Clients that receive it may now get the other alternatives; clients that send
 * it fail when their body also matches another alternative (oneOf needs exactly
 * one). Returns true when it was one: the rest of the comparison is the member's.
 */
export function compareWrappedInOneOf(out: Findings, o: SchemaView, n: SchemaView): boolean {
  if (isOneOf(o) && !n.variants) return compareUnwrapped(out, o, n);
  if ((o.variants && !o.variants.collapsed) || !n.variants || n.variants.collapsed || n.variants.keyword !== 'oneOf') return false;
  // A plain type becoming a oneOf of plain types is a list of types (schema-values.ts).
  if (o.properties.size === 0 && o.types && [...o.types].every((type) => type !== 'object' && type !== 'array')) return false;
  const members = n.variants.members;
  let kept: { member: Located; index: number; same: boolean } | undefined;
  for (const [index, member] of members.entries()) {
    if (out.comparer.compare(out.mode, o.node, o.pointer, member.node, member.pointer).length === 0) {
      kept = { member, index, same: true };
      break;
    }
  }
  if (!kept) {
    const index = members.findIndex((member) => out.comparer.view('new', member).pointer === o.pointer);
    if (index < 0) return false;
    kept = { member: members[index]!, index, same: false };
  }
  const keptView = out.comparer.view('new', kept.member);
  const others = members.filter((_, i) => i !== kept!.index).map((member) => out.comparer.view('new', member));
  const overlapping = others.filter((other) => !disjoint(out, keptView, other));
  if (out.request) {
    out.add(
      'wrapped-in-one-of',
      overlapping.length > 0 ? 'breaking' : 'info',
      overlapping.length > 0
        ? `became one alternative of a oneOf whose other alternatives overlap it: requests valid for both match twice and are refused`
        : 'became one alternative of a oneOf with disjoint alternatives',
      o.pointer,
      n.pointer,
    );
  } else {
    out.add('wrapped-in-one-of', 'breaking', 'became one alternative of a oneOf: clients may receive the other alternatives', o.pointer, n.pointer);
  }
  if (!kept.same) out.sub(`(${memberLabel(refOf(kept.member.node) ?? `member ${kept.index + 1}`)})`, { node: o.node, pointer: o.pointer }, kept.member);
  return true;
}

function isOneOf(view: SchemaView): boolean {
  return view.variants !== undefined && !view.variants.collapsed && view.variants.keyword === 'oneOf';
}

/** The other way round: a oneOf reduced to one of its alternatives (`oneOf: [Pet, Robot]` -> `Pet`): the others are gone. */
function compareUnwrapped(out: Findings, o: SchemaView, n: SchemaView): boolean {
  if (n.properties.size === 0 && n.types && [...n.types].every((type) => type !== 'object' && type !== 'array')) return false;
  const members = o.variants!.members;
  const kept = members.findIndex((member) => out.comparer.compare(out.mode, member.node, member.pointer, n.node, n.pointer).length === 0);
  if (kept < 0) return false;
  members.forEach((member, i) => {
    if (i === kept) return;
    const label = memberLabel(refOf(member.node) ?? `member ${i + 1}`);
    out.add(
      'one-of-removed',
      out.grade('breaking', 'info'),
      `is no longer a oneOf: alternative ${code(label)} is gone${out.request ? ': requests of that shape are refused' : ''}`,
      member.pointer,
      n.pointer,
    );
  });
  return true;
}

/** Can no value match both schemas? Only what is easy to prove: disjoint types, a required property with disjoint values, a closed object. */
function disjoint(out: Findings, a: SchemaView, b: SchemaView): boolean {
  if (a.types && b.types) {
    const fits = (type: string, set: ReadonlySet<string>) =>
      set.has(type) || (type === 'integer' && set.has('number')) || (type === 'number' && set.has('integer'));
    if (![...a.types].some((type) => fits(type, b.types!))) return true;
  }
  for (const [name, property] of a.properties) {
    const other = b.properties.get(name);
    if (!other || !a.required.has(name) || !b.required.has(name)) continue;
    const x = out.comparer.view('new', property).enum?.value;
    const y = out.comparer.view('new', other).enum?.value;
    if (x && y && ![...x.keys()].some((key) => y.has(key))) return true;
  }
  const closed = (view: SchemaView) => view.additionalProperties !== undefined && 'value' in view.additionalProperties && !view.additionalProperties.value;
  const requiresUnknown = (view: SchemaView, of: SchemaView) => [...view.required].some((name) => !of.properties.has(name));
  return (closed(a) && requiresUnknown(b, a)) || (closed(b) && requiresUnknown(a, b));
}

/**
 * allOf members added or removed. Members are merged into the view, so what a
 * member changes is also reported as property and bound changes; these say
 * which member did it. Nothing is reported when nothing else changed (properties
 * moved into a base schema), nor for members that only annotate. An added member
 * is breaking in a request only when it refuses something the old schema accepted.
 */
export function compareAllOf(out: Findings, o: SchemaView, n: SchemaView): void {
  if (out.list.length === 0 || (o.allOf.length === 0 && n.allOf.length === 0)) return;
  const key = (member: Located, i: number) => refOf(member.node) ?? `member ${i + 1}`;
  const oldKeys = new Set(o.allOf.map(key));
  const newKeys = new Set(n.allOf.map(key));
  n.allOf.forEach((member, i) => {
    if (oldKeys.has(key(member, i)) || annotationOnly(out.comparer.view('new', member).node)) return;
    if (out.request) {
      const narrows = out.comparer.compare(out.mode, o.node, o.pointer, member.node, member.pointer).some((finding) => finding.severity === 'breaking');
      if (narrows)
        out.add(
          'all-of-added',
          'breaking',
          `gained allOf member ${code(memberLabel(key(member, i)))}: requests valid before may be refused`,
          o.pointer,
          member.pointer,
        );
    } else {
      out.add('all-of-added', 'info', `gained allOf member ${code(memberLabel(key(member, i)))}`, o.pointer, member.pointer);
    }
  });
  o.allOf.forEach((member, i) => {
    if (newKeys.has(key(member, i)) || annotationOnly(out.comparer.view('old', member).node)) return;
    out.add(
      'all-of-removed',
      out.grade('info', 'breaking'),
      `lost allOf member ${code(memberLabel(key(member, i)))}${out.request ? '' : ': clients may receive values it did not allow'}`,
      member.pointer,
      n.pointer,
    );
  });
}

const ANNOTATIONS: ReadonlySet<string> = new Set(['title', 'description', 'example', 'examples', 'deprecated', 'externalDocs', '$comment', 'default']);

function annotationOnly(node: unknown): boolean {
  const record = asObject(node);
  return record !== undefined && Object.keys(record).every((key) => ANNOTATIONS.has(key) || key.startsWith('x-'));
}

export function compareDiscriminator(out: Findings, o: SchemaView, n: SchemaView): void {
  const before = o.discriminator;
  const after = n.discriminator;
  if (!before && !after) return;
  const request = out.request;
  if (!before) {
    out.add(
      'discriminator-added',
      out.grade('warning', 'info'),
      `gained a discriminator${request ? ': requests must name their alternative in it' : ''}`,
      o.pointer,
      after!.pointer,
    );
    return;
  }
  if (!after) {
    out.add(
      'discriminator-removed',
      out.grade('info', 'warning'),
      `lost its discriminator${request ? '' : ': clients that tell the alternatives apart by it must find another way'}`,
      before.pointer,
      n.pointer,
    );
    return;
  }
  if (before.value.propertyName !== after.value.propertyName) {
    out.add(
      'discriminator-property-name-changed',
      'breaking',
      `discriminator property changed from ${code(String(before.value.propertyName))} to ${code(String(after.value.propertyName))}: ${request ? 'requests that name their alternative the old way are refused' : 'clients read the old property to tell the alternatives apart'}`,
      before.pointer,
      after.pointer,
    );
  }
  const oldMapping = before.value.mapping;
  const newMapping = after.value.mapping;
  for (const [value, target] of oldMapping) {
    const now = newMapping.get(value);
    if (now === undefined) {
      out.add(
        'discriminator-mapping-deleted',
        out.grade('breaking', 'info'),
        `discriminator value ${code(value)} was removed${request ? ': requests that send it are refused' : ''}`,
        before.pointer,
        after.pointer,
      );
    } else if (now !== target) {
      out.add(
        'discriminator-mapping-changed',
        'breaking',
        `discriminator value ${code(value)} now names ${code(now)} instead of ${code(target)}`,
        before.pointer,
        after.pointer,
      );
    }
  }
  for (const value of newMapping.keys()) {
    if (oldMapping.has(value)) continue;
    out.add(
      'discriminator-mapping-added',
      out.grade('info', 'warning'),
      `discriminator value ${code(value)} was added${request ? '' : ': clients that switch over the values must handle it'}`,
      before.pointer,
      after.pointer,
    );
  }
}

/** `not`: what its schema accepts is refused, so changes inside it count in the other direction. */
export function compareNot(out: Findings, o: SchemaView, n: SchemaView): void {
  if (o.not && n.not) out.sub('(not)', o.not, n.not, flip(out.mode));
  else if (n.not)
    out.add('not-added', out.grade('breaking', 'info'), `gained \`not\`${out.request ? ': requests that match it are refused' : ''}`, o.pointer, n.not.pointer);
  else if (o.not)
    out.add(
      'not-removed',
      out.grade('info', 'breaking'),
      `lost \`not\`${out.request ? '' : ': clients may receive values it excluded'}`,
      o.not.pointer,
      n.pointer,
    );
}
