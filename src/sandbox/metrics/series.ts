// The building blocks of generated metric series: the sample grid (spec.history to spec.now,
// or later for a live clock, at spec.step), piecewise segments with linear ramps blended
// towards their pre-incident value as the incident is suppressed, relative Gaussian noise,
// and counters that integrate a per-second rate. Values live in one Float64Array per series,
// so 200 series of 1,440 points are a few megabytes and cost nothing to iterate again.

import type { IncidentTimeline } from '../reactions/timeline.ts';
import type { Random } from '../scenario/random.ts';
import type { ScenarioSpec } from '../scenario/schema.ts';

export type MetricType = 'counter' | 'gauge' | 'histogram';

export interface Sample {
  /** Unix milliseconds. */
  t: number;
  v: number;
}

export interface SeriesStream {
  /** The sample name Prometheus stores: `http_requests_total`, `http_request_duration_seconds_bucket`. */
  name: string;
  /** The metric family (OpenMetrics `# TYPE` name): `http_requests`, `http_request_duration_seconds`. */
  family: string;
  type: MetricType;
  help: string;
  labels: Record<string, string>;
  /** Oldest first, one per grid point of the series' life; iterable any number of times. */
  samples: Iterable<Sample>;
  /** Where a series that ended is marked stale (life.ts); absent while it lives. */
  staleAt?: number;
}

/** Where every series has a sample: `count` points from `start`, `step` ms apart. */
export interface Grid {
  start: number;
  step: number;
  count: number;
}

/** The grid from spec.history to `until` (inclusive when it falls on a step). */
export function gridOf(spec: ScenarioSpec, until: Date): Grid {
  const start = spec.history.getTime();
  const span = until.getTime() - start;
  return { start, step: spec.step, count: span < 0 ? 0 : Math.floor(span / spec.step) + 1 };
}

/** The values at each grid point, computed by `valueAt(t, index)` in time order. */
export function fillGrid(grid: Grid, valueAt: (t: number, index: number) => number): Float64Array {
  const values = new Float64Array(grid.count);
  for (let i = 0; i < grid.count; i++) values[i] = valueAt(grid.start + i * grid.step, i);
  return values;
}

/** A re-iterable view of grid values as samples. */
export function gridSamples(grid: Grid, values: Float64Array): Iterable<Sample> {
  return {
    *[Symbol.iterator]() {
      for (let i = 0; i < values.length; i++) yield { t: grid.start + i * grid.step, v: values[i]! };
    },
  };
}

export interface Segment {
  from: Date;
  ramp?: number;
}

/**
 * The value of piecewise segments at `t`: the segment holding at t (the first one also holds
 * before its `from`), ramped linearly from the previous segment's value over its `ramp`.
 * `readSegment` reads a segment at a time, so a segment may itself change (memory `growth`).
 */
function piecewiseAt<S extends Segment>(
  segments: readonly S[],
  readSegment: (segment: S, t: number) => number,
  t: number,
): number {
  let index = 0;
  while (index + 1 < segments.length && segments[index + 1]!.from.getTime() <= t) index++;
  const segment = segments[index]!;
  const value = readSegment(segment, t);
  const from = segment.from.getTime();
  const previous = segments[index - 1];
  if (!previous || !segment.ramp || t < from || t >= from + segment.ramp) return value;
  const start = readSegment(previous, from);
  return start + ((value - start) * (t - from)) / segment.ramp;
}

/**
 * The value of piecewise segments at `t` under the incident timeline: segments from
 * `incidentStart` on are the incident's, and weigh `timeline.weight(t)` against the value
 * of the pre-incident segments alone (the last of them holding on). At full weight this is
 * exactly the plain piecewise value, so nothing moves before a fix.
 */
export function blendIncident<S extends Segment>(
  segments: readonly S[],
  readSegment: (segment: S, t: number) => number,
  t: number,
  timeline: IncidentTimeline,
): number {
  const incident = piecewiseAt(segments, readSegment, t);
  const weight = timeline.weight(t);
  if (weight === 1) return incident;
  const before = segments.filter((segment) => segment.from.getTime() < timeline.incidentStart);
  if (before.length === 0) return incident;
  const pre = piecewiseAt(before, readSegment, t);
  return pre + weight * (incident - pre);
}

/** A standard normal draw (Box-Muller). */
function gaussian(random: Random): number {
  const u = 1 - random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.next());
}

/** `value` with relative Gaussian noise of standard deviation `noise`. */
export function withNoise(value: number, noise: number, random: Random): number {
  return noise > 0 ? value * (1 + noise * gaussian(random)) : value;
}

/**
 * A counter from a per-second rate: 0 at the first grid point, then each step adds the rate
 * at that point times the step (never negative). `resetAt(t)` true restarts it from 0.
 */
export function integrate(
  grid: Grid,
  rateAt: (t: number) => number,
  resetAt: (previous: number, t: number) => boolean = () => false,
): Float64Array {
  let total = 0;
  return fillGrid(grid, (t, index) => {
    if (index === 0) return total;
    if (resetAt(t - grid.step, t)) total = 0;
    else total += (Math.max(0, rateAt(t)) * grid.step) / 1000;
    return total;
  });
}

/** A pure function of t over precomputed grid values (noise drawn once, read many times). */
export function atGridPoint(grid: Grid, values: Float64Array): (t: number) => number {
  return (t) => values[Math.round((t - grid.start) / grid.step)] ?? 0;
}
