// The binary operators of PromQL as the parser rebuilds them: lezer's node names, Prometheus's
// precedence, and the pieces of an operator chain read back in source order.

import type { BinaryOp, Expr } from './ast.ts';
import type { SyntaxNode } from './syntax-reader.ts';

export const BINARY_OPS: Readonly<Record<string, BinaryOp>> = {
  Add: '+',
  Sub: '-',
  Mul: '*',
  Div: '/',
  Mod: '%',
  Pow: '^',
  Atan2: 'atan2',
  Eql: '==',
  Neq: '!=',
  Gtr: '>',
  Lss: '<',
  Gte: '>=',
  Lte: '<=',
  And: 'and',
  Or: 'or',
  Unless: 'unless',
};

/** Binding strength of binary operators in Prometheus's grammar. */
export const PRECEDENCE: Readonly<Record<BinaryOp, number>> = {
  or: 1,
  and: 2,
  unless: 2,
  '==': 3,
  '!=': 3,
  '>': 3,
  '<': 3,
  '>=': 3,
  '<=': 3,
  '+': 4,
  '-': 4,
  '*': 5,
  '/': 5,
  '%': 5,
  atan2: 5,
  '^': 6,
};

export interface OperatorItem {
  kind: 'operator';
  node: SyntaxNode;
  op: BinaryOp;
  returnBool: boolean;
  clause: SyntaxNode | undefined;
}

export interface ModifierItem {
  kind: 'offset' | 'at';
  node: SyntaxNode;
  value: SyntaxNode | undefined;
}

export type ChainItem = { kind: 'operand'; node: SyntaxNode } | OperatorItem | ModifierItem;

/** An operand of a chain: its expression, where it starts, and for a signed literal the sign still to apply. */
export interface Operand {
  expr: Expr;
  from: number;
  negate?: boolean;
}
