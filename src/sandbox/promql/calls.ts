// Function calls: range-vector functions run per series over each step's window (the name
// dropped except by last_over_time, and two results with one label set an error, as 2.42's
// matrix-function path does); instant-vector functions map each sample; and the few with
// their own rules (absent, histogram_quantile, label_replace/join, scalar, sort, timestamp).

import type { Pattern, PatternMatch } from '../../regex.ts';
import { type Call, type Expr, unwrapParens } from './ast.ts';
import { executionError } from './errors.ts';
import {
  checkDeadline,
  type EvalContext,
  evaluateScalar,
  evaluateVector,
  type RangeInput,
  rangeInput,
  selectInstant,
} from './evaluate.ts';
import { type Labels, labelsKey, labelsOf, METRIC_NAME, withoutLabels, withoutName } from './labels.ts';
import { type Bucket, bucketQuantile } from './quantile.ts';
import { RANGE_FUNCTIONS, type Window } from './range-functions.ts';
import { promRegex } from './regex.ts';
import { distinctSeries, emptySeries, type StepSeries, uniqueSeries, type Value } from './values.ts';

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

const MATH: Readonly<Record<string, (v: number) => number>> = {
  abs: Math.abs,
  ceil: Math.ceil,
  floor: Math.floor,
  exp: Math.exp,
  sqrt: Math.sqrt,
  ln: Math.log,
  log2: Math.log2,
  log10: Math.log10,
  sgn: (v) => (v > 0 ? 1 : v < 0 ? -1 : v),
  deg: (v) => (v * 180) / Math.PI,
  rad: (v) => (v * Math.PI) / 180,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  asinh: Math.asinh,
  acosh: Math.acosh,
  atanh: Math.atanh,
};

/** Date functions of a Unix time in seconds, in UTC. */
const DATE: Readonly<Record<string, (d: Date) => number>> = {
  day_of_month: (d) => d.getUTCDate(),
  day_of_week: (d) => d.getUTCDay(),
  day_of_year: (d) => Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1,
  days_in_month: (d) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate(),
  hour: (d) => d.getUTCHours(),
  minute: (d) => d.getUTCMinutes(),
  month: (d) => d.getUTCMonth() + 1,
  year: (d) => d.getUTCFullYear(),
};

export function evaluateCall(call: Call, ctx: EvalContext): Value {
  const { name } = call.func;
  const args = call.args;
  const steps = ctx.times.length;
  const rangeFunction = RANGE_FUNCTIONS[name];
  if (rangeFunction) return overRange(call, ctx, rangeFunction);
  if (name === 'absent_over_time') return absentOverTime(args[0]!, ctx);
  const math = MATH[name];
  if (math) return vector(mapSamples(evaluateVector(args[0]!, ctx), math));
  const date = DATE[name];
  if (date) {
    const input = args[0] ? evaluateVector(args[0], ctx) : [timeVector(ctx)];
    return vector(mapSamples(input, (v) => (Number.isFinite(v) ? date(new Date(Math.trunc(v) * 1000)) : v)));
  }
  switch (name) {
    case 'time':
      return { type: 'scalar', values: ctx.times.map((t) => t / 1000) };
    case 'pi':
      return { type: 'scalar', values: new Float64Array(steps).fill(Math.PI) };
    case 'vector':
      return vector([
        { labels: {}, values: evaluateScalar(args[0]!, ctx), present: new Uint8Array(steps).fill(1) },
      ]);
    case 'scalar':
      return { type: 'scalar', values: toScalar(evaluateVector(args[0]!, ctx), steps) };
    case 'clamp': {
      const [min, max] = [evaluateScalar(args[1]!, ctx), evaluateScalar(args[2]!, ctx)];
      // A step whose max is below its min has no result at all.
      const input = evaluateVector(args[0]!, ctx).map((one) => ({
        ...one,
        present: one.present.map((present, i) => (max[i]! < min[i]! ? 0 : present)),
      }));
      return vector(mapSamples(input, (v, i) => goMax(min[i]!, goMin(max[i]!, v))));
    }
    case 'clamp_min': {
      const min = evaluateScalar(args[1]!, ctx);
      return vector(mapSamples(evaluateVector(args[0]!, ctx), (v, i) => goMax(min[i]!, v)));
    }
    case 'clamp_max': {
      const max = evaluateScalar(args[1]!, ctx);
      return vector(mapSamples(evaluateVector(args[0]!, ctx), (v, i) => goMin(max[i]!, v)));
    }
    case 'round': {
      const toNearest = args[1] ? evaluateScalar(args[1], ctx) : new Float64Array(steps).fill(1);
      return vector(
        mapSamples(evaluateVector(args[0]!, ctx), (v, i) => {
          const inverse = 1 / toNearest[i]!;
          return Math.floor(v * inverse + 0.5) / inverse;
        }),
      );
    }
    case 'timestamp':
      return vector(timestamps(args[0]!, ctx));
    case 'absent':
      return absent(args[0]!, evaluateVector(args[0]!, ctx), steps);
    case 'sort':
    case 'sort_desc':
      return { type: 'vector', series: sortByValue(evaluateVector(args[0]!, ctx), name === 'sort_desc') };
    case 'histogram_quantile':
      return vector(histogramQuantile(evaluateScalar(args[0]!, ctx), evaluateVector(args[1]!, ctx), steps));
    case 'label_replace':
      return vector(relabel(evaluateVector(args[0]!, ctx), labelReplacer(args.slice(1).map(stringArg))));
    case 'label_join':
      return vector(relabel(evaluateVector(args[0]!, ctx), labelJoiner(args.slice(1).map(stringArg))));
    default:
      throw new Error(`function ${name} has no implementation`);
  }
}

function vector(series: StepSeries[]): Value {
  return { type: 'vector', series: distinctSeries(series) };
}

function stringArg(expr: Expr): string {
  const literal = unwrapParens(expr);
  if (literal.kind !== 'string') throw new Error('expected a string literal argument');
  return literal.value;
}

/** Applies fn to every sample; the result has no metric name. */
function mapSamples(input: readonly StepSeries[], fn: (v: number, step: number) => number): StepSeries[] {
  return input.map((one) => {
    const values = new Float64Array(one.values.length);
    for (let i = 0; i < values.length; i++) if (one.present[i]) values[i] = fn(one.values[i]!, i);
    return { labels: withoutName(one.labels), values, present: one.present };
  });
}

/** Go's math.Max and math.Min: NaN wins. */
function goMax(a: number, b: number): number {
  return Number.isNaN(a) || Number.isNaN(b) ? Number.NaN : Math.max(a, b);
}

function goMin(a: number, b: number): number {
  return Number.isNaN(a) || Number.isNaN(b) ? Number.NaN : Math.min(a, b);
}

function timeVector(ctx: EvalContext): StepSeries {
  return {
    labels: {},
    values: ctx.times.map((t) => t / 1000),
    present: new Uint8Array(ctx.times.length).fill(1),
  };
}

function toScalar(input: readonly StepSeries[], steps: number): Float64Array {
  const values = new Float64Array(steps);
  for (let i = 0; i < steps; i++) {
    const present = input.filter((one) => one.present[i]);
    values[i] = present.length === 1 ? present[0]!.values[i]! : Number.NaN;
  }
  return values;
}

/** timestamp(): the sample's own time for a selector, the evaluation time otherwise. */
function timestamps(arg: Expr, ctx: EvalContext): StepSeries[] {
  const inner = unwrapParens(arg);
  if (inner.kind === 'vectorSelector') {
    return selectInstant(inner, ctx, true).map((one) => ({ ...one, labels: withoutName(one.labels) }));
  }
  return mapSamples(evaluateVector(arg, ctx), (_, i) => ctx.times[i]! / 1000);
}

/** The labels absent() and absent_over_time() give: the selector's equality matchers, unless a label is matched twice. */
function absentLabels(arg: Expr): Labels {
  const inner = unwrapParens(arg);
  const selector =
    inner.kind === 'vectorSelector' ? inner : inner.kind === 'matrixSelector' ? inner.selector : undefined;
  if (!selector) return {};
  const labels = new Map<string, string>();
  const ambiguous = new Set<string>();
  for (const matcher of selector.matchers) {
    if (matcher.name === METRIC_NAME) continue;
    if (matcher.type === '=' && !labels.has(matcher.name)) labels.set(matcher.name, matcher.value);
    else ambiguous.add(matcher.name);
  }
  for (const name of ambiguous) labels.delete(name);
  return labelsOf(labels);
}

function absent(arg: Expr, input: readonly StepSeries[], steps: number): Value {
  const result = emptySeries(absentLabels(arg), steps);
  for (let i = 0; i < steps; i++) {
    if (input.some((one) => one.present[i])) continue;
    result.present[i] = 1;
    result.values[i] = 1;
  }
  return vector([result]);
}

/** For each series and step, the window's sample indices; calls visit(series, step, from, to) for non-empty windows. */
function forEachWindow(
  input: RangeInput,
  ctx: EvalContext,
  visit: (series: number, step: number, from: number, to: number) => void,
): void {
  const { ends, rangeMs } = input;
  input.series.forEach((one, s) => {
    const ts = one.timestamps;
    let from = 0;
    let to = 0;
    for (let i = 0; i < ends.length; i++) {
      if ((i & 63) === 0) checkDeadline(ctx); // a window can hold days of points: look every 64

      const end = ends[i]!;
      while (to < ts.length && ts[to]! <= end) to++;
      while (from < to && ts[from]! < end - rangeMs) from++;
      if (from < to) visit(s, i, from, to);
    }
  });
}

function overRange(call: Call, ctx: EvalContext, fn: (w: Window) => number | undefined): Value {
  const matrixIndex = call.args.findIndex(isRange);
  const input = rangeInput(call.args[matrixIndex]!, ctx);
  const params = call.args.filter((_, i) => i !== matrixIndex).map((arg) => evaluateScalar(arg, ctx));
  const steps = ctx.times.length;
  const keepName = call.func.name === 'last_over_time';
  const out = input.series.map((one) => emptySeries(keepName ? one.labels : withoutName(one.labels), steps));
  const window: Window = {
    ts: [],
    vs: [],
    from: 0,
    to: 0,
    start: 0,
    end: 0,
    rangeMs: input.rangeMs,
    evalTime: 0,
    params: params.map(() => 0),
  };
  forEachWindow(input, ctx, (s, i, from, to) => {
    const one = input.series[s]!;
    window.ts = one.timestamps;
    window.vs = one.values;
    window.from = from;
    window.to = to;
    window.end = input.ends[i]!;
    window.start = window.end - input.rangeMs;
    window.evalTime = ctx.times[input.stepInvariant ? 0 : i]!;
    for (let p = 0; p < params.length; p++) window.params[p] = params[p]![i]!;
    const value = fn(window);
    if (value === undefined) return;
    out[s]!.present[i] = 1;
    out[s]!.values[i] = value;
  });
  return { type: 'vector', series: uniqueSeries(out) };
}

function isRange(arg: Expr): boolean {
  const inner = unwrapParens(arg);
  return inner.kind === 'matrixSelector' || inner.kind === 'subquery';
}

function absentOverTime(arg: Expr, ctx: EvalContext): Value {
  const steps = ctx.times.length;
  const seen = new Uint8Array(steps);
  forEachWindow(rangeInput(arg, ctx), ctx, (_, i) => {
    seen[i] = 1;
  });
  const result = emptySeries(absentLabels(arg), steps);
  for (let i = 0; i < steps; i++) {
    if (seen[i]) continue;
    result.present[i] = 1;
    result.values[i] = 1;
  }
  return vector([result]);
}

/** sort() ascending / sort_desc() descending, NaN last; only an instant query (one step) has an order. */
function sortByValue(input: StepSeries[], descending: boolean): StepSeries[] {
  if (input[0]?.values.length !== 1) return input;
  return [...input].sort((a, b) => {
    const [x, y] = [a.values[0]!, b.values[0]!];
    if (Number.isNaN(x) || Number.isNaN(y)) return Number(Number.isNaN(x)) - Number(Number.isNaN(y));
    return descending ? y - x : x - y;
  });
}

/** Go's strconv.ParseFloat for a bucket's `le`; undefined when it does not parse. */
function parseBound(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (/^[+]?inf(inity)?$/i.test(text)) return Number.POSITIVE_INFINITY;
  if (/^-inf(inity)?$/i.test(text)) return Number.NEGATIVE_INFINITY;
  if (/^nan$/i.test(text)) return Number.NaN;
  if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text)) return undefined;
  return Number(text);
}

function histogramQuantile(q: Float64Array, input: readonly StepSeries[], steps: number): StepSeries[] {
  const groups = new Map<string, { series: StepSeries; members: { bound: number; series: StepSeries }[] }>();
  for (const one of input) {
    const bound = parseBound(one.labels.le);
    if (bound === undefined) continue;
    const key = labelsKey(withoutLabels(one.labels, ['le']));
    let group = groups.get(key);
    if (!group) {
      group = { series: emptySeries(withoutLabels(one.labels, ['le', METRIC_NAME]), steps), members: [] };
      groups.set(key, group);
    }
    group.members.push({ bound, series: one });
  }
  for (const { series, members } of groups.values()) {
    for (let i = 0; i < steps; i++) {
      const buckets: Bucket[] = [];
      for (const member of members) {
        if (member.series.present[i])
          buckets.push({ upperBound: member.bound, count: member.series.values[i]! });
      }
      if (buckets.length === 0) continue;
      series.present[i] = 1;
      series.values[i] = bucketQuantile(q[i]!, buckets);
    }
  }
  return [...groups.values()].map((group) => group.series);
}

/** New labels for each distinct label set; values unchanged. */
function relabel(input: readonly StepSeries[], relabeled: (labels: Labels) => Labels): StepSeries[] {
  return input.map((one) => ({ ...one, labels: relabeled(one.labels) }));
}

function labelReplacer([dst, replacement, src, pattern]: string[]): (labels: Labels) => Labels {
  let regex: Pattern;
  try {
    regex = promRegex(pattern!);
  } catch {
    throw executionError(`invalid regular expression in label_replace(): ${pattern}`);
  }
  if (!LABEL_NAME.test(dst!))
    throw executionError(`invalid destination label name in label_replace(): ${dst}`);
  return (labels) => {
    const match = regex.matchWhole(labels[src!] ?? '');
    if (!match) return labels;
    const value = expandTemplate(replacement!, match);
    return labelsOf([...Object.entries(labels).filter(([name]) => name !== dst), [dst!, value]]);
  };
}

/** Go's Regexp.ExpandString: `$1`, `${1}`, `$name`, `${name}`, `$$`; an unknown group is empty. */
function expandTemplate(template: string, match: PatternMatch): string {
  return template.replace(/\$(?:\$|\{(\w+)\}|(\w+))/g, (whole, braced?: string, bare?: string) => {
    if (whole === '$$') return '$';
    const name = braced ?? bare!;
    const group = /^\d+$/.test(name) ? match[Number(name)] : match.groups[name];
    return group ?? '';
  });
}

function labelJoiner([dst, separator, ...sources]: string[]): (labels: Labels) => Labels {
  for (const source of sources) {
    if (!LABEL_NAME.test(source))
      throw executionError(`invalid source label name in label_join(): ${source}`);
  }
  if (!LABEL_NAME.test(dst!)) throw executionError(`invalid destination label name in label_join(): ${dst}`);
  return (labels) => {
    const value = sources.map((source) => labels[source] ?? '').join(separator);
    return labelsOf([...Object.entries(labels).filter(([name]) => name !== dst), [dst!, value]]);
  };
}
