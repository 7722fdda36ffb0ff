// Aggregation operators as Prometheus 2.42 computes them at each step, in the same order
// and with the same arithmetic (incremental mean for avg, Welford for stddev/stdvar, NaN
// handling of min/max, Go's container/heap for topk/bottomk so ties pick the same series),
// grouped `by` (keeping only those labels) or `without` (dropping them and the name).

import { type AggregateExpr, unwrapParens } from './ast.ts';
import { executionError } from './errors.ts';
import { type EvalContext, evaluateScalar, evaluateVector } from './evaluate.ts';
import { formatValue } from './format.ts';
import { type Labels, labelsKey, labelsOf, METRIC_NAME } from './labels.ts';
import { quantile } from './quantile.ts';
import { emptySeries, type StepSeries, type Value } from './values.ts';

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function evaluateAggregate(expr: AggregateExpr, ctx: EvalContext): Value {
  const input = evaluateVector(expr.expr, ctx);
  const steps = ctx.times.length;
  switch (expr.op) {
    case 'topk':
    case 'bottomk':
      return vector(selectK(expr, input, evaluateScalar(expr.param!, ctx), steps));
    case 'quantile':
      return vector(aggregateQuantile(expr, input, evaluateScalar(expr.param!, ctx), steps));
    case 'count_values':
      return vector(countValues(expr, input, steps));
    default:
      return vector(accumulate(expr, input, steps));
  }
}

function vector(series: StepSeries[]): Value {
  return { type: 'vector', series: series.filter((one) => one.present.includes(1)) };
}

/** The labels of the group a series belongs to. */
function groupLabels(labels: Labels, expr: AggregateExpr): Labels {
  return labelsOf(
    Object.entries(labels).filter(([name]) =>
      expr.without ? name !== METRIC_NAME && !expr.grouping.includes(name) : expr.grouping.includes(name),
    ),
  );
}

/** Each series' group index, and the label set of each group in order of first appearance. */
function groupsOf(
  input: readonly StepSeries[],
  expr: AggregateExpr,
): { groupOf: Int32Array; labels: Labels[] } {
  const index = new Map<string, number>();
  const labels: Labels[] = [];
  const groupOf = Int32Array.from(input, (one) => {
    const group = groupLabels(one.labels, expr);
    const key = labelsKey(group);
    let id = index.get(key);
    if (id === undefined) {
      id = labels.length;
      index.set(key, id);
      labels.push(group);
    }
    return id;
  });
  return { groupOf, labels };
}

/** sum, avg, min, max, count, group, stddev, stdvar. */
function accumulate(expr: AggregateExpr, input: readonly StepSeries[], steps: number): StepSeries[] {
  const { groupOf, labels } = groupsOf(input, expr);
  const out = labels.map((group) => emptySeries(group, steps));
  const counts = labels.map(() => new Float64Array(steps));
  const means = labels.map(() => new Float64Array(steps));
  input.forEach((one, s) => {
    const g = groupOf[s]!;
    const result = out[g]!;
    const count = counts[g]!;
    const mean = means[g]!;
    for (let i = 0; i < steps; i++) {
      if (!one.present[i]) continue;
      const v = one.values[i]!;
      if (!result.present[i]) {
        result.present[i] = 1;
        count[i] = 1;
        mean[i] = v;
        result.values[i] = expr.op === 'stddev' || expr.op === 'stdvar' ? 0 : expr.op === 'group' ? 1 : v;
        continue;
      }
      const n = ++count[i]!;
      switch (expr.op) {
        case 'sum':
          result.values[i] = result.values[i]! + v;
          break;
        case 'avg':
          mean[i] = nextMean(mean[i]!, v, n);
          break;
        case 'max':
          if (result.values[i]! < v || Number.isNaN(result.values[i])) result.values[i] = v;
          break;
        case 'min':
          if (result.values[i]! > v || Number.isNaN(result.values[i])) result.values[i] = v;
          break;
        case 'stddev':
        case 'stdvar': {
          const delta = v - mean[i]!;
          mean[i] = mean[i]! + delta / n;
          result.values[i] = result.values[i]! + delta * (v - mean[i]!);
          break;
        }
      }
    }
  });
  out.forEach((result, g) => {
    for (let i = 0; i < steps; i++) {
      if (!result.present[i]) continue;
      const n = counts[g]![i]!;
      if (expr.op === 'avg') result.values[i] = means[g]![i]!;
      else if (expr.op === 'count') result.values[i] = n;
      else if (expr.op === 'stdvar') result.values[i] = result.values[i]! / n;
      else if (expr.op === 'stddev') result.values[i] = Math.sqrt(result.values[i]! / n);
    }
  });
  return out;
}

/** Prometheus's running mean, which keeps an infinite mean rather than turning it into NaN. */
function nextMean(mean: number, v: number, n: number): number {
  if (!Number.isFinite(mean) && !Number.isNaN(mean)) {
    if (!Number.isFinite(v) && !Number.isNaN(v) && mean > 0 === v > 0) return mean;
    if (Number.isFinite(v)) return mean;
  }
  return mean + v / n - mean / n;
}

/** The present series of each group at step i, in input order. */
function membersAt(input: readonly StepSeries[], groupOf: Int32Array, groups: number, i: number): number[][] {
  const members: number[][] = Array.from({ length: groups }, () => []);
  input.forEach((one, s) => {
    if (one.present[i]) members[groupOf[s]!]!.push(s);
  });
  return members;
}

function selectK(
  expr: AggregateExpr,
  input: readonly StepSeries[],
  param: Float64Array,
  steps: number,
): StepSeries[] {
  const { groupOf, labels } = groupsOf(input, expr);
  const out = input.map((one) => emptySeries(one.labels, steps));
  const top = expr.op === 'topk';
  for (let i = 0; i < steps; i++) {
    const k = param[i]!;
    if (Number.isNaN(k) || Math.abs(k) >= 2 ** 63)
      throw executionError(`Scalar value ${formatValue(k)} overflows int64`);
    const limit = Math.trunc(k);
    if (limit < 1) continue;
    const value = (s: number) => input[s]!.values[i]!;
    // Go's vectorByValueHeap (topk) or vectorByReverseValueHeap (bottomk): NaN is always "less".
    const less = (a: number, b: number) =>
      Number.isNaN(value(a)) ? true : top ? value(a) < value(b) : value(a) > value(b);
    for (const members of membersAt(input, groupOf, labels.length, i)) {
      const heap: number[] = [];
      for (const s of members) {
        const root = heap.length > 0 ? value(heap[0]!) : Number.NaN;
        // 2.42: a full heap gives way when its root is NaN or worse than the sample.
        if (heap.length >= limit && !(Number.isNaN(root) || (top ? root < value(s) : root > value(s))))
          continue;
        if (heap.length >= limit) {
          if (limit === 1) {
            heap[0] = s;
            continue;
          }
          pop(heap, less);
        }
        heap.push(s);
        up(heap, heap.length - 1, less);
      }
      for (const s of heap) {
        out[s]!.present[i] = 1;
        out[s]!.values[i] = value(s);
      }
    }
  }
  return out;
}

function up(heap: number[], from: number, less: (a: number, b: number) => boolean): void {
  let j = from;
  for (;;) {
    const parent = Math.trunc((j - 1) / 2);
    if (parent === j || !less(heap[j]!, heap[parent]!)) break;
    [heap[parent], heap[j]] = [heap[j]!, heap[parent]!];
    j = parent;
  }
}

function down(heap: number[], from: number, size: number, less: (a: number, b: number) => boolean): void {
  let i = from;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= size) break;
    let j = left;
    if (left + 1 < size && less(heap[left + 1]!, heap[left]!)) j = left + 1;
    if (!less(heap[j]!, heap[i]!)) break;
    [heap[i], heap[j]] = [heap[j]!, heap[i]!];
    i = j;
  }
}

/** Go's heap.Pop: the root swapped to the end, sifted, and removed. */
function pop(heap: number[], less: (a: number, b: number) => boolean): void {
  const last = heap.length - 1;
  [heap[0], heap[last]] = [heap[last]!, heap[0]!];
  down(heap, 0, last, less);
  heap.pop();
}

function aggregateQuantile(
  expr: AggregateExpr,
  input: readonly StepSeries[],
  param: Float64Array,
  steps: number,
): StepSeries[] {
  const { groupOf, labels } = groupsOf(input, expr);
  const out = labels.map((group) => emptySeries(group, steps));
  for (let i = 0; i < steps; i++) {
    membersAt(input, groupOf, labels.length, i).forEach((members, g) => {
      if (members.length === 0) return;
      out[g]!.present[i] = 1;
      out[g]!.values[i] = quantile(
        param[i]!,
        Float64Array.from(members, (s) => input[s]!.values[i]!),
      );
    });
  }
  return out;
}

function countValues(expr: AggregateExpr, input: readonly StepSeries[], steps: number): StepSeries[] {
  const literal = expr.param && unwrapParens(expr.param);
  const param = literal?.kind === 'string' ? literal.value : '';
  if (!LABEL_NAME.test(param)) throw executionError(`invalid label name ${JSON.stringify(param)}`);
  const grouping: AggregateExpr = expr.without ? expr : { ...expr, grouping: [...expr.grouping, param] };
  const groups = new Map<string, StepSeries>();
  input.forEach((one) => {
    // The group of each distinct value of this series.
    const byValue = new Map<string, StepSeries>();
    for (let i = 0; i < steps; i++) {
      if (!one.present[i]) continue;
      const value = formatValue(one.values[i]!);
      let group = byValue.get(value);
      if (!group) {
        const labels = groupLabels({ ...one.labels, [param]: value }, grouping);
        const key = labelsKey(labels);
        group = groups.get(key) ?? emptySeries(labels, steps);
        groups.set(key, group);
        byValue.set(value, group);
      }
      group.present[i] = 1;
      group.values[i]! += 1;
    }
  });
  return [...groups.values()];
}
