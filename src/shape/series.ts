// PromQL results shaped for an agent (DESIGN §6): per series the statistics, the change
// points (when and how much), a sparkline of the shape and how far it moved from its own
// baseline; the series that moved most first; labels shared by every series listed once.
// Raw points only on request, capped. Pure and deterministic: same input, same bytes.
// Hundreds of long series are seconds of CPU: the loop yields per series (./pace.ts), so
// the call's timeout stops it.

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
}

const SPARKS = '▁▂▃▄▅▆▇█';
/** A change smaller than this many noise units is noise. */
const MIN_EFFECT = 3;
/** Nor is one with a weaker t-like score (effect × √(segment sizes)). */
const MIN_SCORE = 8;
const MAX_CHANGE_POINTS = 2;

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
    summaries.push({ ...summarizeSeries(s.samples, opts.shapeWidth ?? 24), labels: differing[i]! });
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
export function summarizeSeries(samples: Point[], shapeWidth = 24): SeriesSummary {
  const finite = samples.filter((p) => Number.isFinite(p.v));
  if (finite.length === 0)
    return { labels: {}, samples: samples.length, changePoints: [], shape: '', deviation: 0 };
  const values = finite.map((p) => p.v);
  const noise = noiseOf(values);
  const found = findChangePoints(values, noise);
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
    deviation: round(deviationOf(values, noise)),
  };
}

export function statsOf(values: number[]): SeriesStats {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    first: round(values[0]!),
    last: round(values[values.length - 1]!),
    min: round(sorted[0]!),
    max: round(sorted[sorted.length - 1]!),
    mean: round(mean(values)),
    p95: round(sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)]!),
  };
}

/**
 * The noise of a series: the median absolute first difference, scaled to a standard
 * deviation. Differences ignore level shifts, so a step does not inflate its own noise.
 * Floored so a noise-free series still divides.
 */
function noiseOf(values: number[]): number {
  const diffs = values.slice(1).map((v, i) => Math.abs(v - values[i]!));
  // Quantized series (mostly repeated values) have a zero median difference: fall back to
  // the mean absolute difference, E|x - y| = 2σ/√π for Gaussian noise.
  const typical = median(diffs) * 1.4826 || (mean(diffs) * Math.sqrt(Math.PI)) / 2;
  const sigma = typical / Math.SQRT2;
  const level = median(values.map(Math.abs));
  return Math.max(sigma, level * 1e-6, 1e-12);
}

function mean(values: number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

interface Split {
  index: number;
  before: number;
  after: number;
  score: number;
  effect: number;
}

/** The split of values[from, to) with the largest mean difference relative to noise. */
function bestSplit(
  values: number[],
  prefix: number[],
  from: number,
  to: number,
  noise: number,
): Split | undefined {
  const n = to - from;
  const minSegment = Math.max(2, Math.floor(values.length / 50));
  let best: Split | undefined;
  for (let k = from + minSegment; k <= to - minSegment; k++) {
    const left = k - from;
    const right = to - k;
    const before = (prefix[k]! - prefix[from]!) / left;
    const after = (prefix[to]! - prefix[k]!) / right;
    const effect = Math.abs(after - before) / noise;
    const score = effect * Math.sqrt((left * right) / n);
    if (!best || score > best.score) best = { index: k, before, after, score, effect };
  }
  return best;
}

/** Binary segmentation: the strongest mean shift, then the strongest inside either side. */
function findChangePoints(
  values: number[],
  noise: number,
): { index: number; before: number; after: number }[] {
  const prefix = [0];
  for (const v of values) prefix.push(prefix[prefix.length - 1]! + v);
  const significant = (s: Split | undefined): s is Split =>
    !!s && s.effect >= MIN_EFFECT && s.score >= MIN_SCORE;
  const first = bestSplit(values, prefix, 0, values.length, noise);
  if (!significant(first)) return [];
  const second = [
    bestSplit(values, prefix, 0, first.index, noise),
    bestSplit(values, prefix, first.index, values.length, noise),
  ]
    .filter(significant)
    .sort((a, b) => b.score - a.score)[0];
  const cuts = (second ? [first.index, second.index] : [first.index]).sort((a, b) => a - b);
  // Report each change against its neighbouring segments, not the halves it was found in.
  const bounds = [0, ...cuts, values.length];
  const segmentMean = (i: number) =>
    (prefix[bounds[i + 1]!]! - prefix[bounds[i]!]!) / (bounds[i + 1]! - bounds[i]!);
  return cuts
    .slice(0, MAX_CHANGE_POINTS)
    .map((index, i) => ({ index, before: segmentMean(i), after: segmentMean(i + 1) }));
}

/** The largest mean shift, in noise units, the noise floored at 1% of the series' level. */
function deviationOf(values: number[], noise: number): number {
  if (values.length < 4) return 0;
  const prefix = [0];
  for (const v of values) prefix.push(prefix[prefix.length - 1]! + v);
  const scale = Math.max(noise, 0.01 * median(values.map(Math.abs)), 1e-12);
  const split = bestSplit(values, prefix, 0, values.length, scale);
  return split ? split.effect : 0;
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
