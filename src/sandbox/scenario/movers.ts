// The metric series that moved most at spec.now: the last 15 minutes against the hour before,
// as an SRE compares a graph's right edge with what came before it. Gauges compare their
// average, counters their per-second rate, histograms their mean observation (rate of
// `_sum` over rate of `_count`). The series of a workload's pods are summed (`sum without
// (pod)`), so three pods that moved together are one line, not three. Windows are left-open
// as PromQL ranges are: recent (now-15m, now], baseline (now-75m, now-15m].

import { canonicalJson } from '../../canonical.ts';
import type { Sample, SeriesStream } from '../metrics/generate.ts';

export interface SeriesMove {
  /** The sample name (`http_requests_total`), or a histogram's family name for its mean. */
  name: string;
  /** The series' labels without `pod`, keys sorted. */
  labels: Record<string, string>;
  /** value: a gauge's average; rate: a counter's per-second rate; mean: a histogram's sum / count. */
  measure: 'value' | 'rate' | 'mean';
  /** How many series were summed into this line (the pods of a workload). */
  series: number;
  /** Over the hour before the last 15 minutes. */
  before: number;
  /** Over the last 15 minutes. */
  after: number;
  /** (after - before) / |before|; null when before is 0 and after is not (something new). */
  change: number | null;
}

const RECENT_WINDOW_MS = 15 * 60_000;
const BASELINE_WINDOW_MS = 60 * 60_000;
/** Relative changes smaller than this are noise, not movement. */
const MIN_CHANGE = 0.1;

interface Windows {
  /** Start of the baseline window (exclusive). */
  baselineStart: number;
  /** End of the baseline and start of the recent window. */
  split: number;
  now: number;
}

interface Group {
  name: string;
  labels: Record<string, string>;
  measure: SeriesMove['measure'];
  pods: Set<string>;
  /** Summed per window: the gauge averages or counter rates, or a histogram's `_sum` rates. */
  before: number;
  after: number;
  /** A histogram's summed `_count` rates. */
  countBefore: number;
  countAfter: number;
}

/** The `limit` series whose recent values differ most from the hour before `now`. */
export function topMovers(series: readonly SeriesStream[], now: Date, limit = 10): SeriesMove[] {
  const windows: Windows = {
    now: now.getTime(),
    split: now.getTime() - RECENT_WINDOW_MS,
    baselineStart: now.getTime() - RECENT_WINDOW_MS - BASELINE_WINDOW_MS,
  };
  const groups = new Map<string, Group>();
  for (const stream of series) {
    const part = histogramPart(stream);
    if (part === 'bucket') continue;
    const measured =
      stream.type === 'gauge' ? averages(stream.samples, windows) : rates(stream.samples, windows);
    if (!measured) continue;
    const group = groupOf(groups, stream, part);
    group.pods.add(stream.labels.pod ?? '');
    if (part === 'count') {
      group.countBefore += measured.before;
      group.countAfter += measured.after;
    } else {
      group.before += measured.before;
      group.after += measured.after;
    }
  }
  return [...groups.values()]
    .flatMap((group) => {
      const move = moveOf(group);
      return move ? [move] : [];
    })
    .sort((a, b) => score(b) - score(a) || a.name.localeCompare(b.name) || byLabels(a, b))
    .slice(0, limit);
}

function histogramPart(stream: SeriesStream): 'bucket' | 'sum' | 'count' | undefined {
  if (stream.type !== 'histogram') return undefined;
  const suffix = stream.name.slice(stream.family.length + 1);
  return suffix === 'sum' || suffix === 'count' ? suffix : 'bucket';
}

function groupOf(groups: Map<string, Group>, stream: SeriesStream, part: 'sum' | 'count' | undefined): Group {
  const { pod: _pod, ...labels } = stream.labels;
  const name = part ? stream.family : stream.name;
  const measure = part ? 'mean' : stream.type === 'gauge' ? 'value' : 'rate';
  const key = `${name}\u0000${measure}\u0000${canonicalJson(labels)}`;
  let group = groups.get(key);
  if (!group) {
    group = {
      name,
      labels: Object.fromEntries(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b))),
      measure,
      pods: new Set(),
      before: 0,
      after: 0,
      countBefore: 0,
      countAfter: 0,
    };
    groups.set(key, group);
  }
  return group;
}

function moveOf(group: Group): SeriesMove | undefined {
  const mean = (sum: number, count: number) => (count > 0 ? sum / count : undefined);
  const before = group.measure === 'mean' ? mean(group.before, group.countBefore) : group.before;
  const after = group.measure === 'mean' ? mean(group.after, group.countAfter) : group.after;
  if (before === undefined || after === undefined || (before === 0 && after === 0)) return undefined;
  const change = before === 0 ? null : (after - before) / Math.abs(before);
  if (change !== null && Math.abs(change) < MIN_CHANGE) return undefined;
  return {
    name: group.name,
    labels: group.labels,
    measure: group.measure,
    series: group.pods.size,
    before: round(before),
    after: round(after),
    change: change === null ? null : Number(change.toFixed(3)),
  };
}

/**
 * How far a series moved: the size of the log ratio, so a drop to a tenth weighs as much as
 * a rise to ten times (a cache whose hits fall to nothing matters as much as errors that
 * soar). Something starting from zero or falling to it ranks above any ratio.
 */
function score(move: SeriesMove): number {
  const ratio = move.after / move.before;
  return ratio > 0 && Number.isFinite(ratio) ? Math.abs(Math.log(ratio)) : Number.POSITIVE_INFINITY;
}

function byLabels(a: SeriesMove, b: SeriesMove): number {
  return canonicalJson(a.labels).localeCompare(canonicalJson(b.labels));
}

function round(value: number): number {
  return Number(value.toPrecision(6));
}

interface Measured {
  before: number;
  after: number;
}

/** A gauge's average over each window; undefined when a window has no samples. */
function averages(samples: Iterable<Sample>, w: Windows): Measured | undefined {
  const before = { sum: 0, n: 0 };
  const after = { sum: 0, n: 0 };
  for (const { t, v } of samples) {
    const window =
      t > w.split && t <= w.now ? after : t > w.baselineStart && t <= w.split ? before : undefined;
    if (!window) continue;
    window.sum += v;
    window.n++;
  }
  if (!before.n || !after.n) return undefined;
  return { before: before.sum / before.n, after: after.sum / after.n };
}

/**
 * A counter's per-second rate over each window, as Prometheus' rate(): increases between
 * consecutive samples (a decrease is a reset, counting the new value) over the time covered.
 */
function rates(samples: Iterable<Sample>, w: Windows): Measured | undefined {
  const before = { increase: 0, ms: 0 };
  const after = { increase: 0, ms: 0 };
  let previous: Sample | undefined;
  for (const sample of samples) {
    const { t, v } = sample;
    const window =
      t > w.split && t <= w.now ? after : t > w.baselineStart && t <= w.split ? before : undefined;
    if (window && previous) {
      window.increase += v >= previous.v ? v - previous.v : v;
      window.ms += t - previous.t;
    }
    previous = sample;
  }
  if (!before.ms || !after.ms) return undefined;
  return { before: (before.increase * 1000) / before.ms, after: (after.increase * 1000) / after.ms };
}
