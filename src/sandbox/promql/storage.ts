// What the sandbox PromQL engine reads: series selected by label matchers over a time
// range. The sandbox's metric store implements it over generated scenario series (frozen
// or live, with reactions applied); the engine never knows where the samples came from.

export type MatchType = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher {
  name: string;
  type: MatchType;
  value: string;
}

/** One series: every label including `__name__`, and its samples oldest first. */
export interface StoredSeries {
  labels: Readonly<Record<string, string>>;
  /** Unix milliseconds, ascending. */
  timestamps: ArrayLike<number>;
  values: ArrayLike<number>;
  /**
   * Unix ms of a staleness marker after the last sample (the series' target or exporter went
   * away): instant selectors at or after it find nothing, as Prometheus's stale NaN does.
   */
  staleAt?: number;
}

export interface SeriesStorage {
  /**
   * Every series matching all matchers (Prometheus semantics: a regex is fully anchored; a
   * missing label is the empty string) with its samples in [mint, maxt] (inclusive, ms).
   * Series without samples in that range are left out.
   */
  select(matchers: readonly LabelMatcher[], mint: number, maxt: number): StoredSeries[];
}
