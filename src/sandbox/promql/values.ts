// What evaluating an expression yields over all steps of a query at once: an instant vector
// is a list of series with a value and a presence flag per step (a label set is computed
// once per series, not once per step); a scalar is one number per step; a string is a
// string. The duplicate check is Prometheus's "vector cannot contain metrics with the same
// labelset", applied where Prometheus applies it.

import { executionError } from './errors.ts';
import { type Labels, labelsKey } from './labels.ts';

export interface StepSeries {
  labels: Labels;
  values: Float64Array;
  /** 1 where the series has a sample at that step. */
  present: Uint8Array;
}

export type Value =
  | { type: 'scalar'; values: Float64Array }
  | { type: 'string'; value: string }
  | { type: 'vector'; series: StepSeries[] };

export function emptySeries(labels: Labels, steps: number): StepSeries {
  return { labels, values: new Float64Array(steps), present: new Uint8Array(steps) };
}

function hasAny(series: StepSeries): boolean {
  return series.present.includes(1);
}

export function duplicateLabelsetError(): Error {
  return executionError('vector cannot contain metrics with the same labelset');
}

/**
 * The series of a vector with empty ones dropped and series of equal label sets merged;
 * two of them present at the same step is the duplicate labelset error.
 */
export function distinctSeries(series: readonly StepSeries[]): StepSeries[] {
  const indexByKey = new Map<string, number>();
  const copied = new Set<number>();
  const out: StepSeries[] = [];
  for (const one of series) {
    if (!hasAny(one)) continue;
    const key = labelsKey(one.labels);
    const index = indexByKey.get(key);
    if (index === undefined) {
      indexByKey.set(key, out.length);
      out.push(one);
      continue;
    }
    // Inputs may be shared with other nodes: merge into a copy.
    if (!copied.has(index)) {
      out[index] = copyOf(out[index]!);
      copied.add(index);
    }
    const merged = out[index]!;
    for (let i = 0; i < one.present.length; i++) {
      if (!one.present[i]) continue;
      if (merged.present[i]) throw duplicateLabelsetError();
      merged.present[i] = 1;
      merged.values[i] = one.values[i]!;
    }
  }
  return out;
}

function copyOf(series: StepSeries): StepSeries {
  return { labels: series.labels, values: series.values.slice(), present: series.present.slice() };
}

/** Range-vector functions: two output series with the same labels is an error, whatever their steps. */
export function uniqueSeries(series: readonly StepSeries[]): StepSeries[] {
  const out = series.filter(hasAny);
  const seen = new Set<string>();
  for (const one of out) {
    const key = labelsKey(one.labels);
    if (seen.has(key)) throw duplicateLabelsetError();
    seen.add(key);
  }
  return out;
}
