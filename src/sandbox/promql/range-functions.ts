// Functions of a range vector, computed per series and step over the samples of its window,
// with Prometheus 2.42's arithmetic: extrapolatedRate for rate/increase/delta (counter
// resets, extrapolation to the window edges up to 1.1 average intervals, never below zero
// for counters), irate/idelta from the last two samples, deriv/predict_linear by least
// squares with Kahan sums, and the *_over_time aggregates.

import { quantile } from './quantile.ts';

/** The samples of one series that one step's window holds: indices [from, to) of ts/vs. */
export interface Window {
  ts: ArrayLike<number>;
  vs: ArrayLike<number>;
  from: number;
  to: number;
  /** The window's edges in ms: [end - range, end]. */
  start: number;
  end: number;
  rangeMs: number;
  /** The time the step is evaluated at (ms), for predict_linear. */
  evalTime: number;
  /** The function's scalar arguments at this step, in argument order. */
  params: number[];
}

/** A value, or undefined when the function yields no sample for this window. */
export type RangeFunction = (w: Window) => number | undefined;

function extrapolatedRate(w: Window, isCounter: boolean, isRate: boolean): number | undefined {
  const { ts, vs, from, to } = w;
  if (to - from < 2) return undefined;
  const first = vs[from]!;
  let result = vs[to - 1]! - first;
  if (isCounter) {
    let previous = first;
    for (let j = from + 1; j < to; j++) {
      const current = vs[j]!;
      if (current < previous) result += previous;
      previous = current;
    }
  }
  let durationToStart = (ts[from]! - w.start) / 1000;
  const durationToEnd = (w.end - ts[to - 1]!) / 1000;
  const sampledInterval = (ts[to - 1]! - ts[from]!) / 1000;
  const averageInterval = sampledInterval / (to - from - 1);
  if (isCounter && result > 0 && first >= 0) {
    // A counter cannot go below zero: extrapolate no further back than where it would be 0.
    const durationToZero = sampledInterval * (first / result);
    if (durationToZero < durationToStart) durationToStart = durationToZero;
  }
  const threshold = averageInterval * 1.1;
  let extrapolateTo = sampledInterval;
  extrapolateTo += durationToStart < threshold ? durationToStart : averageInterval / 2;
  extrapolateTo += durationToEnd < threshold ? durationToEnd : averageInterval / 2;
  let factor = extrapolateTo / sampledInterval;
  if (isRate) factor /= w.rangeMs / 1000;
  return result * factor;
}

function instantValue(w: Window, isRate: boolean): number | undefined {
  const { ts, vs, to } = w;
  if (to - w.from < 2) return undefined;
  const last = vs[to - 1]!;
  const previous = vs[to - 2]!;
  const result = isRate && last < previous ? last : last - previous;
  const interval = ts[to - 1]! - ts[to - 2]!;
  if (interval === 0) return undefined;
  return isRate ? result / (interval / 1000) : result;
}

/** Neumaier's improved Kahan summation step: the new sum and compensation. */
function kahanAdd(inc: number, sum: number, c: number): [number, number] {
  const t = sum + inc;
  if (Math.abs(sum) >= Math.abs(inc)) c += sum - t + inc;
  else c += inc - t + sum;
  return [t, c];
}

/** Least-squares slope and intercept with x in seconds relative to interceptTime. */
function linearRegression(w: Window, interceptTime: number): [number, number] {
  const { ts, vs, from, to } = w;
  let n = 0;
  let sumX = 0;
  let cX = 0;
  let sumY = 0;
  let cY = 0;
  let sumXY = 0;
  let cXY = 0;
  let sumX2 = 0;
  let cX2 = 0;
  const initY = vs[from]!;
  let constY = true;
  for (let j = from; j < to; j++) {
    const y = vs[j]!;
    if (constY && j > from && y !== initY) constY = false;
    n += 1;
    const x = (ts[j]! - interceptTime) / 1000;
    [sumX, cX] = kahanAdd(x, sumX, cX);
    [sumY, cY] = kahanAdd(y, sumY, cY);
    [sumXY, cXY] = kahanAdd(x * y, sumXY, cXY);
    [sumX2, cX2] = kahanAdd(x * x, sumX2, cX2);
  }
  if (constY) return Number.isFinite(initY) || Number.isNaN(initY) ? [0, initY] : [Number.NaN, Number.NaN];
  sumX += cX;
  sumY += cY;
  sumXY += cXY;
  sumX2 += cX2;
  const covXY = sumXY - (sumX * sumY) / n;
  const varX = sumX2 - (sumX * sumX) / n;
  const slope = covXY / varX;
  return [slope, sumY / n - (slope * sumX) / n];
}

/** A copy of the window's values. */
function values(w: Window): Float64Array {
  const out = new Float64Array(w.to - w.from);
  for (let j = w.from; j < w.to; j++) out[j - w.from] = w.vs[j]!;
  return out;
}

function varianceOverTime(w: Window): number {
  let count = 0;
  let mean = 0;
  let aux = 0;
  for (let j = w.from; j < w.to; j++) {
    const v = w.vs[j]!;
    count++;
    const delta = v - mean;
    mean += delta / count;
    aux += delta * (v - mean);
  }
  return aux / count;
}

export const RANGE_FUNCTIONS: Readonly<Record<string, RangeFunction>> = {
  rate: (w) => extrapolatedRate(w, true, true),
  increase: (w) => extrapolatedRate(w, true, false),
  delta: (w) => extrapolatedRate(w, false, false),
  irate: (w) => instantValue(w, true),
  idelta: (w) => instantValue(w, false),
  deriv: (w) => (w.to - w.from < 2 ? undefined : linearRegression(w, w.ts[w.from]!)[0]),
  predict_linear: (w) => {
    if (w.to - w.from < 2) return undefined;
    const [slope, intercept] = linearRegression(w, w.evalTime);
    return slope * w.params[0]! + intercept;
  },
  changes: (w) => {
    let changes = 0;
    for (let j = w.from + 1; j < w.to; j++) {
      const current = w.vs[j]!;
      const previous = w.vs[j - 1]!;
      if (current !== previous && !(Number.isNaN(current) && Number.isNaN(previous))) changes++;
    }
    return changes;
  },
  resets: (w) => {
    let resets = 0;
    for (let j = w.from + 1; j < w.to; j++) if (w.vs[j]! < w.vs[j - 1]!) resets++;
    return resets;
  },
  avg_over_time: (w) => {
    let mean = 0;
    let count = 0;
    for (let j = w.from; j < w.to; j++) {
      const v = w.vs[j]!;
      count++;
      if (!Number.isFinite(mean) && !Number.isNaN(mean)) {
        if (!Number.isFinite(v) && !Number.isNaN(v) && mean > 0 === v > 0) continue;
        if (Number.isFinite(v)) continue;
      }
      mean += v / count - mean / count;
    }
    return mean;
  },
  sum_over_time: (w) => {
    let sum = 0;
    for (let j = w.from; j < w.to; j++) sum += w.vs[j]!;
    return sum;
  },
  count_over_time: (w) => w.to - w.from,
  min_over_time: (w) => {
    let min = w.vs[w.from]!;
    for (let j = w.from; j < w.to; j++) if (w.vs[j]! < min || Number.isNaN(min)) min = w.vs[j]!;
    return min;
  },
  max_over_time: (w) => {
    let max = w.vs[w.from]!;
    for (let j = w.from; j < w.to; j++) if (w.vs[j]! > max || Number.isNaN(max)) max = w.vs[j]!;
    return max;
  },
  last_over_time: (w) => w.vs[w.to - 1]!,
  present_over_time: () => 1,
  stdvar_over_time: varianceOverTime,
  stddev_over_time: (w) => Math.sqrt(varianceOverTime(w)),
  quantile_over_time: (w) => quantile(w.params[0]!, values(w)),
};
