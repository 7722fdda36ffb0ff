// Summary statistics for the on-call KPIs: a mean and interpolated quantiles over a sample,
// null for an empty one (a KPI with no data is unknown, not zero).

export function mean(values: readonly number[]): number | null {
  if (!values.length) return null;
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** The q-quantile (0..1), linearly interpolated between the closest ranks. */
export function quantile(values: readonly number[], q: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lower = Math.floor(pos);
  const upper = Math.ceil(pos);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (pos - lower);
}

export function ratio(part: number, whole: number): number | null {
  return whole ? part / whole : null;
}

/** Seconds, rounded to one decimal; null stays null. */
export function seconds(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms / 100) / 10;
}
