// PromQL results shaped for an agent (DESIGN §6): per series the statistics, the change
// points (when and how much), a sparkline of the shape and how far it moved from its own
// baseline; the series that moved most first; labels shared by every series listed once.
// Raw points only on request, capped. Pure and deterministic: same input, same bytes.
// Hundreds of long series are seconds of CPU: the loop yields per series (./pace.ts), so
// the call's timeout stops it.

import { findChangePoints, median, noiseOf } from './change-points.ts';
import { Pacer } from './pace.ts';

export type Labels = Record<string, string>;

export interface Point {
  /** Unix milliseconds. */
  t: number;
  v: number;
}

export interface SeriesStats {
  first: number;
  last: number;
  min: number;
  max: number;
  mean: number;
  p95: number;
}

export interface ChangePoint {
  /** RFC 3339 time of the first sample after the change. */
  at: string;
  before: number;
  after: number;
  /** after - before. */
  delta: number;
}

export interface SeriesSummary {
  /** Only the labels that differ between series (the shared ones are in commonLabels). */
  labels: Labels;
  samples: number;
  stats?: SeriesStats;
  changePoints: ChangePoint[];
  /** Sparkline from min (▁) to max (█); a space where there is no data. */
  shape: string;
  /** Largest shift between two stretches, in units of the series' noise (floor: 1% of its level). */
  deviation: number;
  /** Set when the end of the window departs from the rest: "rising at the end: last 12 vs baseline 1.1 (11×), since …". */
  recent?: string;
  /** Only with raw: [unix seconds, value] of the finite samples, the latest when capped. */
  points?: [number, number][];
}

export interface ShapedRange {
  seriesCount: number;
  commonLabels: Labels;
  /** The seriesCount - series.length series not shown (lowest deviation). */
  omittedSeries: number;
  series: SeriesSummary[];
  /** Set when raw points were cut to the cap. */
  rawTruncated?: boolean;
}

export interface ShapeOptions {
  /** Series shown, those with the highest deviation first. */
  topK: number;
  /** Characters of the sparkline. */
  shapeWidth?: number;
  raw?: boolean;
  /** Total raw points across the shown series. */
  maxRawPoints?: number;
  /** The call's signal: shaping yields to the event loop between series and stops when this aborts. */
  signal?: AbortSignal;
  /** Where the window starts (unix ms) and the query's longest range (`[5m]`): see SeriesContext. */
  context?: SeriesContext;
}

/**
 * What the query says about its samples. A series whose first sample comes after the
 * window's start began inside the window (history starts there, or the pod did): for as
 * long as the query's longest range selector its rate()s cover part of a window and ramp
 * up, so those samples are not searched for change points.
 */
export interface SeriesContext {
  /** Unix ms of the window's start. */
  start?: number;
  /** The longest range selector of the query, in ms (0: none). */
  warmupMs?: number;
}

const SPARKS = '▁▂▃▄▅▆▇█';
const MAX_CHANGE_POINTS = 2;
/** The end has departed from the baseline by this many noise units and this share of the baseline. */
const RECENT_NOISE = 4;
const RECENT_SHARE = 0.1;

/** Four significant digits: enough to read, few bytes. */
export function round(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(4)) : x;
}

export async function shapeRange(
  input: { labels: Labels; samples: Point[] }[],
  opts: ShapeOptions,
): Promise<ShapedRange> {
  const { common, differing } = splitLabels(input.map((s) => s.labels));
  const pacer = new Pacer(opts.signal, 1);
  const summaries: SeriesSummary[] = [];
  for (const [i, s] of input.entries()) {
    summaries.push({
      ...summarizeSeries(s.samples, opts.shapeWidth ?? 24, opts.context),
      labels: differing[i]!,
    });
    if (pacer.due()) await pacer.yield();
  }
  const order = summaries
    .map((s, i) => ({ s, i }))
    .sort((a, b) => b.s.deviation - a.s.deviation || a.i - b.i)
    .slice(0, opts.topK);
  const shown = order.map(({ s }) => s);
  let rawTruncated = false;
  if (opts.raw) {
    const perSeries = Math.max(1, Math.floor((opts.maxRawPoints ?? 1000) / Math.max(1, shown.length)));
    for (const { s, i } of order) {
      const samples = input[i]!.samples.filter((p) => Number.isFinite(p.v));
      if (samples.length > perSeries) rawTruncated = true;
      s.points = samples.slice(-perSeries).map((p) => [p.t / 1000, round(p.v)]);
    }
  }
  return {
    seriesCount: input.length,
    commonLabels: common,
    omittedSeries: input.length - shown.length,
    series: shown,
    ...(rawTruncated ? { rawTruncated } : {}),
  };
}

/** Statistics, change points, sparkline and deviation of one series (labels left empty). */
export function summarizeSeries(
  samples: Point[],
  shapeWidth = 24,
  context: SeriesContext = {},
): SeriesSummary {
  const finite = samples.filter((p) => Number.isFinite(p.v));
  if (finite.length === 0)
    return { labels: {}, samples: samples.length, changePoints: [], shape: '', deviation: 0 };
  const values = finite.map((p) => p.v);
  const { from, smoothing } = rangeEffects(finite, context);
  const noise = noiseOf(values, Math.max(1, Math.round(smoothing)));
  const found = findChangePoints(values, MAX_CHANGE_POINTS, from, smoothing);
  const recent = recentOf(finite, values, noise);
  return {
    labels: {},
    samples: samples.length,
    stats: statsOf(values),
    changePoints: found.map(({ index, before, after }) => ({
      at: new Date(finite[index]!.t).toISOString().replace('.000Z', 'Z'),
      before: round(before),
      after: round(after),
      delta: round(after - before),
    })),
    shape: sparkline(finite, shapeWidth),
    deviation: round(Math.max(deviationOf(values, noise), recent?.effect ?? 0)),
    ...(recent ? { recent: recent.text } : {}),
  };
}

/**
 * What the query's range selector does to the samples (see SeriesContext): how many first
 * samples are a warm-up (none unless the series began inside the window) and how many
 * samples one range spans.
 */
function rangeEffects(
  points: Point[],
  { start, warmupMs = 0 }: SeriesContext,
): { from: number; smoothing: number } {
  if (warmupMs <= 0 || points.length < 2) return { from: 0, smoothing: 0 };
  const spacing = median(points.slice(1).map((p, i) => p.t - points[i]!.t));
  const smoothing = spacing > 0 ? warmupMs / spacing : 0;
  const first = points[0]!.t;
  if (start === undefined || first - start < spacing / 2) return { from: 0, smoothing };
  const skipped = points.findIndex((p) => p.t >= first + warmupMs);
  return { from: skipped < 0 ? points.length : skipped, smoothing };
}

export function statsOf(values: number[]): SeriesStats {
  const sorted = Float64Array.from(values).sort();
  return {
    first: round(values[0]!),
    last: round(values[values.length - 1]!),
    min: round(sorted[0]!),
    max: round(sorted[sorted.length - 1]!),
    mean: round(mean(values)),
    p95: round(sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)]!),
  };
}

function mean(values: number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}

/** The largest mean shift, in noise units, the noise floored at 1% of the series' level. */
function deviationOf(values: number[], noise: number): number {
  if (values.length < 4) return 0;
  const scale = Math.max(noise, 0.01 * median(values.map(Math.abs)), 1e-12);
  const prefix = [0];
  for (const v of values) prefix.push(prefix[prefix.length - 1]! + v);
  const n = values.length;
  const minSegment = Math.max(2, Math.floor(n / 50));
  let best = 0;
  for (let k = minSegment; k <= n - minSegment; k++) {
    const shift = Math.abs((prefix[n]! - prefix[k]!) / (n - k) - prefix[k]! / k) / scale;
    if (shift > best) best = shift;
  }
  return best;
}

interface Recent {
  text: string;
  /** |last - baseline| in noise units (noise floored at 1% of the level), for ranking. */
  effect: number;
}

/**
 * Whether the end of the window has left the rest of it: the last samples (median of the
 * last 3) against the median before the trailing departed stretch. A short incident at the
 * end of a long window moves neither the mean nor the p95; this says it in one phrase.
 */
function recentOf(points: Point[], values: number[], noise: number): Recent | undefined {
  const n = values.length;
  if (n < 8) return undefined;
  const last = median(values.slice(-3));
  const departedFrom = (base: number) => {
    const threshold = Math.max(RECENT_NOISE * noise, RECENT_SHARE * Math.abs(base));
    const sign = Math.sign(last - base);
    return Math.abs(last - base) > threshold ? (v: number) => sign * (v - base) > threshold : undefined;
  };
  const departed = departedFrom(median(values));
  if (!departed) return undefined;
  // The trailing run of departed samples, a single sample back inside tolerated.
  let since = n - 1;
  for (let i = n - 1, misses = 0; i >= 0 && misses < 2; i--) {
    if (departed(values[i]!)) {
      since = i;
      misses = 0;
    } else misses++;
  }
  if (since < 3) return undefined;
  const baseline = median(values.slice(0, since));
  if (!departedFrom(baseline)) return undefined;
  const ratio = baseline > 0 && last >= 0 ? last / baseline : undefined;
  const times =
    ratio === undefined
      ? ''
      : ratio >= 1
        ? ` (${ratio < 10 ? Number(ratio.toFixed(1)) : Math.round(ratio)}×)`
        : ` (${Math.round((ratio - 1) * 100)}%)`;
  const at = new Date(points[since]!.t).toISOString().replace('.000Z', 'Z');
  const scale = Math.max(noise, 0.01 * Math.abs(baseline), 1e-12);
  return {
    text: `${last > baseline ? 'rising' : 'falling'} at the end: last ${round(last)} vs baseline ${round(baseline)}${times}, since ${at}`,
    effect: Math.abs(last - baseline) / scale,
  };
}

/** Bucket means drawn from ▁ (series min) to █ (series max); flat series draw ▄. */
export function sparkline(points: Point[], width: number): string {
  if (points.length === 0) return '';
  const t0 = points[0]!.t;
  const span = points[points.length - 1]!.t - t0;
  // As many buckets as sample slots (span / typical spacing), so gaps in time stay visible.
  const spacing = median(points.slice(1).map((p, i) => p.t - points[i]!.t));
  const buckets = Math.max(1, Math.min(width, spacing > 0 ? Math.round(span / spacing) + 1 : 1));
  const sums = new Array<number>(buckets).fill(0);
  const counts = new Array<number>(buckets).fill(0);
  for (const p of points) {
    const b = span === 0 ? 0 : Math.min(buckets - 1, Math.floor(((p.t - t0) / span) * buckets));
    sums[b]! += p.v;
    counts[b]! += 1;
  }
  const means = sums.map((s, i) => (counts[i] ? s / counts[i]! : Number.NaN));
  const present = means.filter((m) => !Number.isNaN(m));
  const lo = Math.min(...present);
  const hi = Math.max(...present);
  return means
    .map((m) => {
      if (Number.isNaN(m)) return ' ';
      if (hi === lo) return SPARKS[3];
      return SPARKS[Math.min(SPARKS.length - 1, Math.floor(((m - lo) / (hi - lo)) * SPARKS.length))];
    })
    .join('');
}

/**
 * Labels every series shares (listed once) and, per series, only the labels that differ.
 * A single series keeps all its labels.
 */
export function splitLabels(all: Labels[]): { common: Labels; differing: Labels[] } {
  if (all.length <= 1) return { common: {}, differing: all.map((l) => ({ ...l })) };
  const common: Labels = {};
  for (const [key, value] of Object.entries(all[0]!)) {
    if (all.every((l) => l[key] === value)) common[key] = value;
  }
  const differing = all.map((l) => Object.fromEntries(Object.entries(l).filter(([k]) => !(k in common))));
  return { common, differing };
}
