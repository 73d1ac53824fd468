/**
 * What values a schema accepts: nullability, types (a list of types, and a
 * oneOf/anyOf of typed alternatives, read as one), formats, enums, `const`,
 * `x-extensible-enum` and default values.
 */
import type { Severity } from './change.js';
import { milder, type Findings } from './findings.js';
import { canonical } from './schema-read.js';
import type { SchemaView } from './schema-view.js';
import { code } from './side.js';

/** Format pairs where the second accepts everything the first does. */
const WIDER_FORMAT: ReadonlySet<string> = new Set(['int32>int64', 'float>double', 'int32>double', 'float>int64']);
const SCALARS: ReadonlySet<string> = new Set(['string', 'integer', 'number', 'boolean']);

export function compareNullable(out: Findings, o: SchemaView, n: SchemaView): void {
  if (o.nullable === n.nullable) return;
  if (n.nullable) {
    out.add(
      'became-nullable',
      out.grade('info', 'breaking'),
      out.request ? 'became nullable' : 'became nullable: clients may receive null',
      o.pointer,
      n.pointer,
    );
  } else {
    out.add(
      'became-not-nullable',
      out.grade('breaking', 'info'),
      out.request ? 'is no longer nullable: requests that send null are refused' : 'is no longer nullable',
      o.pointer,
      n.pointer,
    );
  }
}

type Effect = 'none' | 'widens' | 'narrows' | 'incomparable';

export function compareTypes(out: Findings, o: SchemaView, n: SchemaView): void {
  // Alternatives of plain types (`oneOf: [{type: string}, {type: integer}]`) are a list of types, when only one side has them.
  const oneSided = Boolean(o.variants && !o.variants.collapsed) !== Boolean(n.variants && !n.variants.collapsed);
  const from = o.types ?? (oneSided ? out.comparer.variantTypes('old', o) : undefined);
  const to = n.types ?? (oneSided ? out.comparer.variantTypes('new', n) : undefined);
  let effect = typeEffect(from, to, out.mode.text ? textItems(out, o, n) : undefined);
  if ((from === undefined && o.composed) || (to === undefined && n.composed)) effect = 'none';
  if (effect !== 'none') {
    const fine = out.request ? effect === 'widens' : effect === 'narrows';
    const consequence = fine ? '' : out.request ? ': requests valid before may be refused' : ': clients may receive values they cannot read';
    let severity: Severity = fine ? 'info' : 'breaking';
    if (out.mode.xml) severity = milder(severity, 'warning'); // XML elements are text whatever the type says
    const list = (from !== undefined && from.size > 1) || (to !== undefined && to.size > 1);
    const kind = !list || effect === 'incomparable' ? 'type-changed' : effect === 'widens' ? 'list-of-types-widened' : 'list-of-types-narrowed';
    out.add(kind, severity, `changed type from ${typeName(from)} to ${typeName(to)}${consequence}`, o.pointer, n.pointer);
  }
  if (effect === 'incomparable' || o.format?.value === n.format?.value) return;
  compareFormats(out, o, n);
}

function compareFormats(out: Findings, o: SchemaView, n: SchemaView): void {
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
  const fine = out.request ? formatEffect === 'widens' : formatEffect === 'narrows';
  const what =
    from === undefined ? `gained format ${code(to!)}` : to === undefined ? `lost format ${code(from)}` : `changed format from ${code(from)} to ${code(to)}`;
  const consequence = fine ? '' : out.request ? ': requests valid before may be refused' : ': clients may receive values they cannot read';
  out.add('format-changed', fine ? 'info' : 'breaking', `${what}${consequence}`, o.format?.pointer ?? o.pointer, n.format?.pointer ?? n.pointer);
}

/** For values that travel as text: the item types of an array on either side (`?ids=1` is an array of one). */
function textItems(out: Findings, o: SchemaView, n: SchemaView): { old?: ReadonlySet<string>; new?: ReadonlySet<string> } {
  const items = (side: 'old' | 'new', view: SchemaView) => (view.items ? out.comparer.view(side, view.items).types : undefined);
  return { old: items('old', o), new: items('new', n) };
}

function typeEffect(
  from: ReadonlySet<string> | undefined,
  to: ReadonlySet<string> | undefined,
  text?: { old?: ReadonlySet<string>; new?: ReadonlySet<string> },
): Effect {
  if (from === undefined && to === undefined) return 'none';
  if (from === undefined) return 'narrows';
  if (to === undefined) return 'widens';
  const toCoversFrom = covers(to, from, text !== undefined, text?.new);
  const fromCoversTo = covers(from, to, text !== undefined, text?.old);
  if (toCoversFrom && fromCoversTo) return 'none';
  return toCoversFrom ? 'widens' : fromCoversTo ? 'narrows' : 'incomparable';
}

/**
 * Does every type in `inner` fit in `outer`? An integer is a number. For text
 * values, a string takes any scalar's text and an array
 * takes one value of its item type, as the generated service's validator coerces them.
 */
function covers(outer: ReadonlySet<string>, inner: ReadonlySet<string>, text: boolean, textItems?: ReadonlySet<string>): boolean {
  const fits = (set: ReadonlySet<string>, type: string): boolean =>
    set.has(type) || (type === 'integer' && set.has('number')) || (text && SCALARS.has(type) && set.has('string'));
  for (const type of inner) {
    if (fits(outer, type)) continue;
    if (text && textItems && SCALARS.has(type) && outer.has('array') && fits(textItems, type)) continue;
    return false;
  }
  return true;
}

function typeName(types: ReadonlySet<string> | undefined): string {
  if (types === undefined) return 'any';
  return types.size === 0 ? 'null' : [...types].join(' or ');
}

export function compareEnums(out: Findings, o: SchemaView, n: SchemaView): void {
  const request = out.request;
  if (o.enum && n.enum) {
    const removed = [...o.enum.value.keys()].filter((key) => !n.enum!.value.has(key));
    const added = [...n.enum.value.keys()].filter((key) => !o.enum!.value.has(key));
    if (o.enum.fromConst && n.enum.fromConst) {
      if (removed.length > 0) {
        out.add(
          'const-changed',
          'breaking',
          `changed const from ${listValues(removed)} to ${listValues(added)}${request ? ': requests that send the old value are refused' : ': clients expecting the old value get another'}`,
          o.enum.pointer,
          n.enum.pointer,
        );
      }
    } else {
      if (removed.length > 0) {
        const [values, them] = removed.length > 1 ? ['values', 'them'] : ['value', 'it'];
        const what = `lost enum ${values} ${listValues(removed)}${request ? `: requests that send ${them} are refused` : ''}`;
        out.add('enum-value-removed', out.grade('breaking', 'info'), what, o.enum.pointer, n.enum.pointer);
      }
      if (added.length > 0) {
        const [values, them] = added.length > 1 ? ['values', 'them'] : ['value', 'it'];
        const what = `gained enum ${values} ${listValues(added)}${request ? '' : `: clients that switch over the values must handle ${them}`}`;
        out.add('enum-value-added', out.grade('info', 'warning'), what, o.enum.pointer, n.enum.pointer);
      }
    }
  } else if (n.enum) {
    const values = listValues([...n.enum.value.keys()]);
    if (n.enum.fromConst)
      out.add(
        'const-added',
        out.grade('breaking', 'info'),
        `is now the constant ${values}${request ? ': requests with other values are refused' : ''}`,
        o.pointer,
        n.enum.pointer,
      );
    else
      out.add(
        'became-enum',
        out.grade('breaking', 'info'),
        `is now restricted to ${values}${request ? ': requests with other values are refused' : ''}`,
        o.pointer,
        n.enum.pointer,
      );
  } else if (o.enum) {
    const values = listValues([...o.enum.value.keys()]);
    if (o.enum.fromConst)
      out.add(
        'const-removed',
        out.grade('info', 'breaking'),
        `is no longer the constant ${values}${request ? '' : ': clients may receive other values'}`,
        o.enum.pointer,
        n.pointer,
      );
    else
      out.add(
        'enum-removed',
        out.grade('info', 'warning'),
        `is no longer restricted to ${values}${request ? '' : ': clients may receive other values'}`,
        o.enum.pointer,
        n.pointer,
      );
  }
  if (o.extensibleEnum && n.extensibleEnum) {
    const removed = [...o.extensibleEnum.value.keys()].filter((key) => !n.extensibleEnum!.value.has(key));
    const added = [...n.extensibleEnum.value.keys()].filter((key) => !o.extensibleEnum!.value.has(key));
    if (removed.length > 0) {
      out.add(
        'x-extensible-enum-value-removed',
        out.grade('breaking', 'info'),
        `lost x-extensible-enum value${removed.length > 1 ? 's' : ''} ${listValues(removed)}${request ? ': requests that send it are refused' : ''}`,
        o.extensibleEnum.pointer,
        n.extensibleEnum.pointer,
      );
    }
    if (added.length > 0) {
      out.add(
        'x-extensible-enum-value-added',
        'info',
        `gained x-extensible-enum value${added.length > 1 ? 's' : ''} ${listValues(added)}`,
        o.extensibleEnum.pointer,
        n.extensibleEnum.pointer,
      );
    }
  }
}

/**
 * Default values. The generated service fills them into requests (AJV
 * `useDefaults`), so a request that leaves the value out is handled with the
 * new default: a changed or removed default changes what unchanged requests do.
 */
export function compareDefaults(out: Findings, o: SchemaView, n: SchemaView): void {
  const before = o.default === undefined ? undefined : canonical(o.default.value);
  const after = n.default === undefined ? undefined : canonical(n.default.value);
  if (before === after) return;
  const request = out.request;
  if (before === undefined) {
    out.add(
      'default-value-added',
      out.grade('warning', 'info'),
      `gained default ${code(after!)}${request ? ': requests without it are now handled as if they sent it' : ''}`,
      o.pointer,
      n.default!.pointer,
    );
  } else if (after === undefined) {
    out.add(
      'default-value-removed',
      out.grade('breaking', 'info'),
      `lost default ${code(before)}${request ? ': requests without it no longer get it' : ''}`,
      o.default!.pointer,
      n.pointer,
    );
  } else {
    out.add(
      'default-value-changed',
      out.grade('breaking', 'info'),
      `changed default from ${code(before)} to ${code(after)}${request ? ': requests without it are handled differently' : ''}`,
      o.default!.pointer,
      n.default!.pointer,
    );
  }
}

export function listValues(keys: string[]): string {
  const shown = keys.slice(0, 5).map((key) => code(key));
  return keys.length > 5 ? `${shown.join(', ')} and ${keys.length - 5} more` : shown.join(', ');
}
