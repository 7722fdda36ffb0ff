// Evaluates an expression over every step of a query at once (an instant query is one step),
// with Prometheus 2.42's semantics at each step: an instant selector takes the latest sample
// at or before the step within the lookback window, a range selector the samples in
// [t - range, t] (both ends inclusive in 2.42), `offset` and `@` move that time, and a
// subquery evaluates its expression at the multiples of its step inside the window.
// Storage is read once per selector for the whole query, not once per step. The loops
// whose work a query chooses (subquery steps, range windows) stop at the query's deadline.

import { evaluateAggregate } from './aggregate.ts';
import type { AtModifier, Expr, MatrixSelector, Subquery, VectorSelector } from './ast.ts';
import { unwrapParens } from './ast.ts';
import { evaluateBinary } from './binary.ts';
import { evaluateCall } from './calls.ts';
import { timedOut } from './errors.ts';
import { compareLabels, type Labels, withoutName } from './labels.ts';
import type { LabelMatcher, SeriesStorage, StoredSeries } from './storage.ts';
import { distinctSeries, emptySeries, type StepSeries, type Value } from './values.ts';

export interface EvalContext {
  storage: SeriesStorage;
  lookbackMs: number;
  /** The step of a subquery written without one (`x[5m:]`): Prometheus's evaluation interval. */
  subqueryStepMs: number;
  /** The evaluation time of each step, ascending (ms). */
  times: Float64Array;
  /** The outer query's first and last step, for `@ start()` and `@ end()`. */
  queryStart: number;
  queryEnd: number;
  /** performance.now() past which evaluation stops with a timeout (Infinity: none). */
  deadline: number;
}

/** Throws the timeout once the query's deadline has passed. */
export function checkDeadline(ctx: Pick<EvalContext, 'deadline'>): void {
  if (performance.now() > ctx.deadline) throw timedOut();
}

/** Samples of one series, oldest first. */
export interface RangeSeries {
  labels: Labels;
  timestamps: ArrayLike<number>;
  values: ArrayLike<number>;
}

/** A range vector over all steps: step i sees each series' samples in [ends[i] - rangeMs, ends[i]]. */
export interface RangeInput {
  series: RangeSeries[];
  rangeMs: number;
  ends: Float64Array;
  /** Set by `@`: Prometheus evaluates such an expression once, at the first step. */
  stepInvariant: boolean;
}

export function evaluate(expr: Expr, ctx: EvalContext): Value {
  const steps = ctx.times.length;
  switch (expr.kind) {
    case 'number':
      return { type: 'scalar', values: new Float64Array(steps).fill(expr.value) };
    case 'string':
      return { type: 'string', value: expr.value };
    case 'paren':
      return evaluate(expr.expr, ctx);
    case 'vectorSelector':
      return { type: 'vector', series: selectInstant(expr, ctx, false) };
    case 'unary':
      return negate(expr.op, evaluate(expr.expr, ctx));
    case 'binary':
      return evaluateBinary(expr, evaluate(expr.lhs, ctx), evaluate(expr.rhs, ctx), steps);
    case 'call':
      return evaluateCall(expr, ctx);
    case 'aggregate':
      return evaluateAggregate(expr, ctx);
    case 'matrixSelector':
    case 'subquery':
      throw new Error(`a range vector cannot be evaluated as ${expr.kind} here`);
  }
}

/** Evaluates an expression the parser typed as an instant vector. */
export function evaluateVector(expr: Expr, ctx: EvalContext): StepSeries[] {
  const value = evaluate(expr, ctx);
  if (value.type !== 'vector') throw new Error(`expected an instant vector, got ${value.type}`);
  return value.series;
}

/** Evaluates an expression the parser typed as a scalar: its value at each step. */
export function evaluateScalar(expr: Expr, ctx: EvalContext): Float64Array {
  const value = evaluate(expr, ctx);
  if (value.type !== 'scalar') throw new Error(`expected a scalar, got ${value.type}`);
  return value.values;
}

function negate(op: '+' | '-', value: Value): Value {
  if (op === '+' || value.type === 'string') return value;
  if (value.type === 'scalar') return { type: 'scalar', values: value.values.map((v) => -v) };
  return {
    type: 'vector',
    series: distinctSeries(
      value.series.map((one) => ({
        labels: withoutName(one.labels),
        values: one.values.map((v) => -v),
        present: one.present,
      })),
    ),
  };
}

/** The time each step of a selector or subquery looks at: the step (or the `@` time) minus the offset. */
function modifiedTimes(at: AtModifier | undefined, offsetMs: number, ctx: EvalContext): Float64Array {
  if (!at) return ctx.times.map((t) => t - offsetMs);
  const fixed = at.kind === 'time' ? at.ms : at.kind === 'start' ? ctx.queryStart : ctx.queryEnd;
  return new Float64Array(ctx.times.length).fill(fixed - offsetMs);
}

/** Matching series in Prometheus's order (sorted by labels), which decides ties in topk and the like. */
function selectSorted(
  ctx: EvalContext,
  matchers: readonly LabelMatcher[],
  mint: number,
  maxt: number,
): StoredSeries[] {
  return ctx.storage.select(matchers, mint, maxt).sort((a, b) => compareLabels(a.labels, b.labels));
}

/**
 * An instant vector selector at every step: the latest sample at or before the step's time
 * and no older than the lookback delta, unless a staleness marker followed it. With
 * `sampleTimes`, the value is the sample's timestamp in seconds instead (what timestamp()
 * of a selector returns).
 */
export function selectInstant(
  selector: VectorSelector,
  ctx: EvalContext,
  sampleTimes: boolean,
): StepSeries[] {
  const ends = modifiedTimes(selector.at, selector.offsetMs, ctx);
  const steps = ends.length;
  if (steps === 0) return [];
  const found = selectSorted(ctx, selector.matchers, ends[0]! - ctx.lookbackMs, ends[steps - 1]!);
  const out: StepSeries[] = [];
  for (const stored of found) {
    const series = emptySeries(stored.labels, steps);
    const { timestamps, values, staleAt = Number.POSITIVE_INFINITY } = stored;
    let last = -1;
    for (let i = 0; i < steps; i++) {
      const end = ends[i]!;
      while (last + 1 < timestamps.length && timestamps[last + 1]! <= end) last++;
      if (last < 0 || timestamps[last]! < end - ctx.lookbackMs || end >= staleAt) continue;
      series.present[i] = 1;
      series.values[i] = sampleTimes ? timestamps[last]! / 1000 : values[last]!;
    }
    if (series.present.includes(1)) out.push(series);
  }
  return out;
}

/** A range selector or subquery (possibly in parentheses) as the samples each step's window sees. */
export function rangeInput(expr: Expr, ctx: EvalContext): RangeInput {
  const inner = unwrapParens(expr);
  if (inner.kind === 'matrixSelector') return selectRange(inner, ctx);
  if (inner.kind === 'subquery') return evaluateSubquery(inner, ctx);
  throw new Error(`expected a range vector, got ${inner.kind}`);
}

function selectRange(matrix: MatrixSelector, ctx: EvalContext): RangeInput {
  const { selector, rangeMs } = matrix;
  const ends = modifiedTimes(selector.at, selector.offsetMs, ctx);
  const steps = ends.length;
  const series =
    steps === 0 ? [] : selectSorted(ctx, selector.matchers, ends[0]! - rangeMs, ends[steps - 1]!);
  return { series, rangeMs, ends, stepInvariant: selector.at !== undefined };
}

/**
 * A subquery: its expression evaluated at every multiple of its step that falls inside some
 * step's window, each series keeping the points where it had a value.
 */
function evaluateSubquery(subquery: Subquery, ctx: EvalContext): RangeInput {
  const ends = modifiedTimes(subquery.at, subquery.offsetMs, ctx);
  const stepMs = subquery.stepMs ?? ctx.subqueryStepMs;
  const innerTimes: number[] = [];
  for (const end of ends) {
    const last = innerTimes[innerTimes.length - 1] ?? Number.NEGATIVE_INFINITY;
    let t = Math.ceil((end - subquery.rangeMs) / stepMs) * stepMs;
    if (t <= last) t = last + stepMs;
    for (; t <= end; t += stepMs) {
      innerTimes.push(t);
      if (innerTimes.length % 65_536 === 0) checkDeadline(ctx);
    }
  }
  const times = Float64Array.from(innerTimes);
  const value = evaluateVector(subquery.expr, { ...ctx, times });
  const series = value.map((one) => {
    const timestamps: number[] = [];
    const values: number[] = [];
    for (let j = 0; j < times.length; j++) {
      if (!one.present[j]) continue;
      timestamps.push(times[j]!);
      values.push(one.values[j]!);
    }
    return { labels: one.labels, timestamps, values };
  });
  return { series, rangeMs: subquery.rangeMs, ends, stepInvariant: subquery.at !== undefined };
}
