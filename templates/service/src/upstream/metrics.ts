/**
 * Upstream calls in /metrics (with the app's own registry):
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
 *
 * The two families every call adds to are kept as plain numbers per label set
 * (platform/request-metrics.ts) and written when scraped: prom-client's Counter
 * and Histogram hash and check the labels at each update, about 6% of a call's
 * own CPU (measured in-process against a bare fetch). The others change rarely and stay
 * prom-client's.
 */
import { Counter, Gauge, type Registry } from 'prom-client';
import { addTextFamilies } from '../platform/metrics.js';
import { CountedHistogram, type Series } from '../platform/request-metrics.js';
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
  'invalid-request': 'invalid_request',
};

interface CallLabels {
  upstream: string;
  operation: string;
  outcome: string;
}

export class UpstreamMetrics implements CallObserver {
  private readonly calls = new CountedHistogram<CallLabels>(
    {
      counter: 'upstream_requests_total',
      counterHelp: 'Calls to upstream APIs, by how they ended',
      histogram: 'upstream_request_duration_seconds',
      histogramHelp: 'How long calls to upstream APIs took, retries included',
    },
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  );
  /** Each label set's series, by upstream, operation and outcome, made at its first call. */
  private readonly series = new Map<string, Series>();
  private readonly retries: Counter<'upstream' | 'operation'>;
  private readonly circuit: Gauge<'upstream'>;
  private readonly tokens: Counter<'upstream' | 'outcome'>;

  constructor(registry: Registry) {
    const registers = [registry];
    addTextFamilies(registry, () => this.calls.render());
    this.retries = new Counter({ name: 'upstream_retries_total', help: 'Attempts to upstream APIs that were repeated', labelNames: ['upstream', 'operation'], registers });
    this.circuit = new Gauge({ name: 'upstream_circuit_open', help: '1 while the circuit to an upstream is open', labelNames: ['upstream'], registers });
    this.tokens = new Counter({ name: 'upstream_token_requests_total', help: 'Client-credentials token requests, by outcome', labelNames: ['upstream', 'outcome'], registers });
  }

  /** Zero series for an upstream, so dashboards see it before its first call. */
  declare(upstream: string): void {
    this.circuit.set({ upstream }, 0);
  }

  call(upstream: string, operation: string, outcome: CallOutcome, seconds: number): void {
    const key = `${upstream}\u0000${operation}\u0000${outcome}`;
    let series = this.series.get(key);
    if (series === undefined) {
      series = this.calls.createSeries({ upstream, operation, outcome: typeof outcome === 'number' ? String(outcome) : OUTCOMES[outcome] });
      this.series.set(key, series);
    }
    series.observe(seconds);
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
