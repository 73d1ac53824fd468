/**
 * Every check the diff can report, named once. Operation-level checks have a
 * fixed id; schema checks are reported as `<subject>-<kind>` (for example
 * `response-property` + `removed`), because the same comparison applies to
 * bodies, properties, parameters and headers and only the direction
 * (request or response) decides whether it breaks clients.
 *
 * docs/diff.md documents each id and kind; a test keeps the two in step.
 */

/** Checks on paths, operations, parameters, bodies, responses and security. */
export const OPERATION_CHECKS = {
  'api-path-removed': 'breaking: a path and all its operations were removed',
  'api-removed': 'breaking: an operation was removed from a path that still exists',
  'endpoint-added': 'info: an operation was added',
  'endpoint-deprecated': 'info: an operation was marked deprecated',
  'endpoint-reactivated': 'info: an operation is no longer deprecated',
  'operation-id-changed': 'warning: the operationId changed or was removed (generated clients rename the method)',
  'request-path-parameter-renamed': 'warning: a path parameter was renamed; the URL is unchanged, generated clients rename the argument',
  'request-parameter-added-required': 'breaking: a required parameter was added',
  'request-parameter-added': 'info: an optional parameter was added',
  'request-parameter-removed': 'warning: a parameter was removed; what clients send in it is ignored',
  'request-parameter-moved': 'breaking: a parameter moved to another location (`in`)',
  'request-parameter-renamed': 'breaking: a parameter was renamed (one removed and one of the same shape added)',
  'request-parameter-became-required': 'breaking: an optional parameter became required',
  'request-parameter-became-optional': 'info: a required parameter became optional',
  'request-parameter-style-changed': 'breaking: a parameter is serialised differently (style or explode)',
  'request-body-added-required': 'breaking: a required request body was added',
  'request-body-added': 'info: an optional request body was added',
  'request-body-removed': 'breaking: the request body was removed; what clients send is dropped',
  'request-body-became-required': 'breaking: the request body became required',
  'request-body-became-optional': 'info: the request body became optional',
  'request-body-media-type-removed': 'breaking: a request media type is no longer accepted',
  'request-body-media-type-added': 'info: a request media type was added',
  'response-media-type-removed': 'breaking: a response media type is no longer produced',
  'response-media-type-added': 'info: a response media type was added',
  'response-success-status-removed': 'breaking: a 1xx/2xx/3xx response (or range) was removed',
  'response-non-success-status-removed': 'warning: a 4xx/5xx or `default` response was removed',
  'response-success-status-added': 'warning: a success response was added; clients may not expect it',
  'response-non-success-status-added': 'info: an error response was added',
  'response-header-removed': 'breaking when the header was required, warning otherwise',
  'response-header-added': 'info: a response header was added',
  'response-header-became-optional': 'breaking: a required response header became optional',
  'security-added': 'breaking: an operation that allowed anonymous calls now requires authentication',
  'security-scopes-added': 'breaking: a security requirement needs more scopes',
  'security-requirement-changed': 'breaking: a way of authenticating is no longer accepted',
  'security-alternative-added': 'info: a new way of authenticating is accepted',
  'security-removed': 'info: an operation no longer requires authentication',
  'security-scheme-changed': 'breaking: a security scheme changed type, location, name or HTTP scheme',
  'security-scheme-url-changed': 'warning: an OAuth2/OpenID Connect URL of a security scheme changed',
} as const;

export type OperationCheckId = keyof typeof OPERATION_CHECKS;

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

const BOUNDS = ['max', 'min', 'max-length', 'min-length', 'max-items', 'min-items', 'max-properties', 'min-properties'] as const;
export type BoundName = (typeof BOUNDS)[number];
type BoundKind = `${BoundName}-${'decreased' | 'increased' | 'set' | 'removed'}`;

/** Severity in a request (what clients send) / in a response (what clients receive). */
export const SCHEMA_KINDS = {
  'type-changed': 'request: breaking unless widened (integer -> number); response: breaking unless narrowed',
  'format-changed': 'request: breaking unless widened (int32 -> int64) or removed; response: breaking unless narrowed or added',
  'became-nullable': 'request: info; response: breaking',
  'became-not-nullable': 'request: breaking; response: info',
  'enum-value-removed': 'request: breaking; response: info',
  'enum-value-added': 'request: info; response: warning (clients that switch over the values must handle it)',
  'became-enum': 'request: breaking; response: info',
  'enum-removed': 'request: info; response: warning',
  'pattern-added': 'request: breaking; response: info',
  'pattern-changed': 'request: breaking; response: warning',
  'pattern-removed': 'request: info; response: warning',
  'multiple-of-changed': 'request: breaking unless loosened; response: warning unless tightened',
  'unique-items-set': 'request: breaking; response: info',
  'unique-items-removed': 'request: info; response: warning',
  'additional-properties-forbidden': 'request: breaking; response: info',
  'additional-properties-allowed': 'request: info; response: warning',
  'one-of-added': 'request: info; response: warning',
  'one-of-removed': 'request: breaking; response: info',
  'any-of-added': 'request: info; response: warning',
  'any-of-removed': 'request: breaking; response: info',
  // Bounds: tightened (max decreased or set, min increased or set) breaks requests;
  // loosened is a warning in responses (clients may have sized storage to the old bound).
  ...boundKinds(),
  // Property kinds: only with the property subjects (`request-property-removed`, ...).
  removed: 'request: warning (breaking when the object forbids other properties); response: breaking',
  renamed: 'breaking (one property removed and one of the same shape added in the same object)',
  added: 'info',
  'added-required': 'request: breaking; response: info',
  'became-required': 'request: breaking; response: info',
  'became-optional': 'request: info; response: breaking',
} as const satisfies Record<string, string>;

function boundKinds(): Record<BoundKind, string> {
  const kinds = {} as Record<BoundKind, string>;
  for (const bound of BOUNDS) {
    const upper = bound.startsWith('max');
    const tighten = 'request: breaking; response: info';
    const loosen = 'request: info; response: warning';
    kinds[`${bound}-set`] = tighten;
    kinds[`${bound}-removed`] = loosen;
    kinds[`${bound}-decreased`] = upper ? tighten : loosen;
    kinds[`${bound}-increased`] = upper ? loosen : tighten;
  }
  return kinds;
}

export type SchemaKind = keyof typeof SCHEMA_KINDS;
export type SchemaCheckId = `${SchemaSubject}-${SchemaKind}`;
export type CheckId = OperationCheckId | SchemaCheckId;
