/**
 * The JSON Schema 2020-12 keywords of OpenAPI 3.1: prefixItems, contains
 * (minContains/maxContains are bounds, schema-constraints.ts),
 * patternProperties, propertyNames, dependentRequired, dependentSchemas,
 * if/then/else, unevaluatedProperties/Items and contentMediaType,
 * contentEncoding, contentSchema. Each is compared where it is, and the
 * subschemas it holds are compared like any other.
 * https://json-schema.org/draft/2020-12/json-schema-core#section-10
 */
import type { Findings } from './findings.js';
import type { SchemaKind } from './schema-kinds.js';
import type { Flag, SchemaView } from './schema-view.js';
import { code, type Located } from './side.js';

export function compare2020Keywords(out: Findings, o: SchemaView, n: SchemaView): void {
  comparePrefixItems(out, o, n);
  optional(out, '(contains)', o.contains, n.contains, ['contains-added', 'contains-removed'], 'contains');
  compareMap(out, '(patternProperties', o.patternProperties, n.patternProperties, ['pattern-property-added', 'pattern-property-removed'], 'patternProperties');
  optional(out, '(propertyNames)', o.propertyNames, n.propertyNames, ['property-names-added', 'property-names-removed'], 'propertyNames');
  compareDependentRequired(out, o, n);
  compareMap(out, '(dependentSchemas', o.dependentSchemas, n.dependentSchemas, ['dependent-schema-added', 'dependent-schema-removed'], 'dependentSchemas');
  compareIf(out, o, n);
  optional(out, '(then)', o.then, n.then, ['then-added', 'then-removed'], 'then');
  optional(out, '(else)', o.else, n.else, ['else-added', 'else-removed'], 'else');
  compareFlag(
    out,
    '(unevaluatedProperties)',
    o.unevaluatedProperties,
    n.unevaluatedProperties,
    o,
    n,
    ['unevaluated-properties-added', 'unevaluated-properties-removed'],
    'unevaluatedProperties',
  );
  compareFlag(
    out,
    '(unevaluatedItems)',
    o.unevaluatedItems,
    n.unevaluatedItems,
    o,
    n,
    ['unevaluated-items-added', 'unevaluated-items-removed'],
    'unevaluatedItems',
  );
  for (const [keyword, kind] of [
    ['contentMediaType', 'content-media-type-changed'],
    ['contentEncoding', 'content-encoding-changed'],
  ] as const) {
    const before = o[keyword];
    const after = n[keyword];
    if (before?.value === after?.value) continue;
    out.add(
      kind,
      'breaking',
      `${keyword} changed from ${code(before?.value ?? 'none')} to ${code(after?.value ?? 'none')}: the content is encoded differently`,
      before?.pointer ?? o.pointer,
      after?.pointer ?? n.pointer,
    );
  }
  optional(out, '(contentSchema)', o.contentSchema, n.contentSchema, ['content-schema-added', 'content-schema-removed'], 'contentSchema');
}

/** Something that adds constraints when present: added narrows, removed widens; present in both, compared. */
function optional(
  out: Findings,
  segment: string,
  before: Located | undefined,
  after: Located | undefined,
  [added, removed]: [SchemaKind, SchemaKind],
  keyword: string,
): void {
  if (before && after) out.sub(segment, before, after);
  else if (after)
    out.add(
      added,
      out.grade('breaking', 'info'),
      `gained ${code(keyword)}${out.request ? ': requests valid before may be refused' : ''}`,
      after.pointer.slice(0, after.pointer.lastIndexOf('/')) || after.pointer,
      after.pointer,
    );
  else if (before)
    out.add(
      removed,
      out.grade('info', 'breaking'),
      `lost ${code(keyword)}${out.request ? '' : ': clients may receive values it did not allow'}`,
      before.pointer,
      before.pointer.slice(0, before.pointer.lastIndexOf('/')),
    );
}

function compareMap(
  out: Findings,
  segment: string,
  before: Map<string, Located>,
  after: Map<string, Located>,
  [added, removed]: [SchemaKind, SchemaKind],
  keyword: string,
): void {
  for (const [key, schema] of before) {
    const counterpart = after.get(key);
    if (counterpart) out.sub(`${segment} ${key})`, schema, counterpart);
    else
      out.add(
        removed,
        out.grade('info', 'breaking'),
        `lost ${keyword} entry ${code(key)}${out.request ? '' : ': clients may receive values it did not allow'}`,
        schema.pointer,
        parentOf(schema.pointer, 2),
      );
  }
  for (const [key, schema] of after) {
    if (before.has(key)) continue;
    out.add(
      added,
      out.grade('breaking', 'info'),
      `gained ${keyword} entry ${code(key)}${out.request ? ': requests valid before may be refused' : ''}`,
      parentOf(schema.pointer, 2),
      schema.pointer,
    );
  }
}

function comparePrefixItems(out: Findings, o: SchemaView, n: SchemaView): void {
  const before = o.prefixItems?.value ?? [];
  const after = n.prefixItems?.value ?? [];
  const common = Math.min(before.length, after.length);
  for (let i = 0; i < common; i++) out.sub(`(prefixItems[${i}])`, before[i]!, after[i]!);
  // A position added checks its item against its own schema instead of `items`, and one removed the other way round.
  for (let i = common; i < after.length; i++) {
    out.add(
      'prefix-items-added',
      out.grade('info', 'breaking'),
      `gained prefixItems position ${i}${out.request ? '' : ': clients may receive another item there'}`,
      o.prefixItems?.pointer ?? o.pointer,
      after[i]!.pointer,
    );
  }
  for (let i = common; i < before.length; i++) {
    out.add(
      'prefix-items-removed',
      out.grade('breaking', 'info'),
      `lost prefixItems position ${i}${out.request ? ': requests valid before may be refused' : ''}`,
      before[i]!.pointer,
      n.prefixItems?.pointer ?? n.pointer,
    );
  }
}

function compareDependentRequired(out: Findings, o: SchemaView, n: SchemaView): void {
  for (const [name, list] of o.dependentRequired) {
    const now = n.dependentRequired.get(name);
    if (!now) {
      out.add(
        'dependent-required-removed',
        out.grade('info', 'breaking'),
        `no longer requires ${list.value.map(code).join(', ')} with ${code(name)}`,
        list.pointer,
        n.pointer,
      );
    } else if ([...now.value].sort().join('\u0000') !== [...list.value].sort().join('\u0000')) {
      const narrows = now.value.some((item) => !list.value.includes(item));
      const widens = list.value.some((item) => !now.value.includes(item));
      const kind: SchemaKind = narrows && widens ? 'dependent-required-changed' : narrows ? 'dependent-required-added' : 'dependent-required-removed';
      const severity = kind === 'dependent-required-changed' ? 'breaking' : narrows ? out.grade('breaking', 'info') : out.grade('info', 'breaking');
      out.add(
        kind,
        severity,
        `with ${code(name)} now requires ${now.value.map(code).join(', ') || 'nothing'} instead of ${list.value.map(code).join(', ')}`,
        list.pointer,
        now.pointer,
      );
    }
  }
  for (const [name, list] of n.dependentRequired) {
    if (o.dependentRequired.has(name)) continue;
    out.add(
      'dependent-required-added',
      out.grade('breaking', 'info'),
      `now requires ${list.value.map(code).join(', ')} with ${code(name)}${out.request ? ': requests valid before may be refused' : ''}`,
      o.pointer,
      list.pointer,
    );
  }
}

/** `if` decides which of `then`/`else` applies: a changed condition moves values between them, in no one direction. */
function compareIf(out: Findings, o: SchemaView, n: SchemaView): void {
  if (o.if && n.if) {
    const request = out.comparer.compare({ direction: 'request' }, o.if.node, o.if.pointer, n.if.node, n.if.pointer);
    if (request.length > 0)
      out.add('if-changed', 'warning', 'changed its `if` condition: other values now have to meet `then` or `else`', o.if.pointer, n.if.pointer);
  } else {
    optional(out, '(if)', o.if, n.if, ['if-added', 'if-removed'], 'if');
  }
}

/** unevaluatedProperties/Items: `true` is the same as leaving it out; `false` refuses what nothing else evaluated. */
function compareFlag(
  out: Findings,
  segment: string,
  before: Flag | undefined,
  after: Flag | undefined,
  o: SchemaView,
  n: SchemaView,
  [added, removed]: [SchemaKind, SchemaKind],
  keyword: string,
): void {
  const state = (flag: Flag | undefined) => (flag === undefined || ('value' in flag && flag.value) ? 'open' : 'value' in flag ? 'closed' : 'schema');
  const b = state(before);
  const a = state(after);
  if (b === a && b !== 'schema') return;
  if (b === 'schema' && a === 'schema') {
    out.sub(segment, before as Located, after as Located);
    return;
  }
  // open -> schema or false, schema -> false: fewer values are accepted; the other way round, more.
  if (b === 'open' || a === 'closed') {
    out.add(
      added,
      out.grade('breaking', 'info'),
      `gained ${code(`${keyword}: ${a === 'closed' ? 'false' : '{...}'}`)}${out.request ? ': requests valid before may be refused' : ''}`,
      before?.pointer ?? o.pointer,
      after!.pointer,
    );
  } else {
    out.add(
      removed,
      out.grade('info', 'breaking'),
      `lost ${code(`${keyword}: ${b === 'closed' ? 'false' : '{...}'}`)}${out.request ? '' : ': clients may receive values it did not allow'}`,
      before!.pointer,
      after?.pointer ?? n.pointer,
    );
  }
}

function parentOf(pointer: string, levels: number): string {
  let result = pointer;
  for (let i = 0; i < levels; i++) result = result.slice(0, Math.max(0, result.lastIndexOf('/')));
  return result;
}
