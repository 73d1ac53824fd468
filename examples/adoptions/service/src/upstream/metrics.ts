/**
 * Upstream calls in /metrics (prom-client, in the app's own registry):
 *
 * - `upstream_requests_total` and `upstream_request_duration_seconds`, per
 *   upstream, operation and outcome: the status the call ended with, or
 *   `timeout`, `circuit_open`, `network_error`, `credentials_error`, `invalid_response`;
 * - `upstream_retries_total`: attempts repeated, per upstream and operation;
 * - `upstream_circuit_open`: 1 while an upstream's circuit is open;
 * - `upstream_token_requests_total`: token requests, per upstream and outcome
 *   (`issued`, `refused`, `failed`), so a token fetched for every call shows.
 *
 * Labels are the generated operation names and fixed words: nothing a caller sends.
 */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { CallObserver, CallOutcome, TokenOutcome } from './call-settings.js';

/** A failure without an answer (or with one that could not be read), as a label. */
const OUTCOMES: Record<Exclude<CallOutcome, number>, string> = {
  timeout: 'timeout',
  'circuit-open': 'circuit_open',
  unavailable: 'unavailable',
  network: 'network_error',
  status: 'status',
  credentials: 'credentials_error',
  'invalid-response': 'invalid_response',
};

export class UpstreamMetrics implements CallObserver {
  private readonly requests: Counter<'upstream' | 'operation' | 'outcome'>;
  private readonly duration: Histogram<'upstream' | 'operation' | 'outcome'>;
  private readonly retries: Counter<'upstream' | 'operation'>;
  private readonly circuit: Gauge<'upstream'>;
  private readonly tokens: Counter<'upstream' | 'outcome'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.requests = new Counter({ name: 'upstream_requests_total', help: 'Calls to upstream APIs, by how they ended', labelNames: ['upstream', 'operation', 'outcome'], registers });
    this.duration = new Histogram({
      name: 'upstream_request_duration_seconds',
      help: 'How long calls to upstream APIs took, retries included',
      labelNames: ['upstream', 'operation', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.retries = new Counter({ name: 'upstream_retries_total', help: 'Attempts to upstream APIs that were repeated', labelNames: ['upstream', 'operation'], registers });
    this.circuit = new Gauge({ name: 'upstream_circuit_open', help: '1 while the circuit to an upstream is open', labelNames: ['upstream'], registers });
    this.tokens = new Counter({ name: 'upstream_token_requests_total', help: 'Client-credentials token requests, by outcome', labelNames: ['upstream', 'outcome'], registers });
  }

  /** Zero series for an upstream, so dashboards see it before its first call. */
  declare(upstream: string): void {
    this.circuit.set({ upstream }, 0);
  }

  call(upstream: string, operation: string, outcome: CallOutcome, seconds: number): void {
    const labels = { upstream, operation, outcome: typeof outcome === 'number' ? String(outcome) : OUTCOMES[outcome] };
    this.requests.inc(labels);
    this.duration.observe(labels, seconds);
  }

  retry(upstream: string, operation: string): void {
    this.retries.inc({ upstream, operation });
  }

  circuitOpen(upstream: string, open: boolean): void {
    this.circuit.set({ upstream }, open ? 1 : 0);
  }

  token(upstream: string, outcome: TokenOutcome): void {
    this.tokens.inc({ upstream, outcome });
  }
}
