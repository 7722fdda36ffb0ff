// The subset of the CloudWatch Logs Insights language the sandbox runs, parsed into a small
// AST. Supported, as commands separated by `|`:
//   fields f1, f2                         which fields each result row shows
//   filter <cond>                         cond: a = b, !=, <, >, <=, >= (fields, numbers, strings),
//                                         field like /regex/ (RE2; (?i) or a trailing i
//                                         flag for any case), field like "substring",
//                                         joined with and / or and grouped with ( )
//   stats count(*) | count(f) | avg(f) | min(f) | max(f) | sum(f) [as name], ...
//         [by field | bin(5m) [as name], ...]
//   sort field [asc|desc]
//   limit n
// Anything else (parse, display, dedup, not, arithmetic, other functions) is an
// InsightsQueryError naming the unsupported part: the endpoint answers MalformedQueryException.

import { parseDuration } from '../../duration.ts';
import { compilePattern, literalPattern, type Pattern, PatternError } from '../../regex.ts';

export class InsightsQueryError extends Error {
  override name = 'InsightsQueryError';
}

export type Operand = { field: string } | { value: string | number };
export type Comparison = '=' | '!=' | '<' | '>' | '<=' | '>=';
export type Condition =
  | { op: 'and' | 'or'; left: Condition; right: Condition }
  | { op: 'compare'; comparison: Comparison; left: Operand; right: Operand }
  | { op: 'like'; field: string; pattern: Pattern };
export type AggregateFn = 'count' | 'avg' | 'min' | 'max' | 'sum';
/** `field` absent: count(*). `name` is the result column. */
export interface Aggregate {
  fn: AggregateFn;
  field?: string;
  name: string;
}
export type GroupKey = { field: string; name: string } | { binMs: number; name: string };
export type Command =
  | { type: 'fields'; fields: string[] }
  | { type: 'filter'; condition: Condition }
  | { type: 'stats'; aggregates: Aggregate[]; by: GroupKey[] }
  | { type: 'sort'; key: string; order: 'asc' | 'desc' }
  | { type: 'limit'; count: number };

type Token =
  | { kind: 'word'; text: string }
  | { kind: 'number'; value: number; text: string }
  | { kind: 'string'; value: string; text: string }
  | { kind: 'regex'; pattern: Pattern; text: string }
  | { kind: 'symbol'; text: string };

const SYMBOLS = ['<=', '>=', '!=', '=', '<', '>', '(', ')', ',', '|', '*'];
const AGGREGATES: readonly string[] = ['count', 'avg', 'min', 'max', 'sum'];
const COMMANDS = 'fields, filter, stats, sort, limit';

export function parseInsightsQuery(query: string): Command[] {
  const tokens = tokenize(query);
  const commands: Token[][] = [[]];
  for (const token of tokens) {
    if (token.kind === 'symbol' && token.text === '|') commands.push([]);
    else commands.at(-1)!.push(token);
  }
  return commands.map((command) => {
    if (!command.length) throw new InsightsQueryError('empty command (a stray "|"?)');
    return parseCommand(new TokenReader(command));
  });
}

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"' || c === "'") {
      const end = query.indexOf(c, i + 1);
      if (end < 0) throw new InsightsQueryError(`unterminated string starting at offset ${i}`);
      tokens.push({ kind: 'string', value: query.slice(i + 1, end), text: query.slice(i, end + 1) });
      i = end + 1;
    } else if (c === '/' && tokens.at(-1)?.text.toLowerCase() === 'like') {
      const match = /^\/((?:\\.|[^/\\])*)\/([a-z]*)/.exec(query.slice(i));
      if (!match) throw new InsightsQueryError(`unterminated regular expression at offset ${i}`);
      const [, body, flags] = match;
      let pattern: Pattern;
      try {
        pattern = compilePattern(flags ? `(?${flags})${body}` : body!);
      } catch (err) {
        if (!(err instanceof PatternError)) throw err;
        throw new InsightsQueryError(`invalid regular expression ${match[0]}: ${err.detail}`);
      }
      tokens.push({ kind: 'regex', pattern, text: match[0] });
      i += match[0].length;
    } else if (c === '`') {
      const end = query.indexOf('`', i + 1);
      if (end < 0) throw new InsightsQueryError(`unterminated \`field\` at offset ${i}`);
      tokens.push({ kind: 'word', text: query.slice(i + 1, end) });
      i = end + 1;
    } else {
      const number = /^-?\d+(\.\d+)?(?![\w@.])/.exec(query.slice(i));
      const word = /^[@\w][\w@.-]*/.exec(query.slice(i));
      const symbol = SYMBOLS.find((s) => query.startsWith(s, i));
      if (number) tokens.push({ kind: 'number', value: Number(number[0]), text: number[0] });
      else if (word) tokens.push({ kind: 'word', text: word[0] });
      else if (symbol) tokens.push({ kind: 'symbol', text: symbol });
      else throw new InsightsQueryError(`unsupported character "${c}" at offset ${i}`);
      i += (number ?? word)?.[0].length ?? symbol!.length;
    }
  }
  return tokens;
}

class TokenReader {
  private index = 0;
  private readonly tokens: Token[];
  constructor(tokens: Token[]) {
    this.tokens = tokens;
  }
  peek(): Token | undefined {
    return this.tokens[this.index];
  }
  next(what: string): Token {
    const token = this.tokens[this.index++];
    if (!token) throw new InsightsQueryError(`expected ${what} at the end of "${this.source()}"`);
    return token;
  }
  /** Consumes the token when its text is `text` (case-insensitive). */
  accept(text: string): boolean {
    if (this.peek()?.text.toLowerCase() !== text) return false;
    this.index++;
    return true;
  }
  expect(text: string, context: string): void {
    const token = this.next(`"${text}" ${context}`);
    if (token.text.toLowerCase() !== text)
      throw new InsightsQueryError(`expected "${text}" ${context}, found "${token.text}"`);
  }
  word(what: string): string {
    const token = this.next(what);
    if (token.kind !== 'word') throw new InsightsQueryError(`expected ${what}, found "${token.text}"`);
    return token.text;
  }
  done(): boolean {
    return this.index >= this.tokens.length;
  }
  source(): string {
    return this.tokens.map((t) => t.text).join(' ');
  }
  rest(): string {
    return this.tokens
      .slice(this.index)
      .map((t) => t.text)
      .join(' ');
  }
}

function parseCommand(reader: TokenReader): Command {
  const name = reader.word('a command').toLowerCase();
  const command = parseCommandBody(name, reader);
  if (!reader.done())
    throw new InsightsQueryError(
      `unsupported syntax in ${name}: "${reader.rest()}" (see the supported subset)`,
    );
  return command;
}

function parseCommandBody(name: string, reader: TokenReader): Command {
  switch (name) {
    case 'fields':
      return { type: 'fields', fields: commaList(reader, () => reader.word('a field name')) };
    case 'filter':
      return { type: 'filter', condition: parseOr(reader) };
    case 'stats': {
      const aggregates = commaList(reader, () => parseAggregate(reader));
      const by = reader.accept('by') ? commaList(reader, () => parseGroupKey(reader)) : [];
      return { type: 'stats', aggregates, by };
    }
    case 'sort': {
      const key = parseSortKey(reader);
      if (reader.accept('desc')) return { type: 'sort', key, order: 'desc' };
      reader.accept('asc');
      return { type: 'sort', key, order: 'asc' };
    }
    case 'limit': {
      const token = reader.next('a number');
      if (token.kind !== 'number' || !Number.isInteger(token.value) || token.value < 1)
        throw new InsightsQueryError(`limit needs a positive integer, found "${token.text}"`);
      return { type: 'limit', count: token.value };
    }
    default:
      throw new InsightsQueryError(`unsupported command "${name}" (supported: ${COMMANDS})`);
  }
}

/** A field, or a stats column named after its function: `count(*)`, `avg(latency)`, `bin(5m)`. */
function parseSortKey(reader: TokenReader): string {
  const word = reader.word('a field to sort by');
  if (!reader.accept('(')) return word;
  const argument = reader.next(`the argument of ${word}(`).text;
  reader.expect(')', `to close ${word}(`);
  return `${word}(${argument})`;
}

function commaList<T>(reader: TokenReader, item: () => T): T[] {
  const items = [item()];
  while (reader.accept(',')) items.push(item());
  return items;
}

function parseOr(reader: TokenReader): Condition {
  let left = parseAnd(reader);
  while (reader.accept('or')) left = { op: 'or', left, right: parseAnd(reader) };
  return left;
}

function parseAnd(reader: TokenReader): Condition {
  let left = parsePrimary(reader);
  while (reader.accept('and')) left = { op: 'and', left, right: parsePrimary(reader) };
  return left;
}

function parsePrimary(reader: TokenReader): Condition {
  if (reader.accept('(')) {
    const inner = parseOr(reader);
    reader.expect(')', 'to close "("');
    return inner;
  }
  if (reader.peek()?.text.toLowerCase() === 'not')
    throw new InsightsQueryError('unsupported operator "not" in filter (use != or a narrower like)');
  const left = parseOperand(reader);
  const operator = reader.next('a comparison (=, !=, <, >, <=, >=, like)');
  if (operator.text.toLowerCase() === 'like') {
    if (!('field' in left)) throw new InsightsQueryError('like needs a field on its left');
    const pattern = reader.next('a /regex/ or "string" after like');
    if (pattern.kind === 'regex') return { op: 'like', field: left.field, pattern: pattern.pattern };
    if (pattern.kind === 'string')
      return {
        op: 'like',
        field: left.field,
        pattern: compilePattern(literalPattern(pattern.value)),
      };
    throw new InsightsQueryError(`like needs a /regex/ or "string", found "${pattern.text}"`);
  }
  if (operator.kind !== 'symbol' || !['=', '!=', '<', '>', '<=', '>='].includes(operator.text))
    throw new InsightsQueryError(
      `unsupported operator "${operator.text}" in filter (supported: =, !=, <, >, <=, >=, like)`,
    );
  return { op: 'compare', comparison: operator.text as Comparison, left, right: parseOperand(reader) };
}

function parseOperand(reader: TokenReader): Operand {
  const token = reader.next('a field, number or string');
  if (token.kind === 'number' || token.kind === 'string') return { value: token.value };
  if (token.kind === 'word' && reader.peek()?.text === '(')
    throw new InsightsQueryError(`unsupported function "${token.text}()" in filter`);
  if (token.kind === 'word') return { field: token.text };
  throw new InsightsQueryError(`expected a field, number or string, found "${token.text}"`);
}

function parseAggregate(reader: TokenReader): Aggregate {
  const fn = reader.word('an aggregate function').toLowerCase();
  if (!AGGREGATES.includes(fn))
    throw new InsightsQueryError(`unsupported stats function "${fn}" (supported: ${AGGREGATES.join(', ')})`);
  reader.expect('(', `after ${fn}`);
  const field = reader.accept('*') ? undefined : reader.word(`a field for ${fn}()`);
  reader.expect(')', `to close ${fn}(`);
  if (!field && fn !== 'count') throw new InsightsQueryError(`${fn}(*) is not supported; name a field`);
  const name = reader.accept('as') ? reader.word('a name after as') : `${fn}(${field ?? '*'})`;
  return { fn: fn as AggregateFn, ...(field ? { field } : {}), name };
}

function parseGroupKey(reader: TokenReader): GroupKey {
  const word = reader.word('a field or bin() after by');
  let key: GroupKey = { field: word, name: word };
  if (reader.accept('(')) {
    if (word.toLowerCase() !== 'bin')
      throw new InsightsQueryError(`unsupported function "${word}()" in stats by`);
    const period = reader.next('a period like 5m');
    let binMs: number;
    try {
      binMs = parseDuration(period.text);
    } catch {
      throw new InsightsQueryError(`bin() needs a period like 30s, 5m or 1h, found "${period.text}"`);
    }
    reader.expect(')', 'to close bin(');
    key = { binMs, name: `bin(${period.text})` };
  }
  return reader.accept('as') ? { ...key, name: reader.word('a name after as') } : key;
}
