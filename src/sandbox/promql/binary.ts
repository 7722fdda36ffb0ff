// Binary operators as Prometheus 2.42 applies them at each step: arithmetic, comparisons
// (filtering, or 0/1 with `bool`) and atan2 between scalars and vectors; vector matching
// one-to-one, many-to-one / one-to-many (group_left / group_right with extra labels) on
// `on(...)` or `ignoring(...)` signatures, with Prometheus's errors for ambiguous matches;
// and the set operators and / or / unless. Signatures and result label sets are computed
// once per series (or pair of series), not once per step.

import { type BinaryExpr, COMPARISON_OPS, SET_OPS, type VectorMatching } from './ast.ts';
import { executionError } from './errors.ts';
import { type Labels, labelsKey, labelsOf, labelsText, METRIC_NAME, withoutName } from './labels.ts';
import {
  distinctSeries,
  duplicateLabelsetError,
  emptySeries,
  type StepSeries,
  type Value,
} from './values.ts';

/** Arithmetic drops the metric name; comparisons and (in 2.42) atan2 keep it. */
const DROPS_NAME = new Set(['+', '-', '*', '/', '%', '^']);

/** Go's math.Pow, where 1^NaN and (-1)^±Inf are 1 (JavaScript says NaN). */
function pow(x: number, y: number): number {
  if (x === 1 || y === 0) return 1;
  if (x === -1 && !Number.isFinite(y) && !Number.isNaN(y)) return 1;
  return x ** y;
}

/** The value and whether to keep the sample; comparisons keep the left value. */
function apply(op: BinaryExpr['op'], l: number, r: number): [number, boolean] {
  switch (op) {
    case '+':
      return [l + r, true];
    case '-':
      return [l - r, true];
    case '*':
      return [l * r, true];
    case '/':
      return [l / r, true];
    case '%':
      return [l % r, true];
    case '^':
      return [pow(l, r), true];
    case 'atan2':
      return [Math.atan2(l, r), true];
    case '==':
      return [l, l === r];
    case '!=':
      return [l, l !== r];
    case '>':
      return [l, l > r];
    case '<':
      return [l, l < r];
    case '>=':
      return [l, l >= r];
    case '<=':
      return [l, l <= r];
    default:
      throw new Error(`${op} is not an arithmetic or comparison operator`);
  }
}

export function evaluateBinary(expr: BinaryExpr, lhs: Value, rhs: Value, steps: number): Value {
  if (lhs.type === 'scalar' && rhs.type === 'scalar') {
    const values = new Float64Array(steps);
    for (let i = 0; i < steps; i++) {
      const [value, keep] = apply(expr.op, lhs.values[i]!, rhs.values[i]!);
      values[i] = COMPARISON_OPS.has(expr.op) ? Number(keep) : value;
    }
    return { type: 'scalar', values };
  }
  if (lhs.type === 'vector' && rhs.type === 'scalar')
    return vectorScalar(expr, lhs.series, rhs.values, false);
  if (lhs.type === 'scalar' && rhs.type === 'vector') return vectorScalar(expr, rhs.series, lhs.values, true);
  if (lhs.type !== 'vector' || rhs.type !== 'vector' || !expr.matching) {
    throw new Error(`operator ${expr.op} between ${lhs.type} and ${rhs.type}`);
  }
  const series = SET_OPS.has(expr.op)
    ? setOperation(expr.op, lhs.series, rhs.series, expr.matching)
    : vectorVector(expr, lhs.series, rhs.series, expr.matching);
  return { type: 'vector', series: distinctSeries(series) };
}

function vectorScalar(
  expr: BinaryExpr,
  vector: StepSeries[],
  scalar: Float64Array,
  scalarLeft: boolean,
): Value {
  const comparison = COMPARISON_OPS.has(expr.op);
  const dropName = DROPS_NAME.has(expr.op) || expr.returnBool;
  const out = vector.map((one) => {
    const result = emptySeries(dropName ? withoutName(one.labels) : one.labels, scalar.length);
    for (let i = 0; i < scalar.length; i++) {
      if (!one.present[i]) continue;
      const v = one.values[i]!;
      const s = scalar[i]!;
      let [value, keep] = scalarLeft ? apply(expr.op, s, v) : apply(expr.op, v, s);
      // A comparison keeps the vector's value, even with the scalar on the left.
      if (comparison) value = v;
      if (expr.returnBool) {
        value = Number(keep);
        keep = true;
      }
      if (!keep) continue;
      result.present[i] = 1;
      result.values[i] = value;
    }
    return result;
  });
  return { type: 'vector', series: distinctSeries(out) };
}

/** The labels two series are matched on: the `on` labels, or all but the `ignoring` ones and the name. */
function matchedLabels(labels: Labels, matching: VectorMatching): Labels {
  return labelsOf(
    Object.entries(labels).filter(([name]) =>
      matching.on ? matching.labels.includes(name) : name !== METRIC_NAME && !matching.labels.includes(name),
    ),
  );
}

/** Small integer ids for the signatures of both sides, so each step matches with arrays, not maps. */
function signatureIds(sides: StepSeries[][], matching: VectorMatching): { ids: Int32Array[]; count: number } {
  const ids = new Map<string, number>();
  const perSide = sides.map((side) =>
    Int32Array.from(side, (one) => {
      const sig = labelsKey(matchedLabels(one.labels, matching));
      let id = ids.get(sig);
      if (id === undefined) {
        id = ids.size;
        ids.set(sig, id);
      }
      return id;
    }),
  );
  return { ids: perSide, count: ids.size };
}

/** Prometheus's resultMetric: the "many" side's labels, name dropped for arithmetic, matching and group_x labels applied. */
function resultLabels(many: Labels, one: Labels, expr: BinaryExpr, matching: VectorMatching): Labels {
  let entries = Object.entries(many);
  if (DROPS_NAME.has(expr.op) || expr.returnBool) entries = entries.filter(([name]) => name !== METRIC_NAME);
  if (matching.card === 'one-to-one') {
    entries = entries.filter(([name]) => matching.labels.includes(name) === matching.on);
  }
  const out = new Map(entries);
  for (const name of matching.include) {
    const value = one[name];
    if (value) out.set(name, value);
    else out.delete(name);
  }
  return labelsOf(out);
}

function vectorVector(
  expr: BinaryExpr,
  lhs: StepSeries[],
  rhs: StepSeries[],
  matching: VectorMatching,
): StepSeries[] {
  // One-to-many is many-to-one with the sides swapped (values swapped back below).
  const swapped = matching.card === 'one-to-many';
  const many = swapped ? rhs : lhs;
  const one = swapped ? lhs : rhs;
  const { ids, count: signatures } = signatureIds([many, one], matching);
  const [manySig, oneSig] = ids as [Int32Array, Int32Array];
  const steps = lhs[0]?.values.length ?? rhs[0]?.values.length ?? 0;
  const oneAt = new Int32Array(signatures);
  const oneStamp = new Int32Array(signatures).fill(-1);
  const matchedStamp = new Int32Array(signatures).fill(-1);
  const outputs = new Map<string, { series: StepSeries; sig: number }>();
  const pairs = new Map<number, { series: StepSeries; sig: number }>();

  for (let i = 0; i < steps; i++) {
    // Prometheus short-circuits a step where either side is empty: no duplicate checks either.
    if (!many.some((series) => series.present[i]) || !one.some((series) => series.present[i])) continue;
    for (let r = 0; r < one.length; r++) {
      if (!one[r]!.present[i]) continue;
      const sig = oneSig[r]!;
      if (oneStamp[sig] === i) throw duplicateMatchError(one[r]!, one[oneAt[sig]!]!, matching, swapped);
      oneStamp[sig] = i;
      oneAt[sig] = r;
    }
    for (let l = 0; l < many.length; l++) {
      const manySeries = many[l]!;
      const sig = manySig[l]!;
      if (!manySeries.present[i] || oneStamp[sig] !== i) continue;
      const r = oneAt[sig]!;
      const mv = manySeries.values[i]!;
      const ov = one[r]!.values[i]!;
      let [value, keep] = swapped ? apply(expr.op, ov, mv) : apply(expr.op, mv, ov);
      if (expr.returnBool) {
        value = Number(keep);
        keep = true;
      }
      if (!keep) continue;
      if (matching.card === 'one-to-one') {
        if (matchedStamp[sig] === i) {
          throw executionError(
            'multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)',
          );
        }
        matchedStamp[sig] = i;
      }
      const output = outputFor(l * one.length + r);
      if (output.series.present[i]) {
        if (matching.card !== 'one-to-one' && output.sig === sig) {
          throw executionError(
            'multiple matches for matching labels: grouping labels must ensure unique matches',
          );
        }
        throw duplicateLabelsetError();
      }
      output.series.present[i] = 1;
      output.series.values[i] = value;
    }
  }
  return [...outputs.values()].map((output) => output.series);

  function outputFor(pair: number): { series: StepSeries; sig: number } {
    let output = pairs.get(pair);
    if (output) return output;
    const l = Math.floor(pair / one.length);
    const labels = resultLabels(many[l]!.labels, one[pair % one.length]!.labels, expr, matching);
    const key = labelsKey(labels);
    output = outputs.get(key);
    if (!output) {
      output = { series: emptySeries(labels, steps), sig: manySig[l]! };
      outputs.set(key, output);
    }
    pairs.set(pair, output);
    return output;
  }
}

function duplicateMatchError(
  a: StepSeries,
  b: StepSeries,
  matching: VectorMatching,
  swapped: boolean,
): Error {
  return executionError(
    `found duplicate series for the match group ${labelsText(matchedLabels(a.labels, matching))} on the ${
      swapped ? 'left' : 'right'
    } hand-side of the operation: [${labelsText(a.labels)}, ${labelsText(b.labels)}];many-to-many matching not allowed: matching labels must be unique on one side`,
  );
}

function setOperation(
  op: string,
  lhs: StepSeries[],
  rhs: StepSeries[],
  matching: VectorMatching,
): StepSeries[] {
  const { ids, count: signatures } = signatureIds([lhs, rhs], matching);
  const [lhsSig, rhsSig] = ids as [Int32Array, Int32Array];
  const steps = lhs[0]?.values.length ?? rhs[0]?.values.length ?? 0;
  const lhsOut = lhs.map((one) => emptySeries(one.labels, steps));
  const rhsOut = op === 'or' ? rhs.map((one) => emptySeries(one.labels, steps)) : [];
  const seenStamp = new Int32Array(signatures).fill(-1);
  const keep = (from: StepSeries, to: StepSeries, i: number) => {
    to.present[i] = 1;
    to.values[i] = from.values[i]!;
  };
  for (let i = 0; i < steps; i++) {
    // The side whose signatures decide: the right for and/unless, the left for or.
    const [decider, deciderSig] = op === 'or' ? [lhs, lhsSig] : [rhs, rhsSig];
    for (let j = 0; j < decider.length; j++) if (decider[j]!.present[i]) seenStamp[deciderSig[j]!] = i;
    const wantMatch = op === 'and';
    for (let j = 0; j < lhs.length; j++) {
      const one = lhs[j]!;
      if (one.present[i] && (op === 'or' || (seenStamp[lhsSig[j]!] === i) === wantMatch))
        keep(one, lhsOut[j]!, i);
    }
    for (let j = 0; j < rhsOut.length; j++) {
      const one = rhs[j]!;
      if (one.present[i] && seenStamp[rhsSig[j]!] !== i) keep(one, rhsOut[j]!, i);
    }
  }
  return [...lhsOut, ...rhsOut];
}
