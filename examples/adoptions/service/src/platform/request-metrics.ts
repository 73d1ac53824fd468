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
 * writes Node's process metrics, in the same answer.
 */

/** Upper bounds of the histogram's buckets, in seconds (prom-client's defaults). */
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
  /** Requests per bucket (not cumulative); the last slot holds those above every bound. */
  readonly buckets = new Float64Array(BUCKETS.length + 1);

  constructor(readonly labels: string) {}

  observe(seconds: number): void {
    this.count += 1;
    this.sum += seconds;
    let bucket = 0;
    while (bucket < BUCKETS.length && seconds > BUCKETS[bucket]!) bucket += 1;
    this.buckets[bucket]! += 1;
  }
}

const REQUESTS = 'http_requests_total';
const DURATION = 'http_request_duration_seconds';

export class RequestMetrics {
  private readonly series: Series[] = [];

  /** A new label set; its values are escaped once, here. */
  createSeries(labels: Labels): Series {
    const text = (Object.keys(labels) as Array<keyof Labels>).map((name) => `${name}="${escapeLabelValue(labels[name])}"`).join(',');
    const series = new Series(text);
    this.series.push(series);
    return series;
  }

  /** Both families in the Prometheus text format (version 0.0.4), as prom-client writes them. */
  render(): string {
    const lines = [
      `# HELP ${REQUESTS} Requests answered, by version, operation, status and client.`,
      `# TYPE ${REQUESTS} counter`,
      ...this.series.map((series) => `${REQUESTS}{${series.labels}} ${series.count}`),
      '',
      `# HELP ${DURATION} Time from receiving a request to sending its answer, by version, operation, status and client.`,
      `# TYPE ${DURATION} histogram`,
    ];
    for (const series of this.series) {
      let cumulative = 0;
      BUCKETS.forEach((bound, index) => {
        cumulative += series.buckets[index]!;
        lines.push(`${DURATION}_bucket{le="${bound}",${series.labels}} ${cumulative}`);
      });
      lines.push(`${DURATION}_bucket{le="+Inf",${series.labels}} ${series.count}`);
      lines.push(`${DURATION}_sum{${series.labels}} ${series.sum}`);
      lines.push(`${DURATION}_count{${series.labels}} ${series.count}`);
    }
    return `${lines.join('\n')}\n`;
  }
}

/** Label values may hold anything a client name or a URL holds: backslash, quote and line feed are escaped. */
function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
