// The life of a series: the part of the sample grid it has samples in. A series begins at the
// first grid point at or after its `from` (a table a deploy created, a workload created late:
// nothing before, counters counting from 0) and has its last sample before its `until` (an
// exporter that died). Prometheus's next scrape then finds it gone and writes a staleness
// marker, so instant queries from that scrape on find nothing and `absent()` turns true, as
// they do in a real Prometheus; a grid that ends before that scrape has no marker yet.

import type { Grid, SeriesStream } from './series.ts';

export interface Life {
  /** The grid points the series has samples at. */
  grid: Grid;
  /** Unix ms of the staleness marker: the first scrape at or after `until`, if the grid reaches it. */
  staleAt?: number;
}

export function seriesLife(grid: Grid, from?: Date, until?: Date): Life {
  const index = (t: Date) =>
    Math.min(grid.count, Math.max(0, Math.ceil((t.getTime() - grid.start) / grid.step)));
  const first = from ? index(from) : 0;
  const end = until ? index(until) : grid.count;
  const count = Math.max(0, end - first);
  const life: Life = { grid: { start: grid.start + first * grid.step, step: grid.step, count } };
  if (count > 0 && end < grid.count) life.staleAt = grid.start + end * grid.step;
  return life;
}

/** The streams generated over `life.grid`, marked stale where the life ends. */
export function livingStreams(life: Life, streams: SeriesStream[]): SeriesStream[] {
  const { staleAt } = life;
  return staleAt === undefined ? streams : streams.map((stream) => ({ ...stream, staleAt }));
}
