// The PromQL parser's answers to bad queries: Prometheus-style `line:col: parse error:` messages
// of type bad_data for syntax and type errors, and a named bad_data error for what the sandbox
// does not implement; series selectors for the metadata endpoints.

import { describe, expect, it } from 'vitest';
import { createPromqlEngine } from '../../../../src/sandbox/promql/engine.ts';
import { PromqlError } from '../../../../src/sandbox/promql/errors.ts';
import { memoryStorage } from '../../../../src/sandbox/promql/memory-storage.ts';
import { parseSeriesSelector } from '../../../../src/sandbox/promql/selector.ts';

const engine = createPromqlEngine(memoryStorage([]));

function rejection(query: string): PromqlError {
  try {
    engine.instant(query, 0);
  } catch (error) {
    if (error instanceof PromqlError) return error;
    throw error;
  }
  throw new Error(`${query} was accepted`);
}

describe('PromQL parse errors', () => {
  it.each([
    ['up +', '1:5: parse error: unexpected end of input'],
    ['sum(', '1:5: parse error: unclosed left parenthesis'],
    ['foo(up)', '1:1: parse error: unknown function with name "foo"'],
    ['limitk(1, up)', '1:1: parse error: unknown function with name "limitk"'],
    [
      'rate(up)',
      '1:6: parse error: expected type range vector in call to function "rate", got instant vector',
    ],
    [
      'sum(up[5m])',
      '1:5: parse error: expected type instant vector in aggregation expression, got range vector',
    ],
    ['1 > 1', '1:3: parse error: comparisons between scalars must use BOOL modifier'],
    ['up and 1', '1:1: parse error: set operator "and" not allowed in binary scalar expression'],
    ['round(up, 1, 2)', '1:1: parse error: expected at most 2 argument(s) in call to "round", got 3'],
    ['{job=~".*"}', '1:1: parse error: vector selector must contain at least one non-empty matcher'],
    ['up[0s]', '1:4: parse error: duration must be greater than 0'],
    ['5m', '1:1: parse error: unexpected duration "5m"'],
    ['up offset 1m offset 2m', '1:1: parse error: offset may not be set multiple times'],
    [
      'rate(up[5m]) offset 1m',
      '1:1: parse error: offset modifier must be preceded by an instant vector selector or range vector selector or a subquery',
    ],
    ['up[5m] + 1', '1:1: parse error: binary expression must contain only scalar and instant vector types'],
    [
      'up{a="1"}\n  + on(b) group_left(b) up',
      '2:3: parse error: label "b" must not occur in ON and GROUP clause at once',
    ],
  ])('%s → %s', (query, message) => {
    const error = rejection(query);
    expect(error.errorType).toBe('bad_data');
    expect(error.message).toBe(message);
  });

  it('binds offset and unary minus as Prometheus does, not as the lezer tree nests them', () => {
    const storage = memoryStorage([{ labels: { __name__: 'x' }, timestamps: [0, 60_000], values: [1, 5] }]);
    const data = createPromqlEngine(storage).instant('x - x offset 1m', 60_000);
    expect(data).toEqual({ resultType: 'vector', result: [{ metric: {}, value: [60, '4'] }] });
    expect(createPromqlEngine(storage).instant('-2 ^ 2', 0)).toEqual({
      resultType: 'scalar',
      result: [0, '-4'],
    });
  });
});

describe('unsupported features', () => {
  it('names a Prometheus function the sandbox does not evaluate', () => {
    const error = rejection('holt_winters(up[5m], 0.5, 0.5)');
    expect(error.errorType).toBe('bad_data');
    expect(error.message).toBe('unsupported function "holt_winters" in the opswarden sandbox');
  });
});

describe('parseSeriesSelector', () => {
  it('reads a metric name and matchers of all four types', () => {
    expect(
      parseSeriesSelector('http_requests_total{code=~"5..", job!="a", pod!~"x-.*", env="prod"}'),
    ).toEqual([
      { name: '__name__', type: '=', value: 'http_requests_total' },
      { name: 'code', type: '=~', value: '5..' },
      { name: 'job', type: '!=', value: 'a' },
      { name: 'pod', type: '!~', value: 'x-.*' },
      { name: 'env', type: '=', value: 'prod' },
    ]);
  });

  it('rejects anything but a selector, and selectors that match everything', () => {
    expect(() => parseSeriesSelector('sum(up)')).toThrow(PromqlError);
    expect(() => parseSeriesSelector('up[5m]')).toThrow(/expected a series selector/);
    expect(() => parseSeriesSelector('{job=""}')).toThrow(/at least one non-empty matcher/);
  });
});
