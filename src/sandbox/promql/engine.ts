// The sandbox's PromQL engine: what /api/v1/query and /api/v1/query_range answer, over any
// SeriesStorage, agreeing with Prometheus 2.42. A range query is evaluated for all steps at
// once (each step with instant-query semantics), reading storage once per selector.

import { type Expr, typeOf, unwrapParens } from './ast.ts';
import { PromqlError } from './errors.ts';
import { type EvalContext, evaluate, rangeInput } from './evaluate.ts';
import { formatValue, seconds } from './format.ts';
import { compareLabels, type Labels } from './labels.ts';
import { parseExpr } from './parse.ts';
import type { SeriesStorage } from './storage.ts';
import type { StepSeries } from './values.ts';

/** [unix seconds, value as Prometheus prints it] */
export type SamplePair = [number, string];
export type Metric = Record<string, string>;

export type QueryData =
  | { resultType: 'vector'; result: { metric: Metric; value: SamplePair }[] }
  | { resultType: 'matrix'; result: { metric: Metric; values: SamplePair[] }[] }
  | { resultType: 'scalar'; result: SamplePair }
  | { resultType: 'string'; result: SamplePair };

/** How long evaluation may take: past it, a PromqlError of type `timeout` (Prometheus's `timeout` parameter). */
export interface EvaluationLimits {
  timeoutMs?: number;
}

export interface PromqlEngine {
  /** Prometheus /api/v1/query `data`: { resultType: 'vector'|'scalar'|'matrix'|'string', result } in the API's JSON shape (values as strings like "1.5", "NaN", "+Inf"; timestamps as seconds floats). */
  instant(expr: string, timeMs: number, limits?: EvaluationLimits): QueryData;
  /** /api/v1/query_range `data`: { resultType: 'matrix', result } */
  range(expr: string, startMs: number, endMs: number, stepMs: number, limits?: EvaluationLimits): QueryData;
}

export interface PromqlEngineOptions {
  /** How far back an instant selector looks for a sample (Prometheus's --query.lookback-delta). Default 5m. */
  lookbackDeltaMs?: number;
  /** The step of subqueries written without one, `x[5m:]` (Prometheus's global evaluation_interval). Default 1m. */
  subqueryStepMs?: number;
}

/** Prometheus refuses range queries with more points per series than this. */
const MAX_POINTS = 11_000;

export function createPromqlEngine(storage: SeriesStorage, opts: PromqlEngineOptions = {}): PromqlEngine {
  const lookbackMs = opts.lookbackDeltaMs ?? 5 * 60_000;
  const subqueryStepMs = opts.subqueryStepMs ?? 60_000;
  const context = (times: number[], start: number, end: number, limits: EvaluationLimits): EvalContext => ({
    storage,
    lookbackMs,
    subqueryStepMs,
    times: Float64Array.from(times),
    queryStart: start,
    queryEnd: end,
    deadline: performance.now() + (limits.timeoutMs ?? Number.POSITIVE_INFINITY),
  });

  return {
    instant(text, timeMs, limits = {}) {
      const expr = parseExpr(text);
      const ctx = context([timeMs], timeMs, timeMs, limits);
      const t = seconds(timeMs);
      const type = typeOf(expr);
      if (type === 'matrix') return { resultType: 'matrix', result: rawSamples(expr, ctx) };
      const value = evaluate(expr, ctx);
      if (value.type === 'string') return { resultType: 'string', result: [t, value.value] };
      if (value.type === 'scalar')
        return { resultType: 'scalar', result: [t, formatValue(value.values[0]!)] };
      return {
        resultType: 'vector',
        result: value.series.map((one) => ({
          metric: metric(one.labels),
          value: [t, formatValue(one.values[0]!)],
        })),
      };
    },

    range(text, startMs, endMs, stepMs, limits = {}) {
      if (endMs < startMs) throw new PromqlError('bad_data', 'end timestamp must not be before start time');
      if (!(stepMs > 0)) {
        throw new PromqlError(
          'bad_data',
          'zero or negative query resolution step widths are not accepted. Try a positive integer',
        );
      }
      if ((endMs - startMs) / stepMs > MAX_POINTS) {
        throw new PromqlError(
          'bad_data',
          'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)',
        );
      }
      const expr = parseExpr(text);
      const type = typeOf(expr);
      if (type !== 'scalar' && type !== 'vector') {
        const name = type === 'matrix' ? 'range vector' : type;
        throw new PromqlError(
          'bad_data',
          `invalid expression type "${name}" for range query, must be Scalar or instant Vector`,
        );
      }
      const times: number[] = [];
      for (let t = startMs; t <= endMs; t += stepMs) times.push(t);
      const value = evaluate(expr, context(times, startMs, endMs, limits));
      const series: StepSeries[] =
        value.type === 'scalar'
          ? [{ labels: {}, values: value.values, present: new Uint8Array(times.length).fill(1) }]
          : value.type === 'vector'
            ? [...value.series].sort((a, b) => compareLabels(a.labels, b.labels))
            : [];
      return {
        resultType: 'matrix',
        result: series.map((one) => ({ metric: metric(one.labels), values: pairs(one, times) })),
      };
    },
  };
}

function pairs(series: StepSeries, times: readonly number[]): SamplePair[] {
  const out: SamplePair[] = [];
  for (let i = 0; i < times.length; i++) {
    if (series.present[i]) out.push([seconds(times[i]!), formatValue(series.values[i]!)]);
  }
  return out;
}

/** An instant query of a range selector or subquery: each series' samples in the window. */
function rawSamples(expr: Expr, ctx: EvalContext): { metric: Metric; values: SamplePair[] }[] {
  const input = rangeInput(unwrapParens(expr), ctx);
  const end = input.ends[0]!;
  return input.series
    .map((one) => {
      const values: SamplePair[] = [];
      for (let j = 0; j < one.timestamps.length; j++) {
        const t = one.timestamps[j]!;
        if (t >= end - input.rangeMs && t <= end) values.push([seconds(t), formatValue(one.values[j]!)]);
      }
      return { metric: metric(one.labels), values };
    })
    .filter((one) => one.values.length > 0);
}

/** Labels as the API prints them: a plain object with names in order. */
function metric(labels: Labels): Metric {
  const out: Metric = {};
  for (const name of Object.keys(labels).sort()) out[name] = labels[name]!;
  return out;
}
