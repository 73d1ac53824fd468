/**
 * What a failed call throws: an ApiError, saying why (`failure`), the status
 * the API answered with when it did, and its problem details when it sent
 * application/problem+json. Statuses the API declares for an operation (below
 * 500, except 401, 403, 407 and 429) are returned by the call instead, typed.
 */

/** Why a call failed. */
export type UpstreamFailure =
  /** The call took longer than its timeout, retries and waiting included. */
  | 'timeout'
  /** The circuit is open after repeated failures; the call was not made. */
  | 'circuit-open'
  /** The API answered 503 or 429, still after the retries the call allowed. */
  | 'unavailable'
  /** No answer: connection refused or reset, DNS, TLS. */
  | 'network'
  /** An answer with a status the call does not return (5xx, 401, 403, 429, or one the API does not declare). */
  | 'status'
  /** The token endpoint refused the client credentials, or did not answer. */
  | 'credentials'
  /** A success whose body could not be read as declared. */
  | 'invalid-response'
  /** Not sent: a path parameter of `.` or `..` would have addressed another path of the API. */
  | 'invalid-request';

/** RFC 9457 problem details, as far as the members have the types the RFC gives them. */
export interface UpstreamProblem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  [member: string]: unknown;
}

export class ApiError extends Error {
  /** The API, as the package names it. */
  readonly api: string;
  /** The client method that failed. */
  readonly operation: string;
  readonly failure: UpstreamFailure;
  /** The status the API answered with; null when it did not answer. */
  readonly status: number | null;
  readonly problem: UpstreamProblem | null;
  /** Seconds the API asked to wait (Retry-After), or until an open circuit lets a call through; null otherwise. */
  readonly retryAfterSeconds: number | null;

  constructor(options: {
    upstream: string;
    operation: string;
    failure: UpstreamFailure;
    reason: string;
    upstreamStatus?: number | null;
    problem?: UpstreamProblem | null;
    retryAfterSeconds?: number | null;
  }) {
    super(`${options.upstream} ${options.operation}: ${options.reason}`);
    this.name = 'ApiError';
    this.api = options.upstream;
    this.operation = options.operation;
    this.failure = options.failure;
    this.status = options.upstreamStatus ?? null;
    this.problem = options.problem ?? null;
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
  }
}

/** The name the call runtime (call.ts, shared with design-first services) knows it by. */
export { ApiError as UpstreamError };

/** The problem details in a body, when its media type says problem+json; members of the wrong type are left out. */
export function problemOf(body: unknown, contentType: string | null): UpstreamProblem | null {
  if (contentType === null || !/^application\/problem\+json\s*(;|$)/i.test(contentType)) return null;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return null;
  const problem: UpstreamProblem = {};
  for (const [member, value] of Object.entries(body)) {
    if (member === '__proto__') continue;
    const expected = member === 'status' ? 'number' : ['type', 'title', 'detail', 'instance'].includes(member) ? 'string' : null;
    if (expected === null || typeof value === expected) problem[member] = value;
  }
  return problem;
}
