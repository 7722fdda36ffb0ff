// Static type checker for policy expressions. @bufbuild/cel 0.6 parses and evaluates CEL but
// its own checker only knows constants and identifiers, so this walks the parsed AST against
// the input schema (cel-types.ts). Function and operator overloads come from the CEL
// environment itself, so the checker accepts exactly what the evaluator can run. A rule that
// passes here cannot fail at runtime on a typo, a missing field or an int/string mix-up.

import {
  type CelEnv,
  CelScalar,
  type CelType,
  listType,
  mapType,
  objectType,
  type parse,
} from '@bufbuild/cel';
import { closestName } from '../closest-name.ts';
import {
  DURATION_NAME,
  isDyn,
  isNumeric,
  isScalar,
  type PolicyType,
  type RecordType,
  TIMESTAMP_NAME,
  typeName,
} from './cel-types.ts';

type ParsedExpr = ReturnType<typeof parse>;
type Expr = ParsedExpr['expr'];
type ExprOf<K extends Expr['exprKind']['case']> = Extract<Expr['exprKind'], { case: K }>['value'];

/** A type error at a character offset of the expression. */
export class ExpressionTypeError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.name = 'ExpressionTypeError';
    this.offset = offset;
  }
}

const { BOOL, INT, UINT, DOUBLE, STRING, BYTES, NULL, DYN, TYPE } = CelScalar;
const TYPE_IDENTIFIERS = [
  'int',
  'uint',
  'double',
  'bool',
  'string',
  'bytes',
  'list',
  'map',
  'null_type',
  'type',
];
const OPERATORS: Record<string, string> = {
  '_+_': '+',
  '_-_': '-',
  '_*_': '*',
  '_/_': '/',
  '_%_': '%',
  '_<_': '<',
  '_<=_': '<=',
  '_>_': '>',
  '_>=_': '>=',
  '_==_': '==',
  '_!=_': '!=',
  '!_': '!',
  '-_': '-',
  '_&&_': '&&',
  '_||_': '||',
};

/** Checks one parsed expression and returns its type; throws ExpressionTypeError. */
export function checkExpression(
  env: CelEnv,
  parsed: ParsedExpr,
  globals: Readonly<Record<string, PolicyType>>,
): PolicyType {
  const positions = parsed.sourceInfo?.positions ?? {};
  const scopes: Map<string, PolicyType>[] = [];
  const fail = (expr: Expr, message: string): never => {
    throw new ExpressionTypeError(message, positions[String(expr.id)] ?? 0);
  };

  function check(expr: Expr): PolicyType {
    const kind = expr.exprKind;
    switch (kind.case) {
      case 'constExpr':
        return constantType(expr, kind.value);
      case 'identExpr':
        return identifier(expr, kind.value.name);
      case 'selectExpr':
        return select(expr, check(kind.value.operand!), kind.value.field, kind.value.testOnly);
      case 'callExpr':
        return call(expr, kind.value);
      case 'listExpr':
        if (kind.value.optionalIndices.length) fail(expr, 'optional list elements are not supported');
        return listType(celType(joinAll(kind.value.elements.map(check))));
      case 'structExpr':
        return mapLiteral(expr, kind.value);
      case 'comprehensionExpr':
        return comprehension(expr, kind.value);
      default:
        return fail(expr, 'empty expression');
    }
  }

  function constantType(expr: Expr, constant: ExprOf<'constExpr'>): PolicyType {
    switch (constant.constantKind.case) {
      case 'boolValue':
        return BOOL;
      case 'int64Value':
        return INT;
      case 'uint64Value':
        return UINT;
      case 'doubleValue':
        return DOUBLE;
      case 'stringValue':
        return STRING;
      case 'bytesValue':
        return BYTES;
      case 'nullValue':
        return NULL;
      case 'durationValue':
        return objectType(DURATION_NAME);
      case 'timestampValue':
        return objectType(TIMESTAMP_NAME);
      default:
        return fail(expr, 'unknown constant');
    }
  }

  function identifier(expr: Expr, name: string): PolicyType {
    for (let i = scopes.length - 1; i >= 0; i--) {
      const local = scopes[i]!.get(name);
      if (local) return local;
    }
    const global = globals[name];
    if (global) return global;
    if (TYPE_IDENTIFIERS.includes(name)) return TYPE;
    return fail(expr, `undeclared reference to '${name}'${suggest(name, Object.keys(globals))}`);
  }

  function select(expr: Expr, operand: PolicyType, field: string, testOnly: boolean): PolicyType {
    if (operand.kind === 'record') {
      const type = operand.fields[field];
      if (!type) return fail(expr, unknownField(operand, field));
      return testOnly ? BOOL : type;
    }
    if (
      isDyn(operand) ||
      (operand.kind === 'map' && (isDyn(operand.key) || isScalar(operand.key, 'string')))
    ) {
      return testOnly ? BOOL : operand.kind === 'map' ? operand.value : DYN;
    }
    return fail(expr, `cannot select field '${field}' from ${typeName(operand)}`);
  }

  function call(expr: Expr, value: ExprOf<'callExpr'>): PolicyType {
    const target = value.target ? check(value.target) : undefined;
    const args = value.args.map(check);
    const [left, right] = args as [PolicyType, PolicyType];
    switch (value.function) {
      case '_&&_':
      case '_||_':
        for (const arg of args) {
          if (!assignable(arg, BOOL))
            fail(expr, `operands of ${OPERATORS[value.function]} must be bool, got ${typeName(arg)}`);
        }
        return BOOL;
      case '@not_strictly_false':
        return BOOL;
      case '_?_:_':
        if (!assignable(left, BOOL)) fail(expr, `condition of ?: must be bool, got ${typeName(left)}`);
        return (
          join(right, args[2]!) ??
          fail(expr, `branches of ?: differ: ${typeName(right)} and ${typeName(args[2]!)}`)
        );
      case '_==_':
      case '_!=_':
        if (!comparable(left, right)) {
          fail(
            expr,
            `cannot compare ${typeName(left)} with ${typeName(right)} using ${OPERATORS[value.function]}`,
          );
        }
        return BOOL;
      case '@in':
        return membership(expr, left, right);
      case '_[_]':
        return index(expr, left, right, value.args[1]!);
      default:
        return overload(expr, value.function, target, args);
    }
  }

  function membership(expr: Expr, item: PolicyType, container: PolicyType): PolicyType {
    const element =
      container.kind === 'list' ? container.element : container.kind === 'map' ? container.key : undefined;
    if (!isDyn(container) && !element) {
      return fail(expr, `'in' needs a list or map on its right, got ${typeName(container)}`);
    }
    if (element && !comparable(item, element)) {
      fail(expr, `'in' looks for ${typeName(item)} in ${typeName(container)}`);
    }
    return BOOL;
  }

  function index(expr: Expr, container: PolicyType, key: PolicyType, keyExpr: Expr): PolicyType {
    if (isDyn(container)) return DYN;
    if (container.kind === 'list') {
      if (!isDyn(key) && !isScalar(key, 'int', 'uint'))
        fail(expr, `list index must be int, got ${typeName(key)}`);
      return container.element;
    }
    if (container.kind === 'map') {
      if (!comparable(key, container.key)) fail(expr, `${typeName(container)} has no ${typeName(key)} keys`);
      return container.value;
    }
    if (container.kind === 'record') {
      const literal =
        keyExpr.exprKind.case === 'constExpr' ? keyExpr.exprKind.value.constantKind.value : undefined;
      if (typeof literal !== 'string') {
        return fail(
          expr,
          `index ${container.name} with a literal key: one of ${Object.keys(container.fields).join(', ')}`,
        );
      }
      return container.fields[literal] ?? fail(expr, unknownField(container, literal));
    }
    return fail(expr, `cannot index ${typeName(container)}`);
  }

  function overload(
    expr: Expr,
    name: string,
    target: PolicyType | undefined,
    args: PolicyType[],
  ): PolicyType {
    const display = OPERATORS[name] ? `'${OPERATORS[name]}'` : target ? `.${name}()` : `${name}()`;
    const group = env.funcs.find(name);
    if (!group) return fail(expr, `unknown ${target ? 'method' : 'function'} ${display}`);
    const operands = target ? [target, ...args] : args;
    const results = new Map<string, PolicyType>();
    for (const candidate of group) {
      const params = candidate.target ? [candidate.target, ...candidate.arguments] : candidate.arguments;
      if ((candidate.target === undefined) !== (target === undefined) || params.length !== operands.length)
        continue;
      if (operands.every((operand, i) => assignable(operand, params[i]!))) {
        results.set(typeName(candidate.result), candidate.result);
      }
    }
    if (results.size === 0) {
      const numeric = new Set(operands.filter(isNumeric).map(typeName));
      const hint =
        numeric.size > 1 ? ' (CEL does not mix int and double: convert with int() or double())' : '';
      return fail(expr, `${display} cannot be applied to (${operands.map(typeName).join(', ')})${hint}`);
    }
    return results.size === 1 ? [...results.values()][0]! : DYN;
  }

  function mapLiteral(expr: Expr, value: ExprOf<'structExpr'>): PolicyType {
    if (value.messageName)
      return fail(expr, `message construction (${value.messageName}{...}) is not supported`);
    const keys: PolicyType[] = [];
    const values: PolicyType[] = [];
    for (const entry of value.entries) {
      if (entry.optionalEntry || entry.keyKind.case !== 'mapKey')
        fail(expr, 'only plain map literals are supported');
      keys.push(check(entry.keyKind.value as Expr));
      values.push(check(entry.value!));
    }
    const key = celType(joinAll(keys));
    if (!isScalar(key, 'string', 'int', 'uint', 'bool', 'dyn'))
      fail(expr, `map keys cannot be ${typeName(key)}`);
    return mapType(key as Parameters<typeof mapType>[0], celType(joinAll(values)));
  }

  function comprehension(expr: Expr, value: ExprOf<'comprehensionExpr'>): PolicyType {
    const range = check(value.iterRange!);
    let variables: PolicyType[];
    if (isDyn(range)) variables = [DYN, DYN];
    else if (range.kind === 'list') variables = value.iterVar2 ? [INT, range.element] : [range.element];
    else if (range.kind === 'map') variables = [range.key, range.value];
    else return fail(expr, `cannot iterate over ${typeName(range)}`);
    const scope = new Map<string, PolicyType>([[value.iterVar, variables[0]!]]);
    if (value.iterVar2) scope.set(value.iterVar2, variables[1]!);
    scope.set(value.accuVar, check(value.accuInit!));
    scopes.push(scope);
    check(value.loopCondition!);
    check(value.loopStep!);
    const result = check(value.result!);
    scopes.pop();
    return result;
  }

  return check(parsed.expr);
}

function unknownField(record: RecordType, field: string): string {
  const fields = Object.keys(record.fields);
  if (record.name === 'variables') {
    return `no variable '${field}' is declared before this expression${suggest(field, fields)}`;
  }
  return `undefined field '${field}' on ${record.name}${suggest(field, fields) || `; fields: ${fields.join(', ')}`}`;
}

function assignable(arg: PolicyType, param: CelType): boolean {
  if (isDyn(arg) || isDyn(param)) return true;
  if (arg.kind === 'list' && param.kind === 'list') return assignable(arg.element, param.element);
  if (arg.kind === 'map' && param.kind === 'map') {
    return assignable(arg.key, param.key) && assignable(arg.value, param.value);
  }
  return arg.kind === param.kind && arg.kind !== 'list' && arg.kind !== 'map' && arg.name === param.name;
}

/** Whether == can ever be true: CEL compares numbers across int, uint and double. */
function comparable(a: PolicyType, b: PolicyType): boolean {
  if (isDyn(a) || isDyn(b) || (isNumeric(a) && isNumeric(b))) return true;
  if (a.kind === 'list' && b.kind === 'list') return comparable(a.element, b.element);
  if (a.kind === 'map' && b.kind === 'map') return comparable(a.key, b.key) && comparable(a.value, b.value);
  return typeName(a) === typeName(b);
}

function join(a: PolicyType, b: PolicyType): PolicyType | undefined {
  if (typeName(a) === typeName(b)) return a;
  if (isDyn(a) || isDyn(b)) return DYN;
  if (a.kind === 'list' && b.kind === 'list') {
    const element = join(a.element, b.element);
    return element && listType(celType(element));
  }
  return undefined;
}

/** The common type of literal elements; dyn when they differ or there are none. */
function joinAll(types: PolicyType[]): PolicyType {
  return (
    types.reduce<PolicyType | undefined>((acc, t) => (acc ? (join(acc, t) ?? DYN) : t), undefined) ?? DYN
  );
}

/** Records are maps at runtime; inside a list or map literal they lose their field checks. */
function celType(type: PolicyType): CelType {
  return type.kind === 'record' ? DYN : type;
}

function suggest(name: string, candidates: string[]): string {
  const best = closestName(name, candidates);
  return best ? `; did you mean '${best}'?` : '';
}
