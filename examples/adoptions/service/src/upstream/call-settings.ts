/**
 * What an upstream call needs to know, as types only: how the upstream is
 * reached and authenticated, and who is told about calls (measures) and
 * failures (the log). The service fills these from its environment
 * (settings.ts, metrics.ts); design-first's TypeScript client package, which
 * carries the same call runtime, from the options its user passes.
 */

/** What the generated client says about its upstream (src/generated/upstreams/<name>/client.ts). */
export interface UpstreamDescription {
  name: string;
  title: string;
  envPrefix: string;
  /** Some operation is secured by oauth2, openIdConnect or http bearer: OAuth2 client credentials are needed. */
  token: boolean;
  /** Some operation is secured by a subscription key in this header; null when none is. */
  subscriptionKeyHeader: string | null;
}

export interface UpstreamSettings {
  name: string;
  /** `live`: calls go over HTTP; `mock`: they are answered in-process from the blueprint's examples. */
  mode: 'live' | 'mock';
  /** The base URL the blueprint's paths are appended to (no trailing slash). */
  baseUrl: string;
  /** The most a call may take, retries and waiting included. */
  timeoutMs: number;
  /** How many times a failed call may be repeated. */
  retries: number;
  /** Consecutive failures that open the circuit, and how long it stays open before one call may test it. */
  breaker: { failures: number; openMs: number };
  /** Part of /health/ready: the service is not ready while this upstream's circuit is open. */
  critical: boolean;
  token: TokenSettings | null;
  subscriptionKey: { header: string; key: string } | null;
}

export interface TokenSettings {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope: string | null;
  audience: string | null;
  /** How the client authenticates to the token endpoint (RFC 6749 section 2.3.1). */
  clientAuth: 'basic' | 'post';
  /** http:// token URLs: only for a loopback address, or outside production. */
  allowHttp: boolean;
  timeoutMs: number;
}

export type TokenOutcome = 'issued' | 'refused' | 'failed';

/** How a call ended, for measures: the status it was answered with, or why there was no usable answer. */
export type CallOutcome = number | 'timeout' | 'circuit-open' | 'unavailable' | 'network' | 'status' | 'credentials' | 'invalid-response' | 'invalid-request';

/** Told about every call, retry, circuit change and token request (the service's /metrics). */
export interface CallObserver {
  declare(upstream: string): void;
  call(upstream: string, operation: string, outcome: CallOutcome, seconds: number): void;
  retry(upstream: string, operation: string): void;
  circuitOpen(upstream: string, open: boolean): void;
  token(upstream: string, outcome: TokenOutcome): void;
}

/** Where failures and circuit changes are logged (pino, through Fastify, in the service). */
export interface CallLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}
