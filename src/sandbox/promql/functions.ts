// The functions Prometheus 2.42 knows, with the argument types its parser checks. A name not
// listed is an unknown function, as in 2.42 (even if later Prometheus versions added it);
// a listed one the sandbox does not evaluate is marked unsupported and rejected by name.

import type { ValueType } from './ast.ts';

export interface FunctionDef {
  name: string;
  args: readonly ValueType[];
  /** 0: exactly `args`; n > 0: the last argument may repeat up to n times or be left out; -1: any number of the last. */
  variadic: number;
  returns: ValueType;
  supported: boolean;
}

const V: ValueType = 'vector';
const M: ValueType = 'matrix';
const S: ValueType = 'scalar';
const STR: ValueType = 'string';

function fn(
  name: string,
  args: ValueType[],
  returns: ValueType = V,
  variadic = 0,
  supported = true,
): FunctionDef {
  return { name, args, variadic, returns, supported };
}

const MATH = [
  'abs',
  'ceil',
  'floor',
  'exp',
  'sqrt',
  'ln',
  'log2',
  'log10',
  'sgn',
  'deg',
  'rad',
  'sin',
  'cos',
  'tan',
  'asin',
  'acos',
  'atan',
  'sinh',
  'cosh',
  'tanh',
  'asinh',
  'acosh',
  'atanh',
];
const DATE = [
  'day_of_month',
  'day_of_week',
  'day_of_year',
  'days_in_month',
  'hour',
  'minute',
  'month',
  'year',
];
const OVER_TIME = [
  'avg_over_time',
  'min_over_time',
  'max_over_time',
  'sum_over_time',
  'count_over_time',
  'last_over_time',
  'stddev_over_time',
  'stdvar_over_time',
  'present_over_time',
  'absent_over_time',
];
const RATES = ['rate', 'irate', 'increase', 'delta', 'idelta', 'deriv', 'changes', 'resets'];

const FUNCTIONS: ReadonlyMap<string, FunctionDef> = new Map(
  [
    ...MATH.map((name) => fn(name, [V])),
    ...DATE.map((name) => fn(name, [V], V, 1)),
    ...OVER_TIME.map((name) => fn(name, [M])),
    ...RATES.map((name) => fn(name, [M])),
    fn('absent', [V]),
    fn('clamp', [V, S, S]),
    fn('clamp_max', [V, S]),
    fn('clamp_min', [V, S]),
    fn('round', [V, S], V, 1),
    fn('histogram_quantile', [S, V]),
    fn('label_replace', [V, STR, STR, STR, STR]),
    fn('label_join', [V, STR, STR, STR], V, -1),
    fn('predict_linear', [M, S]),
    fn('quantile_over_time', [S, M]),
    fn('scalar', [V], S),
    fn('vector', [S]),
    fn('time', [], S),
    fn('pi', [], S),
    fn('timestamp', [V]),
    fn('sort', [V]),
    fn('sort_desc', [V]),
    // Known to Prometheus 2.42, not evaluated by the sandbox.
    fn('holt_winters', [M, S, S], V, 0, false),
    fn('histogram_count', [V], V, 0, false),
    fn('histogram_sum', [V], V, 0, false),
    fn('histogram_fraction', [S, S, V], V, 0, false),
  ].map((def) => [def.name, def]),
);

export function lookupFunction(name: string): FunctionDef | undefined {
  return FUNCTIONS.get(name);
}
