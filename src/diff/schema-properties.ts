/**
 * Properties in their object: removed (or removed after deprecation), renamed
 * (one removed and one of the same shape added), added, required or optional,
 * readOnly/writeOnly flips, deprecation and sunset, stability; then each
 * property's own schema. readOnly properties are never sent and writeOnly ones
 * never received, so in that direction only their flips matter.
 */
import type { Severity } from './change.js';
import { worse, type Findings } from './findings.js';
import { judgeDeprecation, judgeRemoval, stabilityOf, stabilityRank, describeSunset, type Lifecycle, type Policy } from './lifecycle.js';
import type { SchemaKind } from './schema-kinds.js';
import type { SchemaView } from './schema-view.js';
import { asObject, code, own, type Located } from './side.js';

interface PropertyFacts {
  readOnly: boolean;
  writeOnly: boolean;
  lifecycle: Lifecycle;
  stability: unknown;
}

export function compareProperties(out: Findings, o: SchemaView, n: SchemaView, policy: Policy): void {
  const request = out.request;
  const facts = (side: 'old' | 'new', property: Located): PropertyFacts => {
    const view = out.comparer.view(side, property);
    // Flags written beside a `$ref` (3.1) count as well as those of the schema it names.
    const raw = asObject(property.node);
    const sunset = own(raw, 'x-sunset') ?? view.sunset?.value;
    return {
      readOnly: view.readOnly || own(raw, 'readOnly') === true,
      writeOnly: view.writeOnly || own(raw, 'writeOnly') === true,
      lifecycle: {
        deprecated: view.deprecated || own(raw, 'deprecated') === true,
        sunset,
        sunsetPointer: own(raw, 'x-sunset') !== undefined ? `${property.pointer}/x-sunset` : (view.sunset?.pointer ?? property.pointer),
      },
      stability: own(raw, 'x-stability-level') ?? view.stability?.value,
    };
  };
  const hidden = (f: PropertyFacts) => (request ? f.readOnly : f.writeOnly);
  const closed = closedObject(n);
  const removalSeverity: Severity = request ? (closed ? 'breaking' : 'warning') : 'breaking';

  const removed: string[] = [];
  for (const [name, oldProperty] of o.properties) {
    const newProperty = n.properties.get(name);
    if (!newProperty) {
      const before = facts('old', oldProperty);
      if (hidden(before)) continue;
      if (!before.lifecycle.deprecated) {
        removed.push(name);
        continue;
      }
      const outcome = judgeRemoval(policy, before.lifecycle);
      if (outcome === 'without-deprecation' || outcome === 'with-deprecation') {
        if (outcome === 'with-deprecation')
          out.add('removed-with-deprecation', 'info', 'was removed after its deprecation', oldProperty.pointer, n.home, [name]);
        continue;
      }
      const [kind, what]: [SchemaKind, string] =
        outcome === 'before-sunset'
          ? ['removed-before-sunset', `was removed before its sunset date ${describeSunset(before.lifecycle.sunset)}: clients were promised it until then`]
          : ['deprecated-sunset-invalid', `was removed, and its x-sunset ${describeSunset(before.lifecycle.sunset)} is not a date`];
      out.add(kind, 'breaking', what, oldProperty.pointer, n.home, [name]);
      continue;
    }
    compareBoth(out, name, oldProperty, newProperty, facts('old', oldProperty), facts('new', newProperty), o, n, policy);
  }

  const added = [...n.properties.keys()].filter((name) => !o.properties.has(name) && !hidden(facts('new', n.properties.get(name)!)));
  const renamed = removed.length > 0 && added.length > 0 ? pairRenames(out, o, n, removed, added) : new Map<string, string>();
  const addition = (name: string): Severity => (request && n.required.has(name) ? 'breaking' : 'info');
  for (const name of removed) {
    const oldProperty = o.properties.get(name)!;
    const newName = renamed.get(name);
    if (newName !== undefined) {
      const consequence = request ? 'the server no longer reads the old name' : 'clients that read the old name get nothing';
      out.add(
        'renamed',
        worse(removalSeverity, addition(newName)),
        `was replaced by ${code(newName)} (same shape: a rename?): ${consequence}`,
        oldProperty.pointer,
        n.properties.get(newName)!.pointer,
        [name],
      );
    } else if (request) {
      const what = closed
        ? 'was removed and other properties are refused: requests that still send it fail'
        : 'was removed: the server no longer reads it when clients send it';
      out.add('removed', removalSeverity, what, oldProperty.pointer, n.home, [name]);
    } else {
      const optional = o.required.has(name) ? '' : ' (it was optional, but clients read it when present)';
      out.add('removed', 'breaking', `was removed: clients that read it get nothing${optional}`, oldProperty.pointer, n.home, [name]);
    }
  }
  // Names required without being declared here (`if: {required: [a]}`, an allOf fragment): only their requiredness.
  for (const name of n.required) {
    if (!n.properties.has(name) && !o.properties.has(name) && !o.required.has(name)) {
      out.add(
        'became-required',
        out.grade('breaking', 'info'),
        request ? 'became required: requests without it are refused' : 'became required',
        o.pointer,
        n.pointer,
        [name],
      );
    }
  }
  for (const name of o.required) {
    if (!o.properties.has(name) && !n.properties.has(name) && !n.required.has(name)) {
      out.add(
        'became-optional',
        out.grade('info', 'breaking'),
        request ? 'became optional' : 'became optional: clients that count on it may not get it',
        o.pointer,
        n.pointer,
        [name],
      );
    }
  }
  const renamedTo = new Set(renamed.values());
  for (const name of added) {
    if (renamedTo.has(name)) continue;
    const newProperty = n.properties.get(name)!;
    if (request && n.required.has(name)) {
      out.add('added-required', 'breaking', 'was added as required: requests without it are refused', o.home, newProperty.pointer, [name]);
    } else {
      out.add('added', 'info', n.required.has(name) ? 'was added (required)' : 'was added', o.home, newProperty.pointer, [name]);
    }
  }
}

/** A property in both objects. */
function compareBoth(
  out: Findings,
  name: string,
  oldProperty: Located,
  newProperty: Located,
  before: PropertyFacts,
  after: PropertyFacts,
  o: SchemaView,
  n: SchemaView,
  policy: Policy,
): void {
  const request = out.request;
  const add = (kind: SchemaKind, severity: Severity, what: string) => out.add(kind, severity, what, oldProperty.pointer, newProperty.pointer, [name]);
  // The flag that hides a property in this direction: its flip is the whole story.
  const [hideFlag, otherFlag] = request ? (['readOnly', 'writeOnly'] as const) : (['writeOnly', 'readOnly'] as const);
  if (before[hideFlag] || after[hideFlag]) {
    if (before[hideFlag] && after[hideFlag]) return;
    if (request) {
      if (after.readOnly) add('became-read-only', 'warning', 'became readOnly: the server no longer reads it in requests');
      else
        add(
          'became-non-read-only',
          n.required.has(name) ? 'breaking' : 'info',
          n.required.has(name) ? 'is no longer readOnly and is required: requests without it are refused' : 'is no longer readOnly',
        );
    } else if (after.writeOnly) {
      add('became-write-only', 'breaking', 'became writeOnly: responses no longer carry it');
    } else {
      add('became-non-write-only', n.required.has(name) ? 'warning' : 'info', 'is no longer writeOnly: responses now carry it');
    }
    return;
  }
  if (before[otherFlag] !== after[otherFlag]) {
    const kind =
      otherFlag === 'readOnly'
        ? after.readOnly
          ? 'became-read-only'
          : 'became-non-read-only'
        : after.writeOnly
          ? 'became-write-only'
          : 'became-non-write-only';
    add(kind, 'info', `${after[otherFlag] ? 'became' : 'is no longer'} ${otherFlag}`);
  }
  const wasRequired = o.required.has(name);
  const isRequired = n.required.has(name);
  if (!wasRequired && isRequired)
    add('became-required', out.grade('breaking', 'info'), request ? 'became required: requests without it are refused' : 'became required');
  else if (wasRequired && !isRequired)
    add('became-optional', out.grade('info', 'breaking'), request ? 'became optional' : 'became optional: clients that count on it may not get it');
  compareLifecycle(out, name, oldProperty, newProperty, before, after, policy);
  out.sub(name, oldProperty, newProperty);
}

const DEPRECATION_KINDS = {
  deprecated: ['deprecated', 'info', 'was deprecated'],
  'deprecated-with-sunset': ['deprecated-with-sunset', 'info', 'was deprecated'],
  reactivated: ['reactivated', 'info', 'is no longer deprecated'],
  'sunset-missing': ['deprecated-sunset-missing', 'breaking', 'was deprecated without x-sunset, and the playbook asks for a notice period'],
  'sunset-parse': ['deprecated-sunset-invalid', 'breaking', 'is deprecated, and its x-sunset is not a date'],
  'sunset-too-small': ['sunset-date-too-small', 'breaking', "is deprecated with a sunset sooner than the playbook's notice period"],
  'sunset-deleted': ['sunset-deleted', 'breaking', 'lost its x-sunset: clients no longer know how long it stays'],
  'sunset-changed-too-small': ['sunset-date-changed-too-small', 'breaking', 'had its sunset moved earlier, sooner than the notice period'],
} as const satisfies Record<string, readonly [SchemaKind, Severity, string]>;

function compareLifecycle(
  out: Findings,
  name: string,
  oldProperty: Located,
  newProperty: Located,
  before: PropertyFacts,
  after: PropertyFacts,
  policy: Policy,
): void {
  const outcome = judgeDeprecation(policy, before.lifecycle, after.lifecycle);
  if (outcome) {
    const [kind, severity, what] = DEPRECATION_KINDS[outcome];
    const sunset = after.lifecycle.sunset === undefined ? '' : ` (x-sunset ${describeSunset(after.lifecycle.sunset)})`;
    out.add(kind, severity, `${what}${sunset}`, before.lifecycle.sunsetPointer, after.lifecycle.sunsetPointer, [name]);
  }
  const from = stabilityOf(before.stability);
  const to = stabilityOf(after.stability);
  if (from !== 'invalid' && to !== 'invalid' && from !== to) {
    const decreased = stabilityRank(to) < stabilityRank(from);
    out.add(
      decreased ? 'stability-decreased' : 'stability-increased',
      decreased ? 'breaking' : 'info',
      `x-stability-level went from ${from} to ${to}`,
      oldProperty.pointer,
      newProperty.pointer,
      [name],
    );
  }
}

/** One removed and one added property of the same shape, each the only one of its shape: a rename. */
function pairRenames(out: Findings, o: SchemaView, n: SchemaView, removed: string[], added: string[]): Map<string, string> {
  const shape = (side: 'old' | 'new', property: Located) => out.comparer.shape(side, property.node, property.pointer);
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

/** `additionalProperties: false` (or `unevaluatedProperties: false`): undeclared properties are refused. */
function closedObject(view: SchemaView): boolean {
  const isFalse = (flag: SchemaView['additionalProperties']) => flag !== undefined && 'value' in flag && flag.value === false;
  return isFalse(view.additionalProperties) || isFalse(view.unevaluatedProperties);
}

export function compareAdditionalProperties(out: Findings, o: SchemaView, n: SchemaView): void {
  const request = out.request;
  const oldExtra = o.additionalProperties;
  const newExtra = n.additionalProperties;
  const allowed = (extra: typeof oldExtra) => extra === undefined || !('value' in extra) || extra.value;
  const at = (view: SchemaView) => view.additionalProperties?.pointer ?? view.pointer;
  if (allowed(oldExtra) && !allowed(newExtra)) {
    out.add(
      'additional-properties-forbidden',
      out.grade('breaking', 'info'),
      request ? 'no longer accepts undeclared properties: requests that send them are refused' : 'no longer holds undeclared properties',
      at(o),
      at(n),
    );
  } else if (!allowed(oldExtra) && allowed(newExtra)) {
    out.add(
      'additional-properties-allowed',
      out.grade('info', 'warning'),
      request ? 'now accepts undeclared properties' : 'may now hold undeclared properties: strict clients may refuse them',
      at(o),
      at(n),
    );
  } else if (oldExtra && newExtra && 'node' in oldExtra && 'node' in newExtra) {
    out.sub('{}', oldExtra, newExtra);
  }
}
