/** JSON Schema (draft-07) of a playbook file; docs/playbook.md describes each field. */
import { ESTATE_SCHEMA } from './estate-policy.js';
import { DATE_PATTERN, WAIVERS_SCHEMA } from './waivers.js';

const name = { type: 'string', minLength: 1, pattern: '^[A-Za-z_$][A-Za-z0-9_$-]*$' };
const positiveInteger = { type: 'integer', minimum: 1 };

import { RULE_ID_PATTERN } from './rule-id.js';
import { OVERRIDES_SCHEMA } from './overrides.js';

export { RULE_ID_PATTERN };

const SEVERITIES = ['error', 'warn', 'info', 'off'];
/** A playbook's version: numbers separated by dots (semver or a calendar version, `2026.1.0`), optionally `-pre` or `+build`. */
export const VERSION_PATTERN = '^\\d+(\\.\\d+)*([-+][0-9A-Za-z.-]+)?$';

export const PLAYBOOK_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  additionalProperties: false,
  properties: {
    // What `design-first estate status` holds services to (estate-policy.ts, docs/estate.md).
    estate: ESTATE_SCHEMA,
    name: { type: 'string', minLength: 1, maxLength: 214, pattern: '^[^\\s]+$' },
    version: { type: 'string', pattern: VERSION_PATTERN },
    // Anything the playbook's templates read as `vars.*`: names, URLs, contacts.
    vars: { type: 'object' },
    extends: {
      anyOf: [
        { type: 'string', minLength: 1 },
        { type: 'array', items: { type: 'string', minLength: 1 } },
      ],
    },
    rules: {
      type: 'object',
      propertyNames: { pattern: RULE_ID_PATTERN },
      // `rule-id: warn`, or `rule-id: { severity: warn, options: {...} }` for a rule that takes options.
      additionalProperties: {
        if: { type: 'string' },
        then: { enum: SEVERITIES },
        else: {
          type: 'object',
          additionalProperties: false,
          required: ['severity'],
          properties: { severity: { enum: SEVERITIES }, options: {} },
        },
      },
    },
    profile: {
      type: 'object',
      additionalProperties: false,
      properties: {
        propertyCasing: { enum: ['pascal', 'camel', 'snake'] },
        paging: { enum: ['page', 'offset', 'cursor'] },
        errorShape: { enum: ['problem', 'playbook'] },
        versioning: { enum: ['path', 'header', 'media-type'] },
      },
    },
    envelope: {
      type: 'object',
      additionalProperties: false,
      properties: { page: name, items: name, links: name, rel: name, href: name, type: name },
    },
    paging: {
      type: 'object',
      additionalProperties: false,
      properties: { pageSize: positiveInteger, unpagedMaximum: positiveInteger },
    },
    bodyLimitBytes: positiveInteger,
    subscriptionKeyHeader: { type: 'string', pattern: "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$" },
    rateLimit: {
      type: 'object',
      additionalProperties: false,
      properties: { max: positiveInteger, windowSeconds: positiveInteger },
    },
    templates: { type: 'string', minLength: 1 },
    customRules: { type: 'array', items: { type: 'string', minLength: 1 } },
    ignore: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['rule', 'pointer'],
        properties: {
          rule: { type: 'string', pattern: RULE_ID_PATTERN },
          pointer: { type: 'string', pattern: '^(/.*)?$' },
          reason: { type: 'string' },
          expires: { type: 'string', pattern: DATE_PATTERN },
        },
      },
    },
    waivers: WAIVERS_SCHEMA,
    overrides: OVERRIDES_SCHEMA,
    systemKeys: { type: 'array', items: { type: 'string', minLength: 1 } },
    examples: {
      type: 'object',
      additionalProperties: false,
      properties: { validate: { type: 'boolean' } },
    },
    deprecationNoticeDays: { type: 'integer', minimum: 0 },
  },
} as const;
