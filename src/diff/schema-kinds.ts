/**
 * The kinds of schema change: the second part of a schema check id
 * (`response-property` + `removed`). The same comparison applies to bodies,
 * properties, parameters and headers; the direction decides the severity:
 * a request schema is what clients send (narrowing it breaks them), a
 * response schema what they receive (widening it breaks them).
 *
 * docs/diff.md's table of kinds is generated from this one (test/diff/docs.test.ts).
 */
import type { Severity } from './severity.js';

/** A severity, or `varies` when the comparison decides (the `what` says how). */
export type Grade = Severity | 'varies';

export interface KindInfo {
  /** In a request (what clients send). */
  readonly request: Grade;
  /** In a response (what clients receive). */
  readonly response: Grade;
  readonly what: string;
  /** Only with the property subjects (`request-property-...`). */
  readonly property?: true;
}

/** Numeric and count bounds, each with `-set`, `-removed`, `-decreased`, `-increased`. */
export const BOUNDS = [
  'max',
  'min',
  'max-length',
  'min-length',
  'max-items',
  'min-items',
  'max-properties',
  'min-properties',
  'max-contains',
  'min-contains',
] as const;
export type BoundName = (typeof BOUNDS)[number];
type BoundKind = `${BoundName}-${'decreased' | 'increased' | 'set' | 'removed'}`;

const narrows = (what: string): KindInfo => ({ request: 'breaking', response: 'info', what });
const widens = (what: string): KindInfo => ({ request: 'info', response: 'breaking', what });
const both = (severity: Severity, what: string): KindInfo => ({ request: severity, response: severity, what });
const property = (info: KindInfo): KindInfo => ({ ...info, property: true });

export const SCHEMA_KINDS = {
  // Types and values.
  'type-changed': {
    request: 'varies',
    response: 'varies',
    what: 'the type changed: info when widened in a request (integer -> number) or narrowed in a response, else breaking',
  },
  'list-of-types-widened': widens('a list of types gained a type (`type: [string, integer]`, or a type turned into a oneOf/anyOf of types)'),
  'list-of-types-narrowed': narrows('a list of types lost a type'),
  'format-changed': {
    request: 'varies',
    response: 'varies',
    what: 'the format changed: info when widened (int32 -> int64) or removed in a request, narrowed or added in a response, else breaking',
  },
  'became-nullable': widens('null became a valid value'),
  'became-not-nullable': narrows('null is no longer a valid value'),
  'enum-value-removed': narrows('an enum value was removed'),
  'enum-value-added': { request: 'info', response: 'warning', what: 'an enum value was added (clients that switch over the values must handle it)' },
  'became-enum': narrows('the values became restricted to an enum'),
  'enum-removed': { request: 'info', response: 'warning', what: 'the enum restriction was removed' },
  'const-added': narrows('`const` was added'),
  'const-changed': both('breaking', '`const` changed: the one valid value is another'),
  'const-removed': widens('`const` was removed: any value of the type is valid'),
  'x-extensible-enum-value-removed': narrows('an `x-extensible-enum` value was removed'),
  'x-extensible-enum-value-added': both('info', 'an `x-extensible-enum` value was added (clients of an extensible enum handle unknown values)'),
  'default-value-added': {
    request: 'warning',
    response: 'info',
    what: 'a default value was added: requests without the value now get it, which may differ from what the server did before',
  },
  'default-value-changed': {
    request: 'breaking',
    response: 'info',
    what: 'the default value changed: requests without the value now get another one (the generated service fills defaults in)',
  },
  'default-value-removed': { request: 'breaking', response: 'info', what: 'the default value was removed: requests without the value no longer get it' },
  // Constraints.
  'pattern-added': narrows('a pattern was added'),
  'pattern-changed': {
    request: 'varies',
    response: 'warning',
    what: 'the pattern changed: a warning (whether one pattern accepts more than another is not decided), info when the new pattern accepts anything',
  },
  'pattern-removed': widens('the pattern was removed (an empty pattern is none)'),
  'multiple-of-changed': {
    request: 'varies',
    response: 'varies',
    what: 'multipleOf changed: breaking unless loosened (10 -> 5) in a request or tightened (5 -> 10) in a response',
  },
  'unique-items-set': narrows('items must now be unique'),
  'unique-items-removed': widens('items no longer have to be unique'),
  'additional-properties-forbidden': narrows('undeclared properties are no longer allowed'),
  'additional-properties-allowed': { request: 'info', response: 'warning', what: 'undeclared properties are now allowed' },
  ...boundKinds(),
  // Composition.
  'one-of-added': widens('a oneOf alternative was added'),
  'one-of-removed': narrows('a oneOf alternative was removed'),
  'any-of-added': widens('an anyOf alternative was added'),
  'any-of-removed': narrows('an anyOf alternative was removed'),
  'all-of-added': narrows('an allOf member was added (not reported when the schema as a whole is unchanged, such as properties moved into a base)'),
  'all-of-removed': widens('an allOf member was removed (not reported when the schema as a whole is unchanged)'),
  'wrapped-in-one-of': {
    request: 'varies',
    response: 'breaking',
    what: 'the schema became one alternative of a oneOf: in a request breaking when another alternative overlaps it (a body valid for both fails oneOf), info when they are disjoint',
  },
  'discriminator-added': { request: 'warning', response: 'info', what: 'a discriminator was added: requests must name their alternative in it' },
  'discriminator-removed': {
    request: 'info',
    response: 'warning',
    what: 'the discriminator was removed: clients that read it to tell alternatives apart must find another way',
  },
  'discriminator-property-name-changed': both('breaking', "the discriminator's property changed: clients set or read the old one"),
  'discriminator-mapping-added': { request: 'info', response: 'warning', what: 'a discriminator value was added' },
  'discriminator-mapping-deleted': narrows('a discriminator value was removed'),
  'discriminator-mapping-changed': both('breaking', 'a discriminator value now names another schema'),
  'not-added': narrows('`not` was added'),
  'not-removed': widens('`not` was removed'),
  // JSON Schema 2020-12 (OpenAPI 3.1).
  'prefix-items-added': widens('`prefixItems` gained a position (its item is checked against its own schema instead of `items`)'),
  'prefix-items-removed': narrows('`prefixItems` lost a position'),
  'contains-added': narrows('`contains` was added'),
  'contains-removed': widens('`contains` was removed'),
  'pattern-property-added': narrows('a `patternProperties` pattern was added'),
  'pattern-property-removed': widens('a `patternProperties` pattern was removed'),
  'property-names-added': narrows('`propertyNames` was added'),
  'property-names-removed': widens('`propertyNames` was removed'),
  'dependent-required-added': narrows('a `dependentRequired` entry was added'),
  'dependent-required-removed': widens('a `dependentRequired` entry was removed'),
  'dependent-required-changed': both('breaking', 'a `dependentRequired` entry names other properties'),
  'dependent-schema-added': narrows('a `dependentSchemas` entry was added'),
  'dependent-schema-removed': widens('a `dependentSchemas` entry was removed'),
  'if-added': narrows('`if` was added (with `then`/`else`, it only adds constraints)'),
  'if-removed': widens('`if` was removed'),
  'if-changed': both('warning', 'the `if` condition changed: other values now meet `then` or `else`'),
  'then-added': narrows('`then` was added'),
  'then-removed': widens('`then` was removed'),
  'else-added': narrows('`else` was added'),
  'else-removed': widens('`else` was removed'),
  'unevaluated-properties-added': narrows('`unevaluatedProperties` was added'),
  'unevaluated-properties-removed': widens('`unevaluatedProperties` was removed'),
  'unevaluated-items-added': narrows('`unevaluatedItems` was added'),
  'unevaluated-items-removed': widens('`unevaluatedItems` was removed'),
  'content-schema-added': narrows('`contentSchema` was added'),
  'content-schema-removed': widens('`contentSchema` was removed'),
  'content-media-type-changed': both('breaking', '`contentMediaType` was added, removed or changed'),
  'content-encoding-changed': both('breaking', '`contentEncoding` was added, removed or changed'),
  // Properties in their object.
  removed: property({
    request: 'varies',
    response: 'breaking',
    what: 'a property was removed: in a request a warning (the server ignores it), breaking when the object forbids other properties',
  }),
  renamed: property({
    request: 'varies',
    response: 'breaking',
    what: 'one property removed and one of the same shape added in the same object ("a rename?"): as severe as the worse of the removal and the addition',
  }),
  added: property(both('info', 'an optional property was added')),
  'added-required': property(narrows('a required property was added')),
  'became-required': property(narrows('a property became required')),
  'became-optional': property(widens('a property became optional')),
  'became-read-only': property({ request: 'warning', response: 'info', what: 'a property became readOnly: the server no longer reads it in requests' }),
  'became-non-read-only': property({
    request: 'varies',
    response: 'info',
    what: 'a property is no longer readOnly: breaking in a request when it is required (clients never sent it), info otherwise',
  }),
  'became-write-only': property({ request: 'info', response: 'breaking', what: 'a property became writeOnly: responses no longer carry it' }),
  'became-non-write-only': property({
    request: 'info',
    response: 'varies',
    what: 'a property is no longer writeOnly: responses now carry it; a warning when it is required',
  }),
  // Lifecycle of properties (see "Deprecation and sunset").
  deprecated: property(both('info', 'a property was deprecated')),
  'deprecated-with-sunset': property(both('info', 'a property was deprecated, with a sunset date far enough away')),
  reactivated: property(both('info', 'a property is no longer deprecated')),
  'deprecated-sunset-missing': property(both('breaking', 'a property was deprecated without `x-sunset`, and the playbook asks for a notice period')),
  'deprecated-sunset-invalid': property(both('breaking', "a deprecated property's `x-sunset` is not a date")),
  'sunset-date-too-small': property(both('breaking', "a deprecated property's sunset is sooner than the playbook's notice period")),
  'sunset-deleted': property(both('breaking', "a deprecated property's `x-sunset` was removed")),
  'sunset-date-changed-too-small': property(both('breaking', "a deprecated property's sunset moved earlier, sooner than the notice period")),
  'removed-with-deprecation': property(
    both('info', 'a deprecated property was removed on or after its sunset date (or, without a notice period, with no sunset date)'),
  ),
  'removed-before-sunset': property(both('breaking', 'a deprecated property was removed before its sunset date')),
  'stability-decreased': property(both('breaking', "a property's `x-stability-level` went down (stable -> beta -> alpha -> draft)")),
  'stability-increased': property(both('info', "a property's `x-stability-level` went up")),
} as const satisfies Record<string, KindInfo>;

function boundKinds(): Record<BoundKind, KindInfo> {
  const labels: Record<BoundName, string> = {
    max: 'maximum (or exclusiveMaximum)',
    min: 'minimum (or exclusiveMinimum)',
    'max-length': 'maxLength',
    'min-length': 'minLength',
    'max-items': 'maxItems',
    'min-items': 'minItems',
    'max-properties': 'maxProperties',
    'min-properties': 'minProperties',
    'max-contains': 'maxContains',
    'min-contains': 'minContains',
  };
  const kinds = {} as Record<BoundKind, KindInfo>;
  for (const bound of BOUNDS) {
    const label = labels[bound];
    const upper = bound.startsWith('max');
    kinds[`${bound}-set`] = narrows(`${label} was set`);
    kinds[`${bound}-removed`] = widens(`${label} was removed`);
    kinds[`${bound}-decreased`] = upper ? narrows(`${label} decreased`) : widens(`${label} decreased`);
    kinds[`${bound}-increased`] = upper ? widens(`${label} increased`) : narrows(`${label} increased`);
  }
  return kinds;
}

export type SchemaKind = keyof typeof SCHEMA_KINDS;
