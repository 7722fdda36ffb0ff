// Reading lezer's PromQL syntax tree: node text and children, positions as Prometheus
// reports them (`<line>:<column>: parse error: ...`), the first syntax error lezer recovered
// from, literals, and the operand-type check every construct shares.

import type { parser } from '@prometheus-io/lezer-promql';
import { type Expr, typeOf, type ValueType } from './ast.ts';
import { type PromqlError, parseError, unsupported } from './errors.ts';
import { lookupFunction } from './functions.ts';
import { isDurationText } from './literals.ts';

export type SyntaxNode = ReturnType<typeof parser.parse>['topNode'];

export const TYPE_NAMES: Readonly<Record<ValueType, string>> = {
  scalar: 'scalar',
  vector: 'instant vector',
  matrix: 'range vector',
  string: 'string',
};

export class SyntaxReader {
  readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  error(pos: number, message: string): PromqlError {
    const before = this.text.slice(0, pos).split('\n');
    return parseError(before.length, before[before.length - 1]!.length + 1, message);
  }

  children(node: SyntaxNode): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.name !== 'LineComment') out.push(child);
    }
    return out;
  }

  textOf(node: SyntaxNode): string {
    return this.text.slice(node.from, node.to);
  }

  /** The token at `pos`, described as Prometheus's parser names what it did not expect. */
  describe(pos: number): string {
    const rest = this.text.slice(pos).trimStart();
    if (!rest) return 'end of input';
    const token =
      /^(?:[a-zA-Z_:][\w:]*|\d[\w.]*|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`|[=!<>]=|=~|!~|.)/s.exec(
        rest,
      )![0];
    if (/^["'`]/.test(token)) return `string ${token}`;
    if (isDurationText(token)) return `duration ${JSON.stringify(token)}`;
    if (/^[\d.]/.test(token)) return `number ${JSON.stringify(token)}`;
    if (/^[a-zA-Z_]/.test(token)) return `identifier ${JSON.stringify(token)}`;
    return JSON.stringify(token);
  }

  /** The first place lezer could not parse, reported as Prometheus would. */
  rejectErrorNodes(top: SyntaxNode): void {
    const cursor = top.cursor();
    let errorAt: number | undefined;
    do {
      if (cursor.type.isError) {
        errorAt = cursor.from;
        break;
      }
    } while (cursor.next());
    if (errorAt === undefined) return;
    const before = this.text.slice(0, errorAt);
    const call = /([a-zA-Z_][\w]*)\s*$/.exec(before);
    if (call && this.text.slice(errorAt).trimStart().startsWith('(')) {
      // A 2.42 function the grammar no longer knows (holt_winters) is one the sandbox lacks.
      if (lookupFunction(call[1]!)) throw unsupported(`function ${JSON.stringify(call[1])}`);
      throw this.error(call.index, `unknown function with name ${JSON.stringify(call[1])}`);
    }
    const unclosed = (before.match(/\(/g)?.length ?? 0) > (before.match(/\)/g)?.length ?? 0);
    if (errorAt >= this.text.trimEnd().length && unclosed) {
      throw this.error(this.text.length, 'unclosed left parenthesis');
    }
    throw this.error(errorAt, `unexpected ${this.describe(errorAt)}`);
  }

  /** Runs `read`, turning a literal's SyntaxError into a parse error at `node`. */
  literal<T>(node: SyntaxNode, read: (text: string) => T): T {
    try {
      return read(this.textOf(node));
    } catch (error) {
      if (error instanceof SyntaxError) throw this.error(node.from, error.message);
      throw error;
    }
  }

  expectType(node: SyntaxNode, expr: Expr, want: ValueType, context: string): void {
    const got = typeOf(expr);
    if (got !== want) {
      throw this.error(node.from, `expected type ${TYPE_NAMES[want]} in ${context}, got ${TYPE_NAMES[got]}`);
    }
  }
}
