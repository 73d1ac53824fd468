/**
 * What a failed upstream call throws. UpstreamError is a ProblemError, so a
 * handler that does not catch it answers its caller 502, 503 or 504 in the
 * service's error shape (platform/errors.ts), in this service's own words:
 * the upstream's name, body and messages are logged, never sent on.
 */
import { ProblemError } from '../platform/problem.js';

/** Why a call failed. */
export type UpstreamFailure =
  /** The call took longer than its timeout (retries and waiting included): 504. */
  | 'timeout'
  /** The circuit is open after repeated failures; the call was not made: 503. */
  | 'circuit-open'
  /** The upstream answered 503 or 429, still after the retries the call allowed: 503. */
  | 'unavailable'
  /** No answer: connection refused or reset, DNS, TLS: 502. */
  | 'network'
  /** An answer with a status the call does not return (5xx, 401, 403, 429, or one the blueprint does not declare): 502, or 504 for the upstream's own 504. */
  | 'status'
  /** The upstream's token endpoint refused or did not answer: 502. */
  | 'credentials'
  /** A success whose body could not be read as declared (not JSON, say): 502. */
  | 'invalid-response'
  /** Not sent: a path parameter of `.` or `..` would have addressed another path of the upstream: 502. */
  | 'invalid-request';

/**
 * An RFC 9457 problem an upstream sent (`application/problem+json`), as far
 * as its members have the types the RFC gives them. For the handler to
 * inspect; never forwarded as it is.
 */
export interface UpstreamProblem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  /** Extension members, as sent. */
  [member: string]: unknown;
}

const DETAILS: Record<502 | 503 | 504, string> = {
  502: 'A service this API depends on failed to give a usable answer. Try again later.',
  503: 'A service this API depends on is unavailable at the moment. Try again later.',
  504: 'A service this API depends on did not answer in time. Try again later.',
};

export class UpstreamError extends ProblemError {
  /** The upstream, as named with --upstream. */
  readonly upstream: string;
  /** The client method (the upstream's operation) that failed. */
  readonly operation: string;
  readonly failure: UpstreamFailure;
  /** The status the upstream answered with; null when it did not answer. */
  readonly upstreamStatus: number | null;
  /** The upstream's problem details, when its answer was application/problem+json; null otherwise. */
  readonly problem: UpstreamProblem | null;

  constructor(options: {
    upstream: string;
    operation: string;
    failure: UpstreamFailure;
    /** What happened, for the log (never sent to the caller). */
    reason: string;
    upstreamStatus?: number | null;
    problem?: UpstreamProblem | null;
    /** Seconds after which the caller may try again (503). */
    retryAfterSeconds?: number | null;
  }) {
    const status = statusFor(options.failure, options.upstreamStatus ?? null);
    const retryAfter = status === 503 && options.retryAfterSeconds != null ? { 'retry-after': String(Math.max(1, Math.ceil(options.retryAfterSeconds))) } : undefined;
    super(status, DETAILS[status], retryAfter ? { headers: retryAfter } : {});
    this.name = 'UpstreamError';
    this.message = `upstream ${options.upstream} ${options.operation}: ${options.reason}`;
    this.upstream = options.upstream;
    this.operation = options.operation;
    this.failure = options.failure;
    this.upstreamStatus = options.upstreamStatus ?? null;
    this.problem = options.problem ?? null;
  }
}

function statusFor(failure: UpstreamFailure, upstreamStatus: number | null): 502 | 503 | 504 {
  if (failure === 'timeout' || (failure === 'status' && upstreamStatus === 504)) return 504;
  if (failure === 'circuit-open' || failure === 'unavailable') return 503;
  return 502;
}

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
