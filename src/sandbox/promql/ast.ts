// The parsed form of a PromQL expression as Prometheus 2.42 models it: the lezer syntax tree
// turned into typed nodes with durations in milliseconds, unquoted strings and folded signs.
// `offset` and `@` belong to the selector or subquery they modify, as in Prometheus.

import type { FunctionDef } from './functions.ts';
import type { LabelMatcher } from './storage.ts';

export type ValueType = 'scalar' | 'vector' | 'matrix' | 'string';

/** `@ <time>`, `@ start()` or `@ end()`. */
export type AtModifier = { kind: 'time'; ms: number } | { kind: 'start' } | { kind: 'end' };

export type BinaryOp =
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | '^'
  | 'atan2'
  | '=='
  | '!='
  | '>'
  | '<'
  | '>='
  | '<='
  | 'and'
  | 'or'
  | 'unless';

export type AggregateOp =
  | 'sum'
  | 'avg'
  | 'min'
  | 'max'
  | 'count'
  | 'group'
  | 'stddev'
  | 'stdvar'
  | 'topk'
  | 'bottomk'
  | 'quantile'
  | 'count_values';

export type Cardinality = 'one-to-one' | 'many-to-one' | 'one-to-many' | 'many-to-many';

export interface VectorMatching {
  card: Cardinality;
  /** `on(...)` when true, `ignoring(...)` (or no clause) when false. */
  on: boolean;
  labels: string[];
  /** The extra labels of `group_left(...)` / `group_right(...)`, taken from the "one" side. */
  include: string[];
}

export interface NumberLiteral {
  kind: 'number';
  value: number;
}

export interface StringLiteral {
  kind: 'string';
  value: string;
}

export interface VectorSelector {
  kind: 'vectorSelector';
  matchers: LabelMatcher[];
  offsetMs: number;
  at?: AtModifier;
}

export interface MatrixSelector {
  kind: 'matrixSelector';
  selector: VectorSelector;
  rangeMs: number;
}

export interface Subquery {
  kind: 'subquery';
  expr: Expr;
  rangeMs: number;
  /** Absent: the engine's default subquery step. */
  stepMs?: number;
  offsetMs: number;
  at?: AtModifier;
}

export interface ParenExpr {
  kind: 'paren';
  expr: Expr;
}

export interface UnaryExpr {
  kind: 'unary';
  op: '+' | '-';
  expr: Expr;
}

export interface BinaryExpr {
  kind: 'binary';
  op: BinaryOp;
  lhs: Expr;
  rhs: Expr;
  returnBool: boolean;
  /** Only between two instant vectors. */
  matching?: VectorMatching;
}

export interface Call {
  kind: 'call';
  func: FunctionDef;
  args: Expr[];
}

export interface AggregateExpr {
  kind: 'aggregate';
  op: AggregateOp;
  expr: Expr;
  param?: Expr;
  grouping: string[];
  without: boolean;
}

export type Expr =
  | NumberLiteral
  | StringLiteral
  | VectorSelector
  | MatrixSelector
  | Subquery
  | ParenExpr
  | UnaryExpr
  | BinaryExpr
  | Call
  | AggregateExpr;

export const COMPARISON_OPS: ReadonlySet<BinaryOp> = new Set(['==', '!=', '>', '<', '>=', '<=']);
export const SET_OPS: ReadonlySet<BinaryOp> = new Set(['and', 'or', 'unless']);

export function typeOf(expr: Expr): ValueType {
  switch (expr.kind) {
    case 'number':
      return 'scalar';
    case 'string':
      return 'string';
    case 'vectorSelector':
    case 'aggregate':
      return 'vector';
    case 'matrixSelector':
    case 'subquery':
      return 'matrix';
    case 'paren':
    case 'unary':
      return typeOf(expr.expr);
    case 'binary':
      return typeOf(expr.lhs) === 'scalar' && typeOf(expr.rhs) === 'scalar' ? 'scalar' : 'vector';
    case 'call':
      return expr.func.returns;
  }
}

/** The expression inside any number of parentheses. */
export function unwrapParens(expr: Expr): Expr {
  return expr.kind === 'paren' ? unwrapParens(expr.expr) : expr;
}
