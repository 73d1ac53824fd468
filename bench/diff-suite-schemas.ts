/**
 * The schema classes of the diff bench: each a tiny schema edit, applied to a
 * request body and to a response body, in both directions. The labels are
 * oasdiff's levels for that change (checker/rules.go of its main branch, as
 * read for this bench: ERR, WARN, INFO, or NONE when no rule fires), never
 * design-first's own output. `differs` names a row of docs/diff.md's table of
 * deliberate differences, for the pairs where design-first grades otherwise.
 */

export type Level = 'ERR' | 'WARN' | 'INFO' | 'NONE';

/** A label: oasdiff's level, and the documented difference when design-first grades it otherwise. */
export type Label = Level | [Level, string];

export interface SchemaClass {
  family: string;
  name: string;
  before: string;
  after: string;
  /** OpenAPI version of the documents (3.0.3 unless a 3.1 keyword needs 3.1.0). */
  version?: string;
  /** [forward, backward] in a request body, then in a response body. */
  request: [Label, Label];
  response: [Label, Label];
}

const obj = (properties: string, extra = '') => `type: object\n${extra}properties:\n${properties}`;

export const SCHEMA_CLASSES: SchemaClass[] = [
  // Types and formats.
  { family: 'types', name: 'type string -> integer', before: 'type: string\n', after: 'type: integer\n', request: ['ERR', 'ERR'], response: ['ERR', 'ERR'] },
  { family: 'types', name: 'type integer -> number', before: 'type: integer\n', after: 'type: number\n', request: ['INFO', 'ERR'], response: ['ERR', 'INFO'] },
  { family: 'types', name: 'format int32 -> int64', before: 'type: integer\nformat: int32\n', after: 'type: integer\nformat: int64\n', request: ['INFO', 'ERR'], response: ['ERR', 'INFO'] },
  { family: 'types', name: 'format date-time -> date', before: 'type: string\nformat: date-time\n', after: 'type: string\nformat: date\n', request: ['ERR', 'ERR'], response: ['ERR', 'ERR'] },
  { family: 'types', name: 'became nullable', before: 'type: string\n', after: 'type: string\nnullable: true\n', request: ['INFO', 'ERR'], response: ['ERR', 'INFO'] },
  { family: 'types', name: 'list of types gains a type (3.1)', before: 'type: [string]\n', after: 'type: [string, integer]\n', version: '3.1.0', request: ['INFO', 'ERR'], response: ['ERR', 'INFO'] },
  { family: 'types', name: 'a type becomes a oneOf of types', before: obj('  a: { type: string }\n'), after: obj('  a: { oneOf: [{ type: string }, { type: integer }] }\n'), request: ['INFO', 'ERR'], response: ['ERR', 'INFO'] },
  { family: 'types', name: 'a property type changes', before: obj('  a: { type: string }\n'), after: obj('  a: { type: boolean }\n'), request: ['ERR', 'ERR'], response: ['ERR', 'ERR'] },
  // Values.
  { family: 'values', name: 'an enum value removed', before: 'type: string\nenum: [a, b]\n', after: 'type: string\nenum: [a]\n', request: ['ERR', 'INFO'], response: ['INFO', 'WARN'] },
  { family: 'values', name: 'became an enum', before: 'type: string\n', after: 'type: string\nenum: [a, b]\n', request: ['ERR', 'INFO'], response: ['INFO', 'NONE'] },
  { family: 'values', name: 'const added', before: 'type: string\n', after: 'type: string\nconst: a\n', version: '3.1.0', request: ['ERR', 'INFO'], response: ['INFO', 'ERR'] },
  { family: 'values', name: 'const changed', before: 'type: string\nconst: a\n', after: 'type: string\nconst: b\n', version: '3.1.0', request: ['ERR', 'ERR'], response: ['ERR', 'ERR'] },
  { family: 'values', name: 'an x-extensible-enum value removed', before: 'type: string\nx-extensible-enum: [a, b]\n', after: 'type: string\nx-extensible-enum: [a]\n', request: ['ERR', 'NONE'], response: ['NONE', 'NONE'] },
  { family: 'defaults', name: 'a property default changed', before: obj('  size: { type: integer, default: 10 }\n'), after: obj('  size: { type: integer, default: 20 }\n'), request: [['INFO', 'default-values'], ['INFO', 'default-values']], response: ['INFO', 'INFO'] },
  { family: 'defaults', name: 'a property default removed', before: obj('  size: { type: integer, default: 10 }\n'), after: obj('  size: { type: integer }\n'), request: [['INFO', 'default-values'], 'INFO'], response: ['INFO', 'INFO'] },
  { family: 'defaults', name: 'a body default changed', before: 'type: string\ndefault: a\n', after: 'type: string\ndefault: b\n', request: [['INFO', 'default-values'], ['INFO', 'default-values']], response: ['INFO', 'INFO'] },
  // Constraints.
  { family: 'constraints', name: 'maxLength set', before: 'type: string\n', after: 'type: string\nmaxLength: 10\n', request: ['ERR', 'NONE'], response: ['NONE', 'ERR'] },
  { family: 'constraints', name: 'maxLength decreased', before: 'type: string\nmaxLength: 20\n', after: 'type: string\nmaxLength: 10\n', request: ['ERR', 'INFO'], response: ['NONE', 'ERR'] },
  { family: 'constraints', name: 'minLength increased', before: 'type: string\nminLength: 1\n', after: 'type: string\nminLength: 3\n', request: ['ERR', 'INFO'], response: ['NONE', 'ERR'] },
  { family: 'constraints', name: 'maximum decreased', before: 'type: number\nmaximum: 100\n', after: 'type: number\nmaximum: 50\n', request: ['ERR', 'INFO'], response: ['NONE', 'ERR'] },
  { family: 'constraints', name: 'maximum set', before: 'type: number\n', after: 'type: number\nmaximum: 50\n', request: ['ERR', 'NONE'], response: ['NONE', ['NONE', 'response-bounds-removed']] },
  { family: 'constraints', name: 'exclusiveMinimum increased (3.1)', before: 'type: number\nexclusiveMinimum: 0\n', after: 'type: number\nexclusiveMinimum: 5\n', version: '3.1.0', request: ['ERR', 'INFO'], response: ['NONE', 'ERR'] },
  { family: 'constraints', name: 'minItems increased', before: 'type: array\nitems: { type: string }\nminItems: 1\n', after: 'type: array\nitems: { type: string }\nminItems: 2\n', request: ['ERR', 'NONE'], response: ['NONE', 'ERR'] },
  { family: 'constraints', name: 'maxItems decreased', before: 'type: array\nitems: { type: string }\nmaxItems: 10\n', after: 'type: array\nitems: { type: string }\nmaxItems: 5\n', request: ['ERR', 'INFO'], response: ['NONE', 'ERR'] },
  { family: 'constraints', name: 'maxProperties decreased', before: 'type: object\nmaxProperties: 10\n', after: 'type: object\nmaxProperties: 5\n', request: ['ERR', 'INFO'], response: ['NONE', 'ERR'] },
  { family: 'constraints', name: 'minProperties increased', before: 'type: object\nminProperties: 1\n', after: 'type: object\nminProperties: 2\n', request: ['ERR', 'NONE'], response: ['NONE', 'ERR'] },
  { family: 'constraints', name: 'pattern added', before: 'type: string\n', after: "type: string\npattern: '^[a-z]+$'\n", request: ['ERR', 'INFO'], response: ['INFO', 'ERR'] },
  { family: 'constraints', name: 'pattern changed', before: "type: string\npattern: '^[a-z]+$'\n", after: "type: string\npattern: '^[a-z0-9]+$'\n", request: ['WARN', 'WARN'], response: ['WARN', 'WARN'] },
  { family: 'constraints', name: "pattern changed to '' (none)", before: "type: string\npattern: '^[a-z]+$'\n", after: "type: string\npattern: ''\n", request: ['INFO', 'ERR'], response: ['ERR', 'INFO'] },
  { family: 'constraints', name: 'multipleOf 5 -> 10', before: 'type: integer\nmultipleOf: 5\n', after: 'type: integer\nmultipleOf: 10\n', request: ['ERR', 'INFO'], response: ['INFO', 'ERR'] },
  { family: 'constraints', name: 'uniqueItems set', before: 'type: array\nitems: { type: string }\n', after: 'type: array\nitems: { type: string }\nuniqueItems: true\n', request: ['ERR', 'INFO'], response: ['NONE', 'ERR'] },
  { family: 'constraints', name: 'additionalProperties: false', before: obj('  a: { type: string }\n'), after: obj('  a: { type: string }\n', 'additionalProperties: false\n'), request: [['NONE', 'additional-properties-forbidden'], 'NONE'], response: ['NONE', 'NONE'] },
  // Properties.
  { family: 'properties', name: 'a required property added', before: obj('  a: { type: string }\n'), after: obj('  a: { type: string }\n  b: { type: string }\n', 'required: [b]\n'), request: ['ERR', 'WARN'], response: ['INFO', 'ERR'] },
  { family: 'properties', name: 'an optional property added', before: obj('  a: { type: string }\n'), after: obj('  a: { type: string }\n  b: { type: integer }\n'), request: ['INFO', 'WARN'], response: ['INFO', ['INFO', 'response-optional-property-removed']] },
  { family: 'properties', name: 'a property became required', before: obj('  a: { type: string }\n'), after: obj('  a: { type: string }\n', 'required: [a]\n'), request: ['ERR', 'INFO'], response: ['INFO', 'ERR'] },
  { family: 'properties', name: 'an optional property renamed', before: obj('  a: { type: string }\n  b: { type: integer }\n'), after: obj('  a: { type: string }\n  c: { type: integer }\n'), request: ['WARN', 'WARN'], response: [['INFO', 'response-optional-property-removed'], ['INFO', 'response-optional-property-removed']] },
  { family: 'properties', name: 'a required property became readOnly', before: obj('  id: { type: string }\n', 'required: [id]\n'), after: obj('  id: { type: string, readOnly: true }\n', 'required: [id]\n'), request: ['INFO', ['INFO', 'read-only']], response: ['INFO', 'INFO'] },
  { family: 'properties', name: 'a required property became writeOnly', before: obj('  secret: { type: string }\n', 'required: [secret]\n'), after: obj('  secret: { type: string, writeOnly: true }\n', 'required: [secret]\n'), request: ['INFO', 'INFO'], response: [['INFO', 'write-only-response'], 'WARN'] },
  // Composition.
  { family: 'composition', name: 'a oneOf alternative added', before: 'oneOf: [{ type: string }, { type: integer }]\n', after: 'oneOf: [{ type: string }, { type: integer }, { type: boolean }]\n', request: ['INFO', 'ERR'], response: ['ERR', 'INFO'] },
  { family: 'composition', name: 'an anyOf alternative added', before: 'anyOf: [{ type: string }, { type: integer }]\n', after: 'anyOf: [{ type: string }, { type: integer }, { type: boolean }]\n', request: ['INFO', 'ERR'], response: ['ERR', 'INFO'] },
  { family: 'composition', name: 'an allOf member with a required property added', before: 'allOf: [{ type: object, properties: { a: { type: string } } }]\n', after: 'allOf: [{ type: object, properties: { a: { type: string } } }, { type: object, required: [b], properties: { b: { type: string } } }]\n', request: ['ERR', 'INFO'], response: ['INFO', 'ERR'] },
  { family: 'composition', name: 'an allOf member with an optional property added', before: 'allOf: [{ type: object, properties: { a: { type: string } } }]\n', after: 'allOf: [{ type: object, properties: { a: { type: string } } }, { type: object, properties: { b: { type: string } } }]\n', request: [['ERR', 'all-of-added-optional'], 'INFO'], response: ['INFO', 'ERR'] },
  { family: 'composition', name: 'wrapped in a oneOf with an overlapping alternative', before: obj('  a: { type: string }\n'), after: 'oneOf:\n  - type: object\n    properties: { a: { type: string } }\n  - type: object\n    properties: { b: { type: integer } }\n', request: ['ERR', 'ERR'], response: ['ERR', 'INFO'] },
  { family: 'discriminator', name: "the discriminator's property changed", before: "oneOf: [{ $ref: '#/components/schemas/A' }, { $ref: '#/components/schemas/B' }]\ndiscriminator: { propertyName: kind }\n", after: "oneOf: [{ $ref: '#/components/schemas/A' }, { $ref: '#/components/schemas/B' }]\ndiscriminator: { propertyName: type }\n", request: [['INFO', 'discriminator'], ['INFO', 'discriminator']], response: [['INFO', 'discriminator'], ['INFO', 'discriminator']] },
  { family: 'discriminator', name: 'a discriminator mapping value removed', before: "oneOf: [{ $ref: '#/components/schemas/A' }, { $ref: '#/components/schemas/B' }]\ndiscriminator: { propertyName: kind, mapping: { a: '#/components/schemas/A', b: '#/components/schemas/B' } }\n", after: "oneOf: [{ $ref: '#/components/schemas/A' }, { $ref: '#/components/schemas/B' }]\ndiscriminator: { propertyName: kind, mapping: { a: '#/components/schemas/A' } }\n", request: [['INFO', 'discriminator'], 'INFO'], response: ['INFO', 'INFO'] },
  // JSON Schema 2020-12.
  { family: '2020-12', name: 'prefixItems gains a position', before: 'type: array\nprefixItems: [{ type: string }]\n', after: 'type: array\nprefixItems: [{ type: string }, { type: integer }]\n', version: '3.1.0', request: ['INFO', 'ERR'], response: ['ERR', 'INFO'] },
  { family: '2020-12', name: 'a type inside prefixItems narrows', before: 'type: array\nprefixItems: [{ type: number }]\n', after: 'type: array\nprefixItems: [{ type: integer }]\n', version: '3.1.0', request: ['ERR', 'INFO'], response: ['INFO', 'ERR'] },
  { family: '2020-12', name: 'contains added', before: 'type: array\nitems: { type: string }\n', after: 'type: array\nitems: { type: string }\ncontains: { const: a }\n', version: '3.1.0', request: ['ERR', 'INFO'], response: ['INFO', 'ERR'] },
  { family: '2020-12', name: 'minContains increased', before: 'type: array\ncontains: { const: a }\nminContains: 1\n', after: 'type: array\ncontains: { const: a }\nminContains: 2\n', version: '3.1.0', request: ['ERR', 'INFO'], response: ['INFO', 'ERR'] },
  { family: '2020-12', name: 'maxContains decreased', before: 'type: array\ncontains: { const: a }\nmaxContains: 5\n', after: 'type: array\ncontains: { const: a }\nmaxContains: 2\n', version: '3.1.0', request: ['ERR', 'INFO'], response: ['INFO', 'ERR'] },
  { family: '2020-12', name: 'a patternProperties pattern added', before: 'type: object\n', after: "type: object\npatternProperties:\n  '^x-': { type: string }\n", version: '3.1.0', request: ['ERR', 'INFO'], response: ['INFO', 'ERR'] },
  { family: '2020-12', name: 'a type inside patternProperties changed', before: "type: object\npatternProperties:\n  '^x-': { type: string }\n", after: "type: object\npatternProperties:\n  '^x-': { type: integer }\n", version: '3.1.0', request: ['ERR', 'ERR'], response: ['ERR', 'ERR'] },
  { family: '2020-12', name: 'propertyNames added', before: 'type: object\n', after: 'type: object\npropertyNames: { maxLength: 3 }\n', version: '3.1.0', request: ['ERR', 'INFO'], response: ['INFO', 'ERR'] },
  { family: '2020-12', name: 'dependentRequired added', before: obj('  a: { type: string }\n  b: { type: string }\n'), after: obj('  a: { type: string }\n  b: { type: string }\n', 'dependentRequired: { a: [b] }\n'), version: '3.1.0', request: ['ERR', 'INFO'], response: ['INFO', 'ERR'] },
  { family: '2020-12', name: 'dependentRequired changed', before: 'type: object\ndependentRequired: { a: [b] }\n', after: 'type: object\ndependentRequired: { a: [c] }\n', version: '3.1.0', request: ['ERR', 'ERR'], response: ['ERR', 'ERR'] },
  { family: '2020-12', name: 'dependentSchemas added', before: 'type: object\n', after: 'type: object\ndependentSchemas: { a: { required: [b] } }\n', version: '3.1.0', request: ['ERR', 'INFO'], response: ['INFO', 'ERR'] },
  { family: '2020-12', name: 'if/then added', before: 'type: object\n', after: 'type: object\nif: { required: [a] }\nthen: { required: [b] }\n', version: '3.1.0', request: ['ERR', 'INFO'], response: ['INFO', 'ERR'] },
  { family: '2020-12', name: 'else added', before: 'type: object\nif: { required: [a] }\n', after: 'type: object\nif: { required: [a] }\nelse: { required: [b] }\n', version: '3.1.0', request: ['ERR', 'INFO'], response: ['INFO', 'ERR'] },
  { family: '2020-12', name: 'unevaluatedProperties: false added', before: obj('  a: { type: string }\n'), after: obj('  a: { type: string }\n', 'unevaluatedProperties: false\n'), version: '3.1.0', request: ['ERR', 'INFO'], response: ['INFO', 'ERR'] },
  { family: '2020-12', name: 'unevaluatedItems: false added', before: 'type: array\nprefixItems: [{ type: string }]\n', after: 'type: array\nprefixItems: [{ type: string }]\nunevaluatedItems: false\n', version: '3.1.0', request: ['ERR', 'INFO'], response: ['INFO', 'ERR'] },
  { family: '2020-12', name: 'contentSchema added', before: 'type: string\ncontentMediaType: application/json\n', after: 'type: string\ncontentMediaType: application/json\ncontentSchema: { type: object, required: [a] }\n', version: '3.1.0', request: ['ERR', 'INFO'], response: ['INFO', 'ERR'] },
  { family: '2020-12', name: 'contentMediaType changed', before: 'type: string\ncontentMediaType: image/png\n', after: 'type: string\ncontentMediaType: image/jpeg\n', version: '3.1.0', request: ['ERR', 'ERR'], response: ['ERR', 'ERR'] },
  { family: '2020-12', name: 'contentEncoding set', before: 'type: string\n', after: 'type: string\ncontentEncoding: base64\n', version: '3.1.0', request: ['ERR', 'ERR'], response: ['ERR', 'ERR'] },
  // Deprecation of properties, judged with a 90-day notice period on 2026-01-15.
  { family: 'deprecation', name: 'a property deprecated without x-sunset', before: obj('  a: { type: string }\n'), after: obj('  a: { type: string, deprecated: true }\n'), request: ['ERR', 'INFO'], response: ['ERR', 'INFO'] },
  { family: 'deprecation', name: 'a property deprecated with a near sunset', before: obj('  a: { type: string }\n'), after: obj("  a: { type: string, deprecated: true, x-sunset: '2026-02-01' }\n"), request: ['ERR', 'INFO'], response: ['ERR', 'INFO'] },
  { family: 'deprecation', name: 'a property deprecated with a far sunset', before: obj('  a: { type: string }\n'), after: obj("  a: { type: string, deprecated: true, x-sunset: '2026-12-01' }\n"), request: ['INFO', 'INFO'], response: ['INFO', 'INFO'] },
  { family: 'deprecation', name: 'a property deprecated with an unreadable sunset', before: obj('  a: { type: string }\n'), after: obj('  a: { type: string, deprecated: true, x-sunset: soon }\n'), request: ['ERR', 'INFO'], response: ['ERR', 'INFO'] },
];
