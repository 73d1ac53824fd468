/**
 * Rules that hold for every OpenAPI description, whatever the organisation's
 * guidance: structural validity against the official schema and the generic
 * mistakes that Spectral's `spectral:oas` and Redocly's `recommended` catch,
 * named as those tools name them (docs/lint.md, "Generic rules"). They are on
 * in every profile; a playbook may still change their severity. Beside them,
 * the rules about waivers themselves.
 *
 * An error here is an error because `new` would refuse the blueprint, or
 * generate a service that cannot work from it; lint and `new` never disagree.
 */
export const GENERIC_RULES = {
  'oas3-schema': 'error',
  'path-params': 'error',
  'no-identical-paths': 'error',
  'no-ambiguous-paths': 'warn',
  'operation-operationid-unique': 'error',
  'operation-parameters-unique': 'error',
  'operation-operationid-url-safe': 'warn',
  'operation-tag-defined': 'warn',
  'security-scopes-defined': 'error',
  'operation-2xx-response': 'warn',
  'no-ref-siblings': 'warn',
  'no-unused-components': 'warn',
  'oas3-server-variables': 'error',
  'no-server-trailing-slash': 'warn',
  'no-server-example-com': 'warn',
  'typed-enum': 'warn',
  'duplicated-entry-in-enum': 'warn',
  'array-items': 'error',
  'no-required-schema-properties-undefined': 'warn',
  'nullable-type-sibling': 'warn',
  'no-script-tags-in-markdown': 'warn',
  'no-eval-in-markdown': 'warn',
  'no-unsatisfiable-schemas': 'error',
  'no-same-value-cycles': 'error',
  'no-empty-paths': 'error',
} as const;

/** About waivers (`x-lint-ignore`, the playbook's `ignore`): src/lint/waivers.ts reports them. */
export const WAIVER_RULES = {
  'ignore-unknown-rule': 'error',
  'ignore-unused': 'warn',
  'ignore-expired': 'warn',
  'ignore-not-allowed': 'error',
} as const;
