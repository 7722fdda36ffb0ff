// PromQL text to a checked expression tree. The syntax comes from the official lezer grammar
// (@prometheus-io/lezer-promql); that grammar is lenient and newer than Prometheus 2.42, so
// this file adds what 2.42's own parser checks: operand and argument types, where `offset`
// and `@` may stand, durations, functions and syntax 2.42 does not know. Errors read as
// Prometheus's do: `<line>:<column>: parse error: <message>`, all of type bad_data.

import { parser } from '@prometheus-io/lezer-promql';
import {
  type AggregateOp,
  type AtModifier,
  type BinaryOp,
  type Cardinality,
  COMPARISON_OPS,
  type Expr,
  SET_OPS,
  type Subquery,
  typeOf,
  type VectorMatching,
  type VectorSelector,
} from './ast.ts';
import { parseError, unsupported } from './errors.ts';
import { lookupFunction } from './functions.ts';
import { parseDuration, parseNumber, unquote } from './literals.ts';
import { matcherAccepts } from './matcher.ts';
import {
  BINARY_OPS,
  type ChainItem,
  type ModifierItem,
  type Operand,
  type OperatorItem,
  PRECEDENCE,
} from './operators.ts';
import { promRegex } from './regex.ts';
import type { LabelMatcher, MatchType } from './storage.ts';
import { type SyntaxNode, SyntaxReader, TYPE_NAMES } from './syntax-reader.ts';

const AGGREGATE_OPS: ReadonlySet<string> = new Set<AggregateOp>([
  'sum',
  'avg',
  'min',
  'max',
  'count',
  'group',
  'stddev',
  'stdvar',
  'topk',
  'bottomk',
  'quantile',
  'count_values',
]);

const MATCH_TYPES: Readonly<Record<string, MatchType>> = {
  EqlSingle: '=',
  Neq: '!=',
  EqlRegex: '=~',
  NeqRegex: '!~',
};

export function parseExpr(text: string): Expr {
  const tree = parser.parse(text);
  const syntax = new Syntax(text);
  syntax.rejectErrorNodes(tree.topNode);
  const [first, ...rest] = syntax.children(tree.topNode);
  if (!first) throw parseError(1, 1, 'no expression found in input');
  if (rest.length > 0) throw syntax.error(rest[0]!.from, `unexpected ${syntax.describe(rest[0]!.from)}`);
  return syntax.expr(first);
}

/** The label matchers of a series selector such as `up{job="api"}` or `{__name__=~"http_.*"}`. */
export function parseSelectorMatchers(text: string): LabelMatcher[] {
  const expr = parseExpr(text);
  if (expr.kind !== 'vectorSelector' || expr.offsetMs !== 0 || expr.at) {
    throw parseError(1, 1, `expected a series selector such as up{job="api"}, got ${JSON.stringify(text)}`);
  }
  return expr.matchers;
}

class Syntax extends SyntaxReader {
  expr(node: SyntaxNode): Expr {
    switch (node.name) {
      case 'NumberDurationLiteral':
        return { kind: 'number', value: this.literal(node, parseNumber) };
      case 'StringLiteral':
        return { kind: 'string', value: this.literal(node, unquote) };
      case 'ParenExpr':
        return { kind: 'paren', expr: this.expr(this.only(node)) };
      case 'VectorSelector':
        return this.vectorSelector(node);
      case 'MatrixSelector':
        return this.matrixSelector(node);
      case 'SubqueryExpr':
        return this.subquery(node);
      case 'OffsetExpr':
      case 'StepInvariantExpr':
      case 'BinaryExpr':
        return this.chain(node);
      case 'UnaryExpr':
        return this.unary(node);
      case 'FunctionCall':
        return this.call(node);
      case 'AggregateExpr':
        return this.aggregate(node);
      default:
        throw this.error(node.from, `unexpected ${this.describe(node.from)}`);
    }
  }

  only(node: SyntaxNode): SyntaxNode {
    const [child] = this.children(node);
    if (!child) throw this.error(node.to, `unexpected ${this.describe(node.to)}`);
    return child;
  }

  vectorSelector(node: SyntaxNode): VectorSelector {
    const matchers: LabelMatcher[] = [];
    let metricName: string | undefined;
    for (const child of this.children(node)) {
      if (child.name === 'Identifier') metricName = this.textOf(child);
      else if (child.name === 'LabelMatchers') {
        for (const matcher of this.children(child)) matchers.push(this.labelMatcher(matcher));
      } else throw this.error(child.from, `unexpected ${this.describe(child.from)}`);
    }
    if (metricName !== undefined) {
      const named = matchers.find((m) => m.name === '__name__');
      if (named) {
        throw this.error(
          node.from,
          `metric name must not be set twice: ${JSON.stringify(metricName)} or ${JSON.stringify(named.value)}`,
        );
      }
      matchers.unshift({ name: '__name__', type: '=', value: metricName });
    }
    if (!matchers.some((m) => !matcherAccepts(m, ''))) {
      throw this.error(node.from, 'vector selector must contain at least one non-empty matcher');
    }
    return { kind: 'vectorSelector', matchers, offsetMs: 0 };
  }

  labelMatcher(node: SyntaxNode): LabelMatcher {
    if (node.name !== 'UnquotedLabelMatcher') {
      throw this.error(
        node.from,
        `unexpected ${this.describe(node.from)} in label matching, expected identifier or "}"`,
      );
    }
    const [name, op, value] = this.children(node);
    const type = MATCH_TYPES[op?.firstChild?.name ?? ''];
    if (!name || !type || !value) throw this.error(node.from, 'unexpected label matcher');
    const matcher = { name: this.textOf(name), type, value: this.literal(value, unquote) };
    if (type === '=~' || type === '!~') {
      try {
        promRegex(matcher.value);
      } catch (error) {
        throw this.error(value.from, `error parsing regexp: ${(error as Error).message}`);
      }
    }
    return matcher;
  }

  duration(node: SyntaxNode | undefined, context: string, positive: boolean): number {
    if (!node) throw this.error(this.text.length, `unexpected end of input in ${context}`);
    const literal =
      node.name === 'DurationExpr' || node.name === 'OffsetDurationExpr' ? node.firstChild : node;
    if (literal?.name !== 'NumberDurationLiteralInDurationContext' || literal.nextSibling) {
      throw this.error(node.from, `unexpected ${this.describe(node.from)} in ${context}, expected duration`);
    }
    const text = this.textOf(literal);
    if (/^[\d.]+(?:[eE][+-]?\d+)?$/.test(text) && text !== '0') {
      throw this.error(
        node.from,
        `unexpected number ${JSON.stringify(text)} in ${context}, expected duration`,
      );
    }
    const ms = this.literal(literal, parseDuration);
    if (positive && ms <= 0) throw this.error(node.from, 'duration must be greater than 0');
    return ms;
  }

  matrixSelector(node: SyntaxNode): Expr {
    const [inner, range] = this.children(node);
    if (inner?.name === 'OffsetExpr') throw this.error(node.from, 'no offset modifiers allowed before range');
    if (inner?.name === 'StepInvariantExpr')
      throw this.error(node.from, 'no @ modifiers allowed before range');
    if (inner?.name !== 'VectorSelector') {
      throw this.error(range?.from ?? node.from, 'ranges only allowed for vector selectors');
    }
    const rangeMs = this.duration(range, 'range', true);
    return { kind: 'matrixSelector', selector: this.vectorSelector(inner), rangeMs };
  }

  subquery(node: SyntaxNode): Subquery {
    const [inner, range, step] = this.children(node);
    // lezer reads `a * b[5m:]` as (a * b)[5m:]; in Prometheus the range belongs to b,
    // which makes a range vector an operand.
    let top = inner;
    while (top?.name === 'OffsetExpr' || top?.name === 'StepInvariantExpr') top = top.firstChild ?? undefined;
    if (top?.name === 'BinaryExpr') {
      throw this.error(node.from, 'binary expression must contain only scalar and instant vector types');
    }
    if (top?.name === 'UnaryExpr') {
      throw this.error(
        node.from,
        'unary expression only allowed on expressions of type scalar or instant vector, got "range vector"',
      );
    }
    const expr = this.expr(inner!);
    if (typeOf(expr) !== 'vector') {
      throw this.error(
        node.from,
        `subquery is only allowed on instant vector, got ${TYPE_NAMES[typeOf(expr)]} in ${JSON.stringify(this.textOf(node))} instead`,
      );
    }
    const rangeMs = this.duration(range, 'subquery range', true);
    const stepMs = step ? this.duration(step, 'subquery step', true) : undefined;
    return { kind: 'subquery', expr, rangeMs, ...(stepMs === undefined ? {} : { stepMs }), offsetMs: 0 };
  }

  /** The selector or subquery an `offset` or `@` modifies (of a range selector: its vector selector). */
  modifiable(from: number, expr: Expr, modifier: string): VectorSelector | Subquery {
    if (expr.kind === 'vectorSelector' || expr.kind === 'subquery') return expr;
    if (expr.kind === 'matrixSelector') return expr.selector;
    if (expr.kind === 'unary') return this.modifiable(from, expr.expr, modifier);
    throw this.error(
      from,
      `${modifier} modifier must be preceded by an instant vector selector or range vector selector or a subquery`,
    );
  }

  offsetDuration(node: SyntaxNode | undefined): number {
    const [sign, rest] = node ? this.children(node) : [];
    if (sign?.name === 'UnaryOp' && rest) {
      const magnitude = this.offsetDuration(rest);
      return this.textOf(sign) === '-' ? -magnitude : magnitude;
    }
    return this.duration(node, 'offset', false);
  }

  atModifier(node: SyntaxNode | undefined): AtModifier {
    if (node?.name === 'AtModifierPreprocessors') {
      return { kind: node.firstChild?.name === 'AtStart' ? 'start' : 'end' };
    }
    if (node?.name !== 'NumberDurationLiteral') {
      throw this.error(
        node?.from ?? this.text.length,
        'unexpected token in @ modifier, expected number or start() or end()',
      );
    }
    const seconds = this.literal(node, parseNumber);
    const ms = Math.round(seconds * 1000);
    if (!Number.isFinite(seconds) || !Number.isSafeInteger(ms)) {
      throw this.error(
        node.from,
        `timestamp out of bounds for @ modifier: ${seconds > 0 ? '+Inf' : seconds}`,
      );
    }
    return { kind: 'time', ms };
  }

  unary(node: SyntaxNode): Expr {
    const [op, inner] = this.children(node);
    const sign = this.textOf(op!) === '-' ? '-' : '+';
    const expr = this.expr(inner!);
    if (expr.kind === 'number') return { kind: 'number', value: sign === '-' ? -expr.value : expr.value };
    const type = typeOf(expr);
    if (type !== 'scalar' && type !== 'vector') {
      throw this.error(
        node.from,
        `unary expression only allowed on expressions of type scalar or instant vector, got ${JSON.stringify(TYPE_NAMES[type])}`,
      );
    }
    return { kind: 'unary', op: sign, expr };
  }

  /**
   * A run of binary operators and `offset` / `@` modifiers. lezer nests these by its own
   * precedence (it applies `offset` to a whole `a - b`, and reads `-2 ^ 2` as (-2)^2), so
   * the run is read back in source order, each modifier applied to the operand before it,
   * and rebuilt with Prometheus's precedence: or < and unless < comparisons < + - <
   * * / % atan2 < unary minus < ^ (right-associative).
   */
  chain(node: SyntaxNode): Expr {
    const items: ChainItem[] = [];
    this.collectChain(node, items);
    const operands: Operand[] = [];
    const ops: OperatorItem[] = [];
    for (const item of items) {
      if (item.kind === 'operand') operands.push(this.operand(item.node));
      else if (item.kind === 'operator') ops.push(item);
      else this.applyModifier(item, operands[operands.length - 1]!);
    }
    let cursor = 0;
    // The operator after the operand consumed last, if any.
    const pending = () => (cursor > 0 ? ops[cursor - 1] : undefined);
    const level = (minPrecedence: number): Operand => {
      let lhs = operands[cursor++]!;
      const { negate } = lhs;
      if (negate !== undefined) {
        // A signed literal: its sign applies after any `^` that follows.
        lhs = { expr: lhs.expr, from: lhs.from };
        while (pending()?.op === '^') lhs = this.combine(lhs, pending()!, level(PRECEDENCE['^']));
        if (negate) {
          lhs = {
            expr:
              lhs.expr.kind === 'number'
                ? { kind: 'number', value: -lhs.expr.value }
                : { kind: 'unary', op: '-', expr: lhs.expr },
            from: lhs.from,
          };
        }
      }
      for (let op = pending(); op && PRECEDENCE[op.op] >= minPrecedence; op = pending()) {
        const rhs = level(op.op === '^' ? PRECEDENCE['^'] : PRECEDENCE[op.op] + 1);
        lhs = this.combine(lhs, op, rhs);
      }
      return lhs;
    };
    return level(0).expr;
  }

  collectChain(node: SyntaxNode, items: ChainItem[]): void {
    const parts = this.children(node);
    if (node.name === 'BinaryExpr') {
      const opNode = parts[1]!;
      const op = BINARY_OPS[opNode.name];
      if (!op) throw this.error(opNode.from, `unexpected ${this.describe(opNode.from)}`);
      const modifiers = parts.slice(2, -1);
      const other = modifiers.find((m) => m.name !== 'BoolModifier' && m.name !== 'MatchingModifierClause');
      if (other) throw this.error(other.from, `unexpected ${this.describe(other.from)}`);
      this.collectChain(parts[0]!, items);
      items.push({
        kind: 'operator',
        node: opNode,
        op,
        returnBool: modifiers.some((m) => m.name === 'BoolModifier'),
        clause: modifiers.find((m) => m.name === 'MatchingModifierClause'),
      });
      this.collectChain(parts[parts.length - 1]!, items);
    } else if (node.name === 'OffsetExpr' || node.name === 'StepInvariantExpr') {
      this.collectChain(parts[0]!, items);
      items.push({ kind: node.name === 'OffsetExpr' ? 'offset' : 'at', node, value: parts[2] });
    } else items.push({ kind: 'operand', node });
  }

  operand(node: SyntaxNode): Operand {
    const text = this.textOf(node);
    if (node.name === 'NumberDurationLiteral' && /^[+-]/.test(text)) {
      const magnitude = this.literal(node, (t) => Math.abs(parseNumber(t)));
      return { expr: { kind: 'number', value: magnitude }, from: node.from, negate: text.startsWith('-') };
    }
    return { expr: this.expr(node), from: node.from };
  }

  applyModifier(item: ModifierItem, operand: Operand): void {
    const modifier = item.kind === 'offset' ? 'offset' : '@';
    const target = this.modifiable(operand.from, operand.expr, modifier);
    if (item.kind === 'offset') {
      if (target.offsetMs !== 0) throw this.error(operand.from, 'offset may not be set multiple times');
      target.offsetMs = this.offsetDuration(item.value);
    } else {
      if (target.at) throw this.error(operand.from, '@ <timestamp> may not be set multiple times');
      target.at = this.atModifier(item.value);
    }
  }

  combine(lhs: Operand, op: OperatorItem, rhs: Operand): Operand {
    const expr: Expr = { kind: 'binary', op: op.op, lhs: lhs.expr, rhs: rhs.expr, returnBool: op.returnBool };
    this.checkBinary(lhs.from, op.node, expr, op.clause);
    return { expr, from: lhs.from };
  }

  /** Prometheus's checks of a binary expression; sets its vector matching when both sides are vectors. */
  checkBinary(
    from: number,
    opNode: SyntaxNode,
    expr: Extract<Expr, { kind: 'binary' }>,
    clause: SyntaxNode | undefined,
  ): void {
    const { op, returnBool } = expr;
    const matching = this.matching(clause, op);
    if (returnBool && !COMPARISON_OPS.has(op)) {
      throw this.error(opNode.from, 'bool modifier can only be used on comparison operators');
    }
    const lt = typeOf(expr.lhs);
    const rt = typeOf(expr.rhs);
    if (COMPARISON_OPS.has(op) && !returnBool && lt === 'scalar' && rt === 'scalar') {
      throw this.error(opNode.from, 'comparisons between scalars must use BOOL modifier');
    }
    for (const label of matching.labels) {
      if (matching.on && matching.include.includes(label)) {
        throw this.error(
          opNode.from,
          `label ${JSON.stringify(label)} must not occur in ON and GROUP clause at once`,
        );
      }
    }
    if ((lt !== 'scalar' && lt !== 'vector') || (rt !== 'scalar' && rt !== 'vector')) {
      throw this.error(from, 'binary expression must contain only scalar and instant vector types');
    }
    if (lt !== 'vector' || rt !== 'vector') {
      if (matching.labels.length > 0) {
        throw this.error(from, 'vector matching only allowed between instant vectors');
      }
      if (SET_OPS.has(op)) {
        throw this.error(from, `set operator ${JSON.stringify(op)} not allowed in binary scalar expression`);
      }
      return;
    }
    if (SET_OPS.has(op) && (matching.card === 'one-to-many' || matching.card === 'many-to-one')) {
      throw this.error(from, `no grouping allowed for ${JSON.stringify(op)} operation`);
    }
    expr.matching = matching;
  }

  matching(clause: SyntaxNode | undefined, op: BinaryOp): VectorMatching {
    let card: Cardinality = SET_OPS.has(op) ? 'many-to-many' : 'one-to-one';
    const matching: VectorMatching = { card, on: false, labels: [], include: [] };
    if (!clause) return matching;
    const parts = this.children(clause);
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      const labels = parts[i + 1]?.name === 'GroupingLabels' ? this.groupingLabels(parts[++i]!) : [];
      if (part.name === 'On' || part.name === 'Ignoring') {
        matching.on = part.name === 'On';
        matching.labels = labels;
      } else if (part.name === 'GroupLeft' || part.name === 'GroupRight') {
        card = part.name === 'GroupLeft' ? 'many-to-one' : 'one-to-many';
        matching.card = card;
        matching.include = labels;
      } else throw this.error(part.from, `unexpected ${this.describe(part.from)}`);
    }
    return matching;
  }

  groupingLabels(node: SyntaxNode): string[] {
    return this.children(node).map((label) => {
      if (label.name !== 'LabelName') {
        throw this.error(
          label.from,
          `unexpected ${this.describe(label.from)} in grouping opts, expected label`,
        );
      }
      return this.textOf(label);
    });
  }

  call(node: SyntaxNode): Expr {
    const [identifier, body] = this.children(node);
    const name = this.textOf(identifier!);
    const func = lookupFunction(name);
    if (!func) throw this.error(node.from, `unknown function with name ${JSON.stringify(name)}`);
    const argNodes = body ? this.children(body) : [];
    const args = argNodes.map((arg) => this.expr(arg));
    const declared = func.args.length;
    if (func.variadic === 0 && declared !== args.length) {
      throw this.error(
        node.from,
        `expected ${declared} argument(s) in call to ${JSON.stringify(name)}, got ${args.length}`,
      );
    }
    if (func.variadic !== 0 && args.length < declared - 1) {
      throw this.error(
        node.from,
        `expected at least ${declared - 1} argument(s) in call to ${JSON.stringify(name)}, got ${args.length}`,
      );
    }
    if (func.variadic > 0 && args.length > declared - 1 + func.variadic) {
      throw this.error(
        node.from,
        `expected at most ${declared - 1 + func.variadic} argument(s) in call to ${JSON.stringify(name)}, got ${args.length}`,
      );
    }
    args.forEach((arg, i) => {
      const want = func.args[Math.min(i, declared - 1)]!;
      this.expectType(argNodes[i]!, arg, want, `call to function ${JSON.stringify(name)}`);
    });
    if (!func.supported) throw unsupported(`function ${JSON.stringify(name)}`);
    return { kind: 'call', func, args };
  }

  aggregate(node: SyntaxNode): Expr {
    let op: string | undefined;
    let body: SyntaxNode | undefined;
    let grouping: string[] = [];
    let without = false;
    let modifiers = 0;
    for (const part of this.children(node)) {
      if (part.name === 'AggregateOp') op = this.textOf(part).toLowerCase();
      else if (part.name === 'FunctionCallBody') body = part;
      else if (part.name === 'AggregateModifier') {
        if (++modifiers > 1) throw this.error(part.from, `unexpected ${this.describe(part.from)}`);
        const [kind, labels] = this.children(part);
        without = kind?.name === 'Without';
        grouping = labels ? this.groupingLabels(labels) : [];
      } else throw this.error(part.from, `unexpected ${this.describe(part.from)}`);
    }
    if (!op || !AGGREGATE_OPS.has(op)) {
      throw this.error(node.from, `unknown function with name ${JSON.stringify(op ?? '')}`);
    }
    const argNodes = body ? this.children(body) : [];
    const withParam = op === 'topk' || op === 'bottomk' || op === 'quantile' || op === 'count_values';
    const wanted = withParam ? 2 : 1;
    if (argNodes.length !== wanted) {
      throw this.error(
        node.from,
        `wrong number of arguments for aggregate expression provided, expected ${wanted}, got ${argNodes.length}`,
      );
    }
    const exprNode = argNodes[wanted - 1]!;
    const expr = this.expr(exprNode);
    this.expectType(exprNode, expr, 'vector', 'aggregation expression');
    if (!withParam) return { kind: 'aggregate', op: op as AggregateOp, expr, grouping, without };
    const param = this.expr(argNodes[0]!);
    this.expectType(
      argNodes[0]!,
      param,
      op === 'count_values' ? 'string' : 'scalar',
      'aggregation parameter',
    );
    return { kind: 'aggregate', op: op as AggregateOp, expr, param, grouping, without };
  }
}
