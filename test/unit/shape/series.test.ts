// PromQL range shaping: the statistics, change points, sparkline, top-k by deviation and
// label summary an agent reads instead of thousands of raw points.

import { describe, expect, it } from 'vitest';
import {
  type Point,
  shapeRange,
  sparkline,
  splitLabels,
  summarizeSeries,
} from '../../../src/shape/series.ts';

const T0 = Date.parse('2026-04-25T08:30:00Z');
const STEP = 15_000;

/** A deterministic PRNG (mulberry32) so noisy fixtures are the same on every run. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n points every 15s from T0; value(i) plus uniform noise of ±noise. */
function series(n: number, value: (i: number) => number, noise = 0, seed = 1): Point[] {
  const rand = prng(seed);
  return Array.from({ length: n }, (_, i) => ({ t: T0 + i * STEP, v: value(i) + (rand() * 2 - 1) * noise }));
}

describe('summarizeSeries', () => {
  it('reports first, last, min, max, mean and p95', () => {
    const s = summarizeSeries(series(100, (i) => i + 1));
    expect(s.stats).toEqual({ first: 1, last: 100, min: 1, max: 100, mean: 50.5, p95: 95 });
    expect(s.samples).toBe(100);
  });

  it('finds no change point in a flat series, with or without noise', () => {
    expect(summarizeSeries(series(480, () => 5)).changePoints).toEqual([]);
    expect(summarizeSeries(series(480, () => 5, 0.2)).changePoints).toEqual([]);
  });

  it('finds a step at the right time with the right size', () => {
    const s = summarizeSeries(series(480, (i) => (i < 400 ? 0.002 : 0.31), 0.0005));
    expect(s.changePoints).toHaveLength(1);
    const [cp] = s.changePoints;
    expect(cp!.at).toBe(new Date(T0 + 400 * STEP).toISOString().replace('.000Z', 'Z'));
    expect(cp!.before).toBeCloseTo(0.002, 3);
    expect(cp!.after).toBeCloseTo(0.31, 2);
    expect(cp!.delta).toBeCloseTo(0.308, 2);
  });

  it('finds a noise-free step too', () => {
    const s = summarizeSeries(series(100, (i) => (i < 30 ? 8 : 10)));
    expect(s.changePoints.map((c) => [c.at, c.before, c.after])).toEqual([
      [new Date(T0 + 30 * STEP).toISOString().replace('.000Z', 'Z'), 8, 10],
    ]);
  });

  it('reports at most two change points, in time order: a spike that went back down', () => {
    const s = summarizeSeries(series(600, (i) => (i >= 200 && i < 400 ? 50 : 10), 1));
    expect(s.changePoints.map((c) => c.at)).toEqual([
      new Date(T0 + 200 * STEP).toISOString().replace('.000Z', 'Z'),
      new Date(T0 + 400 * STEP).toISOString().replace('.000Z', 'Z'),
    ]);
    expect(s.changePoints[0]!.delta).toBeGreaterThan(35);
    expect(s.changePoints[1]!.delta).toBeLessThan(-35);
  });

  it('ignores NaN samples (e.g. 0/0 ratios) and reports an all-NaN series as empty', () => {
    const withNaN = series(10, (i) => (i === 3 ? Number.NaN : 2));
    expect(summarizeSeries(withNaN).stats?.mean).toBe(2);
    const empty = summarizeSeries(series(5, () => Number.NaN));
    expect(empty.stats).toBeUndefined();
    expect(empty.changePoints).toEqual([]);
  });

  it('is deterministic', () => {
    const points = series(300, (i) => Math.sin(i / 10), 0.3, 9);
    expect(JSON.stringify(summarizeSeries(points))).toBe(JSON.stringify(summarizeSeries(points)));
  });
});

describe('sparkline', () => {
  it('draws a ramp from ▁ to █ in the requested width', () => {
    expect(
      sparkline(
        series(8, (i) => i),
        8,
      ),
    ).toBe('▁▂▃▄▅▆▇█');
  });

  it('draws a flat series mid-height and a gap as a space', () => {
    expect(
      sparkline(
        series(4, () => 3),
        4,
      ),
    ).toBe('▄▄▄▄');
    const gap = series(10, (i) => i).filter((_, i) => i < 4 || i > 6);
    expect(sparkline(gap, 10)).toBe('▁▁▂▃   ▇██');
  });
});

describe('splitLabels', () => {
  it('lists shared labels once and keeps only the differing ones per series', () => {
    const { common, differing } = splitLabels([
      { service: 'checkout', namespace: 'shop', code: '200' },
      { service: 'checkout', namespace: 'shop', code: '500' },
    ]);
    expect(common).toEqual({ service: 'checkout', namespace: 'shop' });
    expect(differing).toEqual([{ code: '200' }, { code: '500' }]);
  });

  it('keeps every label of a single series', () => {
    expect(splitLabels([{ a: '1' }])).toEqual({ common: {}, differing: [{ a: '1' }] });
  });
});

describe('shapeRange', () => {
  const pods = Array.from({ length: 200 }, (_, i) => ({
    labels: { __name__: 'latency', service: 'checkout', pod: `checkout-${String(i).padStart(3, '0')}` },
    samples: series(240, (j) => (i === 137 && j >= 180 ? 2.5 : 0.3), 0.03, i + 1),
  }));

  it('picks the anomalous series out of 200 and names its change point', async () => {
    const shaped = await shapeRange(pods, { topK: 5 });
    expect(shaped.seriesCount).toBe(200);
    expect(shaped.omittedSeries).toBe(195);
    expect(shaped.commonLabels).toEqual({ __name__: 'latency', service: 'checkout' });
    const [top, second] = shaped.series;
    expect(top!.labels).toEqual({ pod: 'checkout-137' });
    expect(top!.changePoints.map((c) => c.at)).toEqual([
      new Date(T0 + 180 * STEP).toISOString().replace('.000Z', 'Z'),
    ]);
    expect(top!.deviation).toBeGreaterThan(10 * second!.deviation);
    expect(shaped.series.slice(1).every((s) => s.changePoints.length === 0)).toBe(true);
  });

  it('stays small: 200 series × 240 points shape to a few kilobytes', async () => {
    const bytes = Buffer.byteLength(JSON.stringify(await shapeRange(pods, { topK: 10 })));
    const raw = Buffer.byteLength(JSON.stringify(pods));
    expect(bytes).toBeLessThan(6000);
    expect(raw / bytes).toBeGreaterThan(100);
  });

  it('returns raw points only when asked, capped to the latest ones', async () => {
    expect((await shapeRange(pods, { topK: 2 })).series[0]!.points).toBeUndefined();
    const shaped = await shapeRange(pods, { topK: 2, raw: true, maxRawPoints: 100 });
    expect(shaped.rawTruncated).toBe(true);
    const points = shaped.series[0]!.points!;
    expect(points).toHaveLength(50);
    expect(points.at(-1)![0]).toBe((T0 + 239 * STEP) / 1000);
  });

  it('does not start when its signal has already aborted', async () => {
    await expect(
      shapeRange(pods, { topK: 2, signal: AbortSignal.abort(new Error('timed out')) }),
    ).rejects.toThrow('timed out');
  });
});
