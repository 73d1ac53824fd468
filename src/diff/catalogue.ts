/**
 * Every check the diff can report, named once. Operation-level checks have a
 * fixed id; schema checks are reported as `<subject>-<kind>` (for example
 * `response-property` + `removed`, kinds in schema-kinds.ts), because the same
 * comparison applies to bodies, properties, parameters and headers and only
 * the direction (request or response) decides whether it breaks clients.
 * Ids follow oasdiff's (checker/rules.go) where the check is the same.
 *
 * docs/diff.md's tables are generated from these (rules-table.ts); a test keeps them in step.
 */
import type { Severity } from './severity.js';
import type { Grade, SchemaKind } from './schema-kinds.js';

export interface CheckInfo {
  readonly severity: Grade;
  readonly what: string;
}

export interface CheckFamily {
  readonly title: string;
  readonly checks: Readonly<Record<string, CheckInfo>>;
}

const check = (severity: Severity | 'varies', what: string): CheckInfo => ({ severity, what });

/** Checks on paths, operations, parameters, bodies, responses, security and webhooks, by family. */
export const CHECK_FAMILIES = {
  operations: {
    title: 'Paths and operations',
    checks: {
      'api-path-removed-without-deprecation': check('breaking', 'a path was removed with operations that were not deprecated'),
      'api-removed-without-deprecation': check('breaking', 'an operation that was not deprecated was removed from a path that still exists'),
      'endpoint-added': check('info', 'an operation was added'),
      'operation-id-changed': check('warning', 'the operationId changed or was removed (generated clients rename the method)'),
      'request-path-parameter-renamed': check('warning', 'a path parameter was renamed; the URL is unchanged, generated clients rename the argument'),
      'api-tag-added': check('info', 'an operation gained a tag'),
      'api-tag-removed': check('info', 'an operation lost a tag'),
      'api-schema-removed': check('info', 'a component schema was removed (changes where it was used are reported there)'),
    },
  },
  lifecycle: {
    title: 'Deprecation, sunset and stability of operations',
    checks: {
      'api-path-removed-with-deprecation': check('info', 'a path whose operations were all deprecated was removed, on or after their sunset dates'),
      'api-path-removed-before-sunset': check('breaking', 'a path was removed before the sunset date of a deprecated operation'),
      'api-removed-with-deprecation': check(
        'info',
        'a deprecated operation was removed on or after its sunset date (or, without a notice period, with no sunset date)',
      ),
      'api-removed-before-sunset': check('breaking', 'a deprecated operation was removed before its sunset date'),
      'api-path-sunset-parse': check('breaking', "a removed operation's `x-sunset` is not a date"),
      'endpoint-deprecated': check('info', 'an operation was deprecated'),
      'endpoint-deprecated-with-sunset': check('info', 'an operation was deprecated with a sunset date far enough away'),
      'endpoint-reactivated': check('info', 'an operation is no longer deprecated'),
      'api-deprecated-sunset-missing': check('breaking', 'an operation was deprecated without `x-sunset`, and the playbook asks for a notice period'),
      'api-deprecated-sunset-parse': check('breaking', "a deprecated operation's `x-sunset` is not a date"),
      'api-sunset-date-too-small': check('breaking', "a deprecated operation's sunset is sooner than the playbook's notice period"),
      'sunset-deleted': check('breaking', "a deprecated operation's `x-sunset` was removed"),
      'api-sunset-date-changed-too-small': check('breaking', "a deprecated operation's sunset moved earlier, sooner than the notice period"),
      'api-stability-decreased': check('breaking', "an operation's `x-stability-level` went down (stable -> beta -> alpha -> draft)"),
      'api-stability-increased': check('info', "an operation's `x-stability-level` went up"),
      'api-invalid-stability-level': check('breaking', "an operation's `x-stability-level` is not draft, alpha, beta or stable"),
    },
  },
  parameters: {
    title: 'Parameters',
    checks: {
      'request-parameter-added-required': check('breaking', 'a required parameter was added'),
      'request-parameter-added': check('info', 'an optional parameter was added'),
      'request-parameter-removed': check('warning', 'a parameter that was not deprecated was removed; what clients send in it is ignored'),
      'request-parameter-moved': check('breaking', 'a parameter moved to another location (`in`)'),
      'request-parameter-renamed': check(
        'varies',
        'one parameter removed and one of the same shape added in the same place: as severe as the worse of the two (breaking when the new one is required)',
      ),
      'request-parameter-became-required': check('breaking', 'an optional parameter became required'),
      'request-parameter-became-optional': check('info', 'a required parameter became optional'),
      'request-parameter-style-changed': check('breaking', 'a parameter is serialised in another style'),
      'request-parameter-explode-changed': check('breaking', 'an array or object parameter changed `explode` (the values are written differently)'),
      'request-parameter-deprecated': check('info', 'a parameter was deprecated'),
      'request-parameter-reactivated': check('info', 'a parameter is no longer deprecated'),
      'request-parameter-deprecated-sunset-missing': check(
        'breaking',
        'a parameter was deprecated without `x-sunset`, and the playbook asks for a notice period',
      ),
      'request-parameter-sunset-parse': check('breaking', "a deprecated parameter's `x-sunset` is not a date"),
      'request-parameter-sunset-date-too-small': check('breaking', "a deprecated parameter's sunset is sooner than the playbook's notice period"),
      'request-parameter-sunset-deleted': check('breaking', "a deprecated parameter's `x-sunset` was removed"),
      'request-parameter-sunset-date-changed-too-small': check('breaking', "a deprecated parameter's sunset moved earlier, sooner than the notice period"),
      'request-parameter-removed-with-deprecation': check('info', 'a deprecated parameter was removed on or after its sunset date'),
      'request-parameter-removed-before-sunset': check('breaking', 'a deprecated parameter was removed before its sunset date'),
    },
  },
  bodies: {
    title: 'Request bodies and media types',
    checks: {
      'request-body-added-required': check('breaking', 'a required request body was added'),
      'request-body-added': check('info', 'an optional request body was added'),
      'request-body-removed': check('breaking', 'the request body was removed; what clients send is dropped'),
      'request-body-became-required': check('breaking', 'the request body became required'),
      'request-body-became-optional': check('info', 'the request body became optional'),
      'request-body-media-type-removed': check('breaking', 'a request media type is no longer accepted'),
      'request-body-media-type-added': check('info', 'a request media type was added'),
      'request-body-media-type-name-generalized': check(
        'info',
        'a request media type was replaced by one that covers it (`application/json` -> `application/*`, a parameter dropped)',
      ),
      'request-body-media-type-name-specialized': check(
        'breaking',
        'a request media type was replaced by a narrower one (`application/*` -> `application/json`, a parameter added)',
      ),
      'request-body-media-type-name-changed': check('warning', "a request media type's parameters changed (`charset=utf-8` -> `charset=latin1`)"),
      'request-body-media-type-schema-added': check('breaking', 'a request media type without a schema (anything goes) gained one'),
      'request-body-media-type-schema-removed': check('info', 'a request media type lost its schema (anything goes)'),
    },
  },
  responses: {
    title: 'Responses',
    checks: {
      'response-media-type-removed': check('breaking', 'a response media type is no longer produced'),
      'response-media-type-added': check('info', 'a response media type was added'),
      'response-media-type-name-generalized': check('breaking', 'a response media type was replaced by one that covers it: clients may receive another type'),
      'response-media-type-name-specialized': check('info', 'a response media type was replaced by a narrower one'),
      'response-media-type-name-changed': check('warning', "a response media type's parameters changed"),
      'response-body-media-type-schema-added': check('info', 'a response media type without a schema gained one'),
      'response-body-media-type-schema-removed': check('breaking', 'a response media type lost its schema: clients may receive anything'),
      'response-success-status-removed': check('breaking', 'a 1xx/2xx/3xx response (or range) was removed'),
      'response-non-success-status-removed': check('warning', 'a 4xx/5xx or `default` response was removed'),
      'response-success-status-added': check('warning', 'a success response was added; clients may not expect it'),
      'response-non-success-status-added': check('info', 'an error response was added'),
      'response-header-removed': check('varies', 'a response header was removed: breaking when it was required, a warning otherwise'),
      'response-header-added': check('info', 'a response header was added'),
      'response-header-became-optional': check('breaking', 'a required response header became optional'),
    },
  },
  security: {
    title: 'Security',
    checks: {
      'security-added': check('breaking', 'an operation that allowed anonymous calls now requires authentication'),
      'security-scopes-added': check('breaking', 'a security requirement needs more scopes'),
      'security-scopes-removed': check('info', 'a security requirement needs fewer scopes'),
      'security-requirement-changed': check('breaking', 'a way of authenticating is no longer accepted'),
      'security-alternative-added': check('info', 'a new way of authenticating is accepted'),
      'security-removed': check('info', 'an operation no longer requires authentication'),
      'api-security-component-added': check('info', 'a security scheme was added to `components`'),
      'api-security-component-removed': check(
        'varies',
        'a security scheme was removed from `components`: breaking when a requirement still names it, info otherwise',
      ),
      'api-security-component-type-changed': check('breaking', "a security scheme's type changed"),
      'security-scheme-changed': check('breaking', "a security scheme's location, name, HTTP scheme or bearer format changed, or it lost an OAuth flow"),
      'api-security-component-flow-added': check('info', 'a security scheme gained an OAuth flow'),
      'api-security-component-oauth-url-changed': check('warning', "an OAuth flow's authorizationUrl or refreshUrl changed"),
      'api-security-component-oauth-token-url-changed': check('warning', "an OAuth flow's tokenUrl changed"),
      'api-security-component-openid-url-changed': check('warning', "an OpenID Connect scheme's openIdConnectUrl changed"),
      'api-security-component-oauth-scope-added': check('info', 'an OAuth flow gained a scope'),
      'api-security-component-oauth-scope-removed': check(
        'varies',
        'an OAuth flow lost a scope: breaking when a requirement still asks for it, a warning otherwise',
      ),
      'api-security-component-oauth-scope-changed': check('info', "an OAuth scope's description changed"),
    },
  },
  webhooks: {
    title: 'Webhooks and callbacks',
    checks: {
      'webhook-added': check('info', 'a webhook (or an operation of one) was added'),
      'webhook-removed': check('breaking', 'a webhook (or an operation of one) was removed: subscribers waiting for it get nothing'),
      'callback-added': check('info', 'a callback (or an operation of one) was added to an operation'),
      'callback-removed': check('breaking', 'a callback (or an operation of one) was removed: clients waiting for it get nothing'),
    },
  },
} as const satisfies Record<string, CheckFamily>;

type Families = typeof CHECK_FAMILIES;
export type OperationCheckId = { [F in keyof Families]: keyof Families[F]['checks'] }[keyof Families] & string;

/** Every operation-level check, id -> severity and meaning. */
export const OPERATION_CHECKS: Readonly<Record<OperationCheckId, CheckInfo>> = Object.fromEntries(
  Object.values(CHECK_FAMILIES).flatMap((family) => Object.entries(family.checks)),
) as Record<OperationCheckId, CheckInfo>;

/** What a schema comparison was applied to; the first part of a schema check id. */
export const SCHEMA_SUBJECTS = [
  'request-body',
  'request-property',
  'request-parameter',
  'request-parameter-property',
  'response-body',
  'response-property',
  'response-header',
  'response-header-property',
] as const;

export type SchemaSubject = (typeof SCHEMA_SUBJECTS)[number];
export type SchemaCheckId = `${SchemaSubject}-${SchemaKind}`;
export type CheckId = OperationCheckId | SchemaCheckId;
export type { BoundName, Grade, SchemaKind } from './schema-kinds.js';
export { BOUNDS, SCHEMA_KINDS } from './schema-kinds.js';
