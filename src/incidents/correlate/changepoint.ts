// Change points in a metric: when a series left its baseline and stayed out (a shift, with
// its onset and size), whether it has grown steadily all along (a trend, as a leak does),
// and when it crossed a level. An on-call engineer reads a graph this way: "errors were
// flat at 0.2% until 14:12, then jumped to 31% and stayed there". Robust statistics (median
// and MAD) keep noise and single spikes from counting; the onset is walked back to where a
// ramp began, so a change that takes minutes to build is dated when it started.

export interface Sample {
  /** Unix ms. */
  t: number;
  v: number;
}

export interface ShiftOptions {
  /** Points before this time form the baseline; default: the first 40% of the span. */
  baselineEnd?: number;
  /** Smallest change that counts, relative to the baseline level; default 0.25. */
  minRelative?: number;
  /** Smallest change that counts, in the series' unit; default 0. */
  minAbsolute?: number;
  /** Robust z-score the change must exceed; default 4. */
  sigmas?: number;
}

export interface Shift {
  /** Unix ms of the first point of the change. */
  at: number;
  /** Baseline level (median). */
  from: number;
  /** Current level (median of the last points). */
  to: number;
  direction: 'up' | 'down';
  /** |to - from| relative to the baseline (or to the threshold when the baseline is ~0). */
  magnitude: number;
}

const MIN_BASELINE = 4;
const MIN_POINTS = 8;
const CURRENT_POINTS = 4;
/** In-band points tolerated inside a sustained excursion (noise, a scrape gap). */
const MAX_GAP = 2;
const MIN_RUN = 3;
const MAD_TO_SIGMA = 1.4826;

export function median(values: readonly number[]): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function finite(points: readonly Sample[]): Sample[] {
  return points.filter((p) => Number.isFinite(p.v)).sort((a, b) => a.t - b.t);
}

/** The last sustained departure from the baseline that still holds at the end, if any. */
export function detectShift(points: readonly Sample[], opts: ShiftOptions = {}): Shift | undefined {
  const pts = finite(points);
  if (pts.length < MIN_POINTS) return undefined;
  const first = pts[0]!.t;
  const last = pts.at(-1)!.t;
  const baselineEnd = opts.baselineEnd ?? first + 0.4 * (last - first);
  const baseline = pts.filter((p) => p.t < baselineEnd).map((p) => p.v);
  if (baseline.length < MIN_BASELINE) return undefined;
  const level = median(baseline);
  const sigma = MAD_TO_SIGMA * median(baseline.map((v) => Math.abs(v - level)));
  const threshold = Math.max(
    (opts.sigmas ?? 4) * sigma,
    (opts.minRelative ?? 0.25) * Math.abs(level),
    opts.minAbsolute ?? 0,
    1e-9,
  );
  const current = median(pts.slice(-CURRENT_POINTS).map((p) => p.v));
  if (!(Math.abs(current - level) > threshold)) return undefined;
  const sign = current > level ? 1 : -1;
  const out = (p: Sample) => sign * (p.v - level) > threshold;
  const firstAfterBaseline = pts.findIndex((p) => p.t >= baselineEnd);
  let start = pts.length - 1;
  let gap = 0;
  let inRun = 0;
  for (let i = pts.length - 1; i >= firstAfterBaseline && gap <= MAX_GAP; i--) {
    if (out(pts[i]!)) {
      start = i;
      gap = 0;
      inRun++;
    } else gap++;
  }
  if (inRun < MIN_RUN) return undefined;
  // Walk back over the ramp: points still clearly on the same side of the baseline.
  const rampFloor = Math.max(1.5 * sigma, 0.15 * threshold);
  const departed = (i: number) => i >= 0 && sign * (pts[i]!.v - level) > rampFloor;
  while (start - 1 >= firstAfterBaseline && departed(start - 1)) start--;
  // Already on its way before the baseline ended: the change cannot be dated from this window.
  if (start === firstAfterBaseline && departed(start - 1) && departed(start - 2)) return undefined;
  return {
    at: pts[start]!.t,
    from: level,
    to: current,
    direction: sign > 0 ? 'up' : 'down',
    magnitude: Math.abs(current - level) / Math.max(Math.abs(level), threshold),
  };
}

export interface Trend {
  /** Change per hour, in the series' unit. */
  slopePerHour: number;
  /** Goodness of the straight-line fit, 0..1. */
  r2: number;
  from: number;
  to: number;
}

/** Least-squares line through the series: steady growth has a positive slope and a high r2. */
export function linearTrend(points: readonly Sample[]): Trend | undefined {
  const pts = finite(points);
  if (pts.length < MIN_POINTS) return undefined;
  const t0 = pts[0]!.t;
  const n = pts.length;
  const xs = pts.map((p) => (p.t - t0) / 3_600_000);
  const ys = pts.map((p) => p.v);
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  if (sxx === 0) return undefined;
  const slope = sxy / sxx;
  const r2 = syy === 0 ? 0 : (sxy * sxy) / (sxx * syy);
  return { slopePerHour: slope, r2, from: my + slope * (xs[0]! - mx), to: my + slope * (xs[n - 1]! - mx) };
}

/** When the series last rose to `level` and stayed there (dips of two points aside) until now. */
export function crossingTime(points: readonly Sample[], level: number): number | undefined {
  const pts = finite(points);
  if (!pts.length || (currentValue(pts) ?? -Infinity) < level) return undefined;
  let start = pts.length - 1;
  let gap = 0;
  for (let i = pts.length - 1; i >= 0 && gap <= MAX_GAP; i--) {
    if (pts[i]!.v >= level) {
      start = i;
      gap = 0;
    } else gap++;
  }
  return pts[start]!.t;
}

/** The median of the last points: the series' value "now". */
export function currentValue(points: readonly Sample[]): number | undefined {
  const pts = finite(points);
  return pts.length ? median(pts.slice(-CURRENT_POINTS).map((p) => p.v)) : undefined;
}

/** Element-wise maximum of series on the same grid (the busiest pod at each step). */
export function pointwiseMax(series: readonly (readonly Sample[])[]): Sample[] {
  const byTime = new Map<number, number>();
  for (const points of series)
    for (const p of points)
      if (Number.isFinite(p.v)) byTime.set(p.t, Math.max(byTime.get(p.t) ?? -Infinity, p.v));
  return [...byTime.entries()].sort((a, b) => a[0] - b[0]).map(([t, v]) => ({ t, v }));
}
