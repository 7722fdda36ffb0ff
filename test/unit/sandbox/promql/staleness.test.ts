// A series whose exporter went away carries a staleness marker after its last sample, as
// Prometheus writes one when a scrape finds the series gone: instant selectors from the
// marker on find nothing (absent() turns true at once, not after the 5-minute lookback),
// while range functions still see the samples before it.

import { describe, expect, it } from 'vitest';
import { createPromqlEngine } from '../../../../src/sandbox/promql/engine.ts';
import { memoryStorage } from '../../../../src/sandbox/promql/memory-storage.ts';

const S = 1000;

/** A gauge scraped every 15 s from 0 to 60 s, then gone: marked stale at the scrape at 75 s. */
const ended = {
  labels: { __name__: 'exporter_rows', job: 'pg' },
  timestamps: [0, 15 * S, 30 * S, 45 * S, 60 * S],
  values: [1, 2, 3, 4, 5],
  staleAt: 75 * S,
};
/** The same without a marker: it stays visible for the lookback after its last sample. */
const lingering = { ...ended, labels: { __name__: 'exporter_rows', job: 'backfilled' }, staleAt: undefined };
const engine = createPromqlEngine(memoryStorage([ended, lingering]));
const jobs = (expr: string, t: number) =>
  (engine.instant(expr, t).result as { metric: { job?: string } }[]).map((r) => r.metric.job ?? '');

describe('staleness markers', () => {
  it('hide the series from instant selectors at and after the marker', () => {
    expect(jobs('exporter_rows', 74 * S)).toEqual(['backfilled', 'pg']);
    expect(jobs('exporter_rows', 75 * S)).toEqual(['backfilled']);
    expect(jobs('exporter_rows', 4 * 60 * S)).toEqual(['backfilled']);
  });

  it('make absent() true from the marker on', () => {
    expect(jobs('absent(exporter_rows{job="pg"})', 60 * S)).toEqual([]);
    expect(jobs('absent(exporter_rows{job="pg"})', 75 * S)).toEqual(['pg']);
    expect(jobs('absent(exporter_rows{job="backfilled"})', 75 * S)).toEqual([]);
  });

  it('leave the samples before the marker to range functions', () => {
    const result = engine.instant('max_over_time(exporter_rows{job="pg"}[2m])', 90 * S).result as {
      value: [number, string];
    }[];
    expect(result.map((r) => r.value[1])).toEqual(['5']);
  });
});
