/**
 * The two request families of /metrics, `http_requests_total` (a counter) and
 * `http_request_duration_seconds` (a histogram), kept as plain numbers per
 * label set and written in the Prometheus text format when scraped.
 *
 * Why not prom-client's Counter and Histogram: they hash and validate the
 * labels on every update, even through a labels() child, which cost about a
 * microsecond per request, a tenth of a whole GET in the serving benchmark.
 * Here a request adds to numbers found by its route's meter; the text is
 * written per scrape, where the cost does not matter. prom-client still
 * writes Node's process metrics, in the same answer. The upstream calls'
 * families (upstream/metrics.ts) are kept the same way.
 */

/** Upper bounds of the request histogram's buckets, in seconds (prom-client's defaults). */
export const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

export interface Labels {
  version: string;
  operation: string;
  status: string;
  client: string;
}

/** The measures of one label set. */
export class Series {
  count = 0;
  sum = 0;
  /** Observations per bucket (not cumulative); the last slot holds those above every bound. */
  readonly buckets: Float64Array;

  constructor(
    readonly labels: string,
    private readonly bounds: readonly number[],
  ) {
    this.buckets = new Float64Array(bounds.length + 1);
  }

  observe(seconds: number): void {
    this.count += 1;
    this.sum += seconds;
    let bucket = 0;
    while (bucket < this.bounds.length && seconds > this.bounds[bucket]!) bucket += 1;
    this.buckets[bucket]! += 1;
  }
}

/** The names and help texts of a counted histogram's two families. */
export interface FamilyNames {
  counter: string;
  counterHelp: string;
  histogram: string;
  histogramHelp: string;
}

/**
 * A counter and a histogram of the same observations (how many, and how long
 * they took), by one set of labels, kept as plain numbers per label set and
 * written in the Prometheus text format (version 0.0.4), as prom-client
 * writes its own, when scraped.
 */
export class CountedHistogram<L extends object> {
  private readonly series: Series[] = [];

  constructor(
    private readonly names: FamilyNames,
    private readonly bounds: readonly number[],
  ) {}

  /** A new label set; its values are escaped once, here. */
  createSeries(labels: L): Series {
    const text = Object.entries(labels)
      .map(([name, value]) => `${name}="${escapeLabelValue(String(value))}"`)
      .join(',');
    const series = new Series(text, this.bounds);
    this.series.push(series);
    return series;
  }

  render(): string {
    const { counter, counterHelp, histogram, histogramHelp } = this.names;
    const lines = [
      `# HELP ${counter} ${counterHelp}`,
      `# TYPE ${counter} counter`,
      ...this.series.map((series) => `${counter}{${series.labels}} ${series.count}`),
      '',
      `# HELP ${histogram} ${histogramHelp}`,
      `# TYPE ${histogram} histogram`,
    ];
    for (const series of this.series) {
      let cumulative = 0;
      this.bounds.forEach((bound, index) => {
        cumulative += series.buckets[index]!;
        lines.push(`${histogram}_bucket{le="${bound}",${series.labels}} ${cumulative}`);
      });
      lines.push(`${histogram}_bucket{le="+Inf",${series.labels}} ${series.count}`);
      lines.push(`${histogram}_sum{${series.labels}} ${series.sum}`);
      lines.push(`${histogram}_count{${series.labels}} ${series.count}`);
    }
    return `${lines.join('\n')}\n`;
  }
}

/** The two request families: `http_requests_total` and `http_request_duration_seconds`. */
export class RequestMetrics extends CountedHistogram<Labels> {
  constructor() {
    super(
      {
        counter: 'http_requests_total',
        counterHelp: 'Requests answered, by version, operation, status and client.',
        histogram: 'http_request_duration_seconds',
        histogramHelp: 'Time from receiving a request to sending its answer, by version, operation, status and client.',
      },
      BUCKETS,
    );
  }
}

/** Label values may hold anything a client name or a URL holds: backslash, quote and line feed are escaped. */
function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
