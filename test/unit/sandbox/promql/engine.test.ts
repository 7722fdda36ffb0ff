// Exact answers of the sandbox PromQL engine on hand-made samples: the lookback window and
// when a series goes stale, rate's extrapolation and counter resets, range-query shape, the
// API's value formatting, and runtime errors of type execution.

import { describe, expect, it } from 'vitest';
import { createPromqlEngine } from '../../../../src/sandbox/promql/engine.ts';
import { memoryStorage } from '../../../../src/sandbox/promql/memory-storage.ts';

const S = 1000;
const MIN = 60 * S;

/** A counter scraped every 15 s from t=0 to 10 min, +3 per scrape, reset to 0 at 5 min. */
function counter() {
  const timestamps = Array.from({ length: 41 }, (_, i) => i * 15 * S);
  let value = 0;
  const values = timestamps.map((t, i) => {
    if (i === 0) return 0;
    value = t === 5 * MIN ? 0 : value + 3;
    return value;
  });
  return { labels: { __name__: 'requests_total', job: 'api' }, timestamps, values };
}

const gauge = {
  labels: { __name__: 'temp', room: 'a' },
  timestamps: [0, 60 * S, 120 * S],
  values: [1.5, -2, 7],
};
const engine = createPromqlEngine(memoryStorage([counter(), gauge]));

describe('instant selectors', () => {
  it('take the latest sample at or before t, up to 5 minutes old, and stamp it with t', () => {
    expect(engine.instant('temp', 90 * S)).toEqual({
      resultType: 'vector',
      result: [{ metric: { __name__: 'temp', room: 'a' }, value: [90, '-2'] }],
    });
    expect(engine.instant('temp', 120 * S + 5 * MIN).result).toHaveLength(1);
    expect(engine.instant('temp', 120 * S + 5 * MIN + 1).result).toEqual([]);
  });

  it('honour a shorter lookback delta', () => {
    const short = createPromqlEngine(memoryStorage([gauge]), { lookbackDeltaMs: 30 * S });
    expect(short.instant('temp', 100 * S).result).toEqual([]);
  });
});

describe('rate and increase', () => {
  it('extrapolate to the window edges as Prometheus does', () => {
    // 5m window ending at 4m: samples 0..4m, +3 every 15 s; the counter starts at 0, so the
    // zero point limits extrapolation at the start: 48 over 240 s, extended 0 s back.
    expect(engine.instant('increase(requests_total[5m])', 4 * MIN)).toEqual({
      resultType: 'vector',
      result: [{ metric: { job: 'api' }, value: [240, '48'] }],
    });
    expect(engine.instant('rate(requests_total[5m])', 4 * MIN).result).toEqual([
      { metric: { job: 'api' }, value: [240, '0.16'] },
    ]);
  });

  it('add the value before a counter reset', () => {
    // 2m window ending at 6m: 4m..6m is 57,60,63,66,0,3,6,9,12 → increase 12+66-57 = 21 over 120 s.
    expect(engine.instant('increase(requests_total[2m])', 6 * MIN).result).toEqual([
      { metric: { job: 'api' }, value: [360, '21'] },
    ]);
    expect(engine.instant('resets(requests_total[10m])', 10 * MIN).result[0]).toMatchObject({
      value: [600, '1'],
    });
  });
});

describe('range queries', () => {
  it('evaluate each step and leave out steps without a value (the last sample is 5m old at 420 s)', () => {
    expect(engine.range('temp * 2', 0, 8 * MIN, 2 * MIN)).toEqual({
      resultType: 'matrix',
      result: [
        {
          metric: { room: 'a' },
          values: [
            [0, '3'],
            [120, '14'],
            [240, '14'],
            [360, '14'],
          ],
        },
      ],
    });
  });

  it('reject a range vector and a bad step as the API does', () => {
    expect(() => engine.range('temp[1m]', 0, MIN, S)).toThrow(
      'invalid expression type "range vector" for range query, must be Scalar or instant Vector',
    );
    expect(() => engine.range('temp', 0, MIN, 0)).toThrow(/zero or negative query resolution step/);
  });
});

describe('values', () => {
  it('are formatted as Prometheus prints them', () => {
    const values = ['1/0', '-1/0', '0/0', '1e21', '1e-7', '0.1+0.2', '-0*1'].map(
      (expr) => (engine.instant(expr, 0).result as [number, string])[1],
    );
    expect(values).toEqual([
      '+Inf',
      '-Inf',
      'NaN',
      '1000000000000000000000',
      '0.0000001',
      '0.30000000000000004',
      '-0',
    ]);
  });
});

describe('execution errors', () => {
  it('reject series that collide once the metric name is dropped', () => {
    const twins = memoryStorage([
      { labels: { __name__: 'a', x: '1' }, timestamps: [0], values: [1] },
      { labels: { __name__: 'b', x: '1' }, timestamps: [0], values: [2] },
    ]);
    expect(() => createPromqlEngine(twins).instant('{x="1"} * 2', 0)).toThrow(
      expect.objectContaining({
        errorType: 'execution',
        message: 'vector cannot contain metrics with the same labelset',
      }),
    );
  });

  it('reject many-to-many matching, naming the match group', () => {
    const pair = memoryStorage([
      { labels: { __name__: 'a', x: '1', y: '1' }, timestamps: [0], values: [1] },
      { labels: { __name__: 'a', x: '1', y: '2' }, timestamps: [0], values: [1] },
    ]);
    expect(() => createPromqlEngine(pair).instant('a + on(x) a', 0)).toThrow(
      /found duplicate series for the match group \{x="1"\} on the right hand-side.*many-to-many matching not allowed/,
    );
  });
});
