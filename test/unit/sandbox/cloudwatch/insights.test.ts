// The Logs Insights subset the sandbox endpoint runs: what it answers for supported
// queries, and the clear error (naming the unsupported part) for everything else.

import { describe, expect, it } from 'vitest';
import { type LogRecord, runInsightsQuery } from '../../../../src/sandbox/cloudwatch/insights-eval.ts';
import { InsightsQueryError, parseInsightsQuery } from '../../../../src/sandbox/cloudwatch/insights-parse.ts';

const T0 = Date.parse('2026-04-25T14:00:00Z');
const minute = 60_000;

const records: LogRecord[] = [
  { '@timestamp': T0, '@message': 'GET /cart 200', status: 200, latency: 40, path: '/cart' },
  {
    '@timestamp': T0 + 2 * minute,
    '@message': 'GET /cart 500 timeout',
    status: 500,
    latency: 3000,
    path: '/cart',
  },
  { '@timestamp': T0 + 6 * minute, '@message': 'GET /pay 200', status: 200, latency: 80, path: '/pay' },
  {
    '@timestamp': T0 + 7 * minute,
    '@message': 'GET /pay 500 Timeout',
    status: 500,
    latency: 2500,
    path: '/pay',
  },
  { '@timestamp': T0 + 8 * minute, '@message': 'GET /pay 503', status: 503, latency: 10, path: '/pay' },
];

function run(query: string, maxRows = 1000) {
  const result = runInsightsQuery(parseInsightsQuery(query), records, maxRows);
  return {
    ...result,
    rows: result.rows.map((row) => Object.fromEntries(row.map((f) => [f.field, f.value]))),
  };
}

describe('Logs Insights subset', () => {
  it('fields selects the columns and writes @timestamp the way CloudWatch does', () => {
    const { rows } = run('fields @timestamp, path | limit 2');
    expect(rows).toEqual([
      { '@timestamp': '2026-04-25 14:00:00.000', path: '/cart' },
      { '@timestamp': '2026-04-25 14:02:00.000', path: '/cart' },
    ]);
  });

  it('filter compares numbers numerically and strings as strings, joined with and/or and parentheses', () => {
    expect(run('filter status >= 500 and latency > 100 | fields path').rows).toEqual([
      { path: '/cart' },
      { path: '/pay' },
    ]);
    expect(run('filter (path = "/cart" and status = 200) or status = 503 | fields status').rows).toEqual([
      { status: '200' },
      { status: '503' },
    ]);
    expect(run("filter path != '/cart' and latency <= 80 | fields latency").rows).toEqual([
      { latency: '80' },
      { latency: '10' },
    ]);
  });

  it('like takes a /regex/ with flags or a plain substring', () => {
    expect(run('filter @message like /timeout/i | fields status').rows).toHaveLength(2);
    expect(run('filter @message like /timeout/ | fields status').rows).toHaveLength(1);
    expect(run('filter @message like "/pay 5" | fields status').rows).toEqual([
      { status: '500' },
      { status: '503' },
    ]);
  });

  it('stats count/avg/min/max/sum by a field, sorted by a stats column', () => {
    const { rows, recordsMatched } = run(
      'filter status >= 500 | stats count(*), avg(latency), min(latency), max(latency), sum(latency) as total by path | sort count(*) desc',
    );
    expect(recordsMatched).toBe(3);
    expect(rows).toEqual([
      {
        path: '/pay',
        'count(*)': '2',
        'avg(latency)': '1255',
        'min(latency)': '10',
        'max(latency)': '2500',
        total: '2510',
      },
      {
        path: '/cart',
        'count(*)': '1',
        'avg(latency)': '3000',
        'min(latency)': '3000',
        'max(latency)': '3000',
        total: '3000',
      },
    ]);
  });

  it('stats by bin() buckets by time and writes the bucket start as a time', () => {
    expect(run('stats count(*) as errors by bin(5m) | sort errors asc').rows).toEqual([
      { 'bin(5m)': '2026-04-25 14:00:00.000', errors: '2' },
      { 'bin(5m)': '2026-04-25 14:05:00.000', errors: '3' },
    ]);
  });

  it('sort orders rows and limit keeps the first ones (and the caller cap wins when smaller)', () => {
    expect(run('sort latency desc | fields latency | limit 2').rows).toEqual([
      { latency: '3000' },
      { latency: '2500' },
    ]);
    expect(run('sort latency asc | fields latency | limit 3', 1).rows).toEqual([{ latency: '10' }]);
  });

  it.each([
    ['parse @message "* *" as a, b', /unsupported command "parse".*fields, filter, stats, sort, limit/],
    ['filter not status = 200', /unsupported operator "not"/],
    ['filter status ~= 200', /unsupported character "~"/],
    ['stats pct(latency, 99)', /unsupported stats function "pct"/],
    ['filter strlen(@message) > 3', /unsupported function "strlen\(\)"/],
    ['stats count(*) by floor(latency)', /unsupported function "floor\(\)" in stats by/],
    ['fields path | limit 0', /limit needs a positive integer, found "0"/],
    ['fields path |', /empty command/],
    ['filter @message like /unclosed', /unterminated regular expression/],
    ['stats count(*) by bin(5 minutes)', /bin\(\) needs a period like 30s, 5m or 1h, found "5"/],
    ['fields path display', /unsupported syntax in fields: "display"/],
  ])('rejects %j with an error naming the unsupported part', (query, message) => {
    expect(() => parseInsightsQuery(query)).toThrow(InsightsQueryError);
    expect(() => parseInsightsQuery(query)).toThrow(message);
  });
});
