/**
 * Resilience of the calls to one upstream, with cockatiel's policies:
 *
 * - a timeout per call, retries and waiting included (so a hanging upstream
 *   costs the caller at most that long, and then a 504);
 * - retries with jittered exponential backoff (cockatiel's decorrelated
 *   jitter) for idempotent methods after a failure that may be passing
 *   (no answer, 408, 500, 502, 503, 504), and for any method after 429 or 503
 *   with Retry-After, waiting at least that long, but only when the wait fits
 *   in what is left of the timeout;
 * - a circuit breaker per upstream: after N consecutive failures (no answer,
 *   or 5xx) calls fail at once for a while, then one call tests the upstream
 *   and its success closes the circuit again.
 */
import {
  CircuitState,
  ConsecutiveBreaker,
  DelegateBackoff,
  ExponentialBackoff,
  circuitBreaker,
  handleWhen,
  handleWhenResult,
  isBrokenCircuitError,
  retry,
  TaskCancelledError,
  timeout,
  TimeoutStrategy,
  wrap,
  type CircuitBreakerPolicy,
  type IBackoff,
  type IRetryBackoffContext,
} from 'cockatiel';
import type { UpstreamSettings } from './call-settings.js';

/** What one attempt gives back: the upstream's answer (attempt.ts reads its body too). */
export interface Answered {
  response: Response;
}

/** First wait before a retry, and the longest, in milliseconds. */
const BACKOFF = { initialDelay: 100, maxDelay: 2000 };
const RETRY_IDEMPOTENT = new Set([408, 500, 502, 503, 504]);

export class UpstreamPolicies {
  private readonly breaker: CircuitBreakerPolicy;
  private openedAt = 0;

  constructor(private readonly settings: Pick<UpstreamSettings, 'timeoutMs' | 'retries' | 'breaker'>, events: BreakerEvents = {}) {
    this.breaker = circuitBreaker(
      // A token endpoint that fails is not this upstream failing.
      handleWhen((error) => !isBrokenCircuitError(error) && error.name !== 'TokenUnavailable').orWhenResult((result) => (result as Answered).response.status >= 500),
      { halfOpenAfter: settings.breaker.openMs, breaker: new ConsecutiveBreaker(settings.breaker.failures) },
    );
    this.breaker.onBreak(() => {
      this.openedAt = Date.now();
      events.onOpen?.();
    });
    this.breaker.onReset(() => events.onClose?.());
    this.breaker.onHalfOpen(() => events.onHalfOpen?.());
  }

  /** The circuit is open: calls fail at once. */
  get open(): boolean {
    return this.breaker.state === CircuitState.Open || this.breaker.state === CircuitState.Isolated;
  }

  /** Seconds until the open circuit lets a test call through (for Retry-After). */
  get secondsUntilHalfOpen(): number {
    return Math.max(1, (this.openedAt + this.settings.breaker.openMs - Date.now()) / 1000);
  }

  /**
   * Run one call's attempts. `attempt` gets a signal that aborts when the
   * call's time is up; `onRetry` is told before each repeat. Rejects with
   * cockatiel's TaskCancelledError on timeout, BrokenCircuitError when open.
   */
  run<T extends Answered>(
    call: { idempotent: boolean; timeoutMs?: number | undefined; signal?: AbortSignal | undefined },
    attempt: (signal: AbortSignal) => Promise<T>,
    onRetry: (reason: { status: number | null; delayMs: number }) => void = () => {},
  ): Promise<T> {
    const timeoutMs = call.timeoutMs ?? this.settings.timeoutMs;
    const deadline = Date.now() + timeoutMs;
    const retryAfterFits = (response: Response) => {
      const wait = retryAfterMs(response);
      return wait !== null && wait <= deadline - Date.now();
    };
    const retryPolicy = retry(
      // fetch rejects with a TypeError when there was no answer (refused, reset, DNS); aborts, timeouts and an open circuit are not retried.
      handleWhen((error) => call.idempotent && error instanceof TypeError).orWhenResult(
        (result) => {
          const { response } = result as Answered;
          const status = response.status;
          if ((status === 429 || status === 503) && response.headers.has('retry-after')) return retryAfterFits(response);
          return call.idempotent && RETRY_IDEMPOTENT.has(status);
        },
      ),
      { maxAttempts: this.settings.retries, backoff: new DelegateBackoff(honouringRetryAfter(deadline)) },
    );
    retryPolicy.onRetry((event) => onRetry({ status: 'value' in event ? (event.value as Answered).response.status : null, delayMs: event.delay }));
    // Cooperative: fetch (and reading its body) rejects as soon as the signal aborts, and no wait between
    // attempts outlasts the deadline (honouringRetryAfter), so the call ends on time without cockatiel racing
    // every call against a timer (about 40 µs a call). abortOnReturn: false: aborting a fetch that has
    // answered makes undici close its connection, so every call would open a new one.
    const policy = wrap(timeout(timeoutMs, { strategy: TimeoutStrategy.Cooperative, abortOnReturn: false }), retryPolicy, this.breaker);
    // A wait cut at the deadline ends as the timeout's own timer fires, in either order: an attempt it would
    // start then is not sent (it would be aborted at once, perhaps after reaching the upstream).
    const inTime = ({ signal }: { signal: AbortSignal }) =>
      Date.now() >= deadline ? Promise.reject(new TaskCancelledError(`no attempt started after the ${timeoutMs} ms timeout`)) : attempt(signal);
    return policy.execute(inTime, call.signal);
  }
}

export interface BreakerEvents {
  onOpen?: () => void;
  onHalfOpen?: () => void;
  onClose?: () => void;
}

/**
 * The exponential backoff's next wait, or the upstream's Retry-After when that
 * is longer; never past the call's deadline (the attempt then starts with its
 * signal aborted, and the call ends as a timeout).
 */
function honouringRetryAfter(deadline: number) {
  return (context: IRetryBackoffContext<unknown>, previous?: IBackoff<unknown>): { delay: number; state: IBackoff<unknown> } => {
    const next = previous ? previous.next(context) : new ExponentialBackoff(BACKOFF).next();
    const answered = 'value' in context.result ? (context.result.value as Answered | undefined) : undefined;
    const asked = answered?.response ? retryAfterMs(answered.response) : null;
    return { delay: Math.min(Math.max(next.duration, asked ?? 0), Math.max(0, deadline - Date.now())), state: next };
  };
}

/** Retry-After (RFC 9110 section 10.2.3) in milliseconds: delay-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(response: Response): number | null {
  const value = response.headers.get('retry-after')?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}
