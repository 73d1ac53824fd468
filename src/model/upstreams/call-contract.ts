/**
 * The upstream call contract: what the generator writes into each upstream's
 * generated client (src/generated/upstreams/<name>/client.ts) and the
 * service's outbound-call runtime (src/upstream/) reads. The service keeps its
 * own copy (templates/service/src/upstream/call-contract.ts), because a
 * generated service cannot import the generator; test/seams/upstream-contract.test.ts
 * fails to compile when the two drift apart. Data only, no imports.
 */

/** How one operation of an upstream is called. */
export interface UpstreamCallSpec {
  /** The method name on the typed client (the operation's identifier). */
  operation: string;
  /** Upper case. */
  method: string;
  /** The blueprint's path template (`/pets/{petId}`), appended to the upstream's base URL. */
  path: string;
  /** GET, HEAD, OPTIONS, PUT, DELETE, TRACE: safe to repeat after a failure that may have reached the upstream. */
  idempotent: boolean;
  /** The statuses a call returns to the handler; every other status is an UpstreamError. */
  returns: ReturnedStatuses;
  /** Which credentials the call sends (the first alternative of the operation's security this service can meet). */
  credentials: { token: boolean; subscriptionKey: boolean };
  /** The media type a body is sent in; null when the operation takes no body. */
  bodyMediaType: string | null;
  /** How a successful answer is read: JSON, or as text for other media types. */
  parseAs: 'json' | 'text';
  /** Query serialisation for lists and objects, when the operation's parameters ask for other than form/explode. */
  query: QuerySerialisation | null;
  /** For path keys that select an operation by a header or query value (`/#X-Amz-Target=Service.Action`). */
  dispatch: { in: 'header' | 'query'; name: string; value: string | null } | null;
  /** What the call answers in mock mode: the upstream blueprint's example (or a valid sample) of its success response. */
  mock: UpstreamMockAnswer;
}

/**
 * Declared responses below 500, except 401, 403, 407 and 429 (they say this
 * service's credentials or rate are wrong, not the caller's request): exact
 * codes, classes (`4` for `4XX`), and whether `default` covers the rest.
 */
export interface ReturnedStatuses {
  codes: number[];
  classes: number[];
  default: boolean;
}

export interface QuerySerialisation {
  array?: { style: 'form' | 'spaceDelimited' | 'pipeDelimited'; explode: boolean };
  object?: { style: 'form' | 'deepObject'; explode: boolean };
}

export interface UpstreamMockAnswer {
  status: number;
  contentType: string | null;
  body: unknown;
}
