/**
 * The built-in default playbook: the guidance of ../shared/PLAYBOOK-RULES.md
 * (Apprenticeship Service profile: PascalCase, `?page=N`, RFC 9457 problems,
 * `/v1` in the path). A test checks this table against that document.
 */
import type { Envelope, PlaybookSettings, PropertyCasing, RuleSetting } from './types.js';
import { DEFAULT_WAIVER_POLICY } from './waivers.js';
import { GENERIC_RULES, WAIVER_RULES } from './generic-rules.js';

/** Every built-in rule and its default setting (E = error, W = warn, I = info). */
export const BUILT_IN_RULES = {
  // Document
  'openapi-version-3': 'error',
  'info-metadata': 'warn',
  'servers-https': 'error',
  'operation-documented': 'warn',
  'examples-valid': 'warn',
  // Resources and naming
  'path-kebab-case': 'error',
  'path-no-trailing-slash': 'error',
  'path-no-verbs': 'warn',
  'path-max-depth': 'warn',
  'path-collections-plural': 'info',
  'no-id-in-query': 'error',
  'no-action-in-query': 'warn',
  'get-no-request-body': 'error',
  'one-uri-per-resource': 'warn',
  'no-system-keys': 'warn',
  // Representations
  'json-media-type': 'warn',
  'response-top-level-object': 'error',
  'no-data-derived-keys': 'warn',
  'property-casing': 'error',
  'date-time-format': 'warn',
  'geo-geojson': 'info',
  'numeric-format': 'warn',
  'charset-utf8': 'info',
  // Collections, paging, links
  'paging-page-param': 'warn',
  'paging-mandatory-400': 'info',
  'collection-envelope': 'warn',
  'link-object-shape': 'warn',
  // Errors
  'error-responses-defined': 'error',
  'error-body-schema': 'error',
  'error-no-internals': 'warn',
  // Versions and security
  'versioning-strategy': 'warn',
  'security-defined': 'error',
  'security-internal-oauth2-cc': 'warn',
  'security-external-subscription-key': 'warn',
  'no-http-basic': 'error',
  'rate-limit-documented': 'warn',
  // About the findings themselves: an `x-lint-ignore` or playbook ignore without a reason.
  'ignore-without-reason': 'warn',
  ...WAIVER_RULES,
  // Generic OpenAPI correctness (generic-rules.ts), on in every profile.
  ...GENERIC_RULES,
} as const satisfies Record<string, Exclude<RuleSetting, 'off'>>;

export type BuiltInRuleId = keyof typeof BUILT_IN_RULES;

export const DEFAULT_SYSTEM_KEYS: readonly string[] = [
  'pk$',
  'fk$',
  '^row_?(id|guid|version|num(ber)?)$',
  '^tbl',
  '^(sys|db|sql)_?(id|key|row)',
  '^identity_?col',
];

export function envelopeFor(casing: PropertyCasing): Envelope {
  const name = (word: string): string => (casing === 'pascal' ? word[0]!.toUpperCase() + word.slice(1) : word);
  return { page: name('page'), items: null, links: name('links'), rel: name('rel'), href: name('href'), type: name('type') };
}

/**
 * The error body each `profile.errorShape` stands for, shared by the lint
 * rules and the generated service. Member names of `playbook` follow the
 * property casing profile (`Message` in PascalCase).
 */
export const ERROR_SHAPES = {
  problem: { mediaType: 'application/problem+json', members: ['type', 'title', 'status', 'detail', 'instance'] },
  playbook: { mediaType: 'application/json', members: ['message', 'errors'] },
} as const;

/** The built-in playbook before hashing; `resolvePlaybook` turns a file into the same shape. */
export const DEFAULT_SETTINGS: PlaybookSettings = {
  rules: { ...BUILT_IN_RULES, 'examples-valid': 'off' },
  ruleOptions: {},
  profile: { propertyCasing: 'pascal', paging: 'page', errorShape: 'problem', versioning: 'path' },
  envelope: envelopeFor('pascal'),
  paging: { pageSize: 20, unpagedMaximum: 100 },
  bodyLimitBytes: 1_048_576,
  subscriptionKeyHeader: 'Ocp-Apim-Subscription-Key',
  rateLimit: { max: 100, windowSeconds: 60 },
  templates: null,
  customRules: [],
  ignore: [],
  waivers: DEFAULT_WAIVER_POLICY,
  overrides: [],
  systemKeys: DEFAULT_SYSTEM_KEYS,
  examples: { validate: false },
  vars: {},
  spectralRulesets: [],
  deprecationNoticeDays: 0,
};
