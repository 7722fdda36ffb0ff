// The Prometheus backend as tools see it: the HTTP API v1 reads an on-call engineer
// needs (queries, series and label discovery, metadata, alerts, rules, targets), as plain
// data. One real implementation speaks to any Prometheus-compatible API; the sandbox and
// tests run a real Prometheus.

export type Labels = Record<string, string>;

export interface Sample {
  /** Unix milliseconds. */
  t: number;
  v: number;
}

export interface RangeSeries {
  labels: Labels;
  samples: Sample[];
}

export type InstantResult =
  | { type: 'vector'; series: { labels: Labels; sample: Sample }[] }
  | { type: 'scalar' | 'string'; sample: { t: number; v: number | string } };

export interface MetricMetadata {
  type: string;
  help: string;
  unit: string;
}

export interface PromAlert {
  labels: Labels;
  annotations: Labels;
  state: 'firing' | 'pending' | 'inactive';
  activeAt?: string;
  value?: string;
}

export interface PromRule {
  group: string;
  file: string;
  type: 'alerting' | 'recording';
  name: string;
  query: string;
  health: string;
  lastError?: string;
  /** Alerting rules: the `for` duration in seconds. */
  forSeconds?: number;
  labels: Labels;
  annotations: Labels;
  alerts: PromAlert[];
}

export interface PromTarget {
  scrapePool: string;
  scrapeUrl: string;
  labels: Labels;
  health: string;
  lastError: string;
  lastScrape: string;
}

/** Per call: cancellation from the tool's signal (the backend adds its own timeout). */
export interface CallOptions {
  signal?: AbortSignal;
}

export interface PrometheusBackend {
  /** The configured query guardrails, for tools to check before they ask. */
  readonly limits: PrometheusLimits;
  instantQuery(query: string, time?: Date, opts?: CallOptions): Promise<InstantResult>;
  rangeQuery(
    query: string,
    start: Date,
    end: Date,
    stepSeconds: number,
    opts?: CallOptions,
  ): Promise<RangeSeries[]>;
  series(match: string[], start: Date, end: Date, opts?: CallOptions): Promise<Labels[]>;
  labelNames(opts?: CallOptions): Promise<string[]>;
  labelValues(name: string, match?: string[], opts?: CallOptions): Promise<string[]>;
  /** Metric name -> metadata (the first entry Prometheus reports for it). */
  metadata(metric?: string, opts?: CallOptions): Promise<Record<string, MetricMetadata>>;
  alerts(opts?: CallOptions): Promise<PromAlert[]>;
  rules(opts?: CallOptions): Promise<PromRule[]>;
  targets(opts?: CallOptions): Promise<PromTarget[]>;
}

export interface PrometheusLimits {
  /** Longest range a query may span, ms. */
  maxRangeMs: number;
  /** Most series one query may return. */
  maxSeries: number;
  /** Most points per series of a range query; the step grows to respect it. */
  maxPoints: number;
  /** Per request, ms. */
  timeoutMs: number;
}

/** Expected failures: Prometheus's own message, with the query or endpoint that failed. */
export class PromError extends Error {
  override name = 'PromError';
  readonly errorType: string | undefined;
  /** The HTTP status of Prometheus's answer, when there was one. */
  readonly httpStatus: number | undefined;
  constructor(message: string, errorType?: string, httpStatus?: number) {
    super(message);
    this.errorType = errorType;
    this.httpStatus = httpStatus;
  }
}

declare module '../types.ts' {
  interface Backends {
    prometheus?: PrometheusBackend;
  }
}
