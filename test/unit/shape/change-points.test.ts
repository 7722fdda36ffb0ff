// Change points placed at the first sample of the new regime (issue 16): steps, ramps seen
// raw and through a rate() window, a step followed by growth, a short dip, a start-up ramp
// where a series begins, and smoothed noise that must not look like a change; and the
// summary's note when the end of a long window leaves its baseline.

import { describe, expect, it } from 'vitest';
import { findChangePoints } from '../../../src/shape/change-points.ts';
import { type Point, summarizeSeries } from '../../../src/shape/series.ts';

const T0 = Date.parse('2026-04-25T08:30:00Z');

/** A deterministic PRNG (mulberry32) and standard normal draws from it. */
function gaussian(seed: number): () => number {
  let a = seed;
  const uniform = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** n values: level(i) with relative Gaussian noise. */
function values(n: number, level: (i: number) => number, noise = 0, seed = 1): number[] {
  const draw = gaussian(seed);
  return Array.from({ length: n }, (_, i) => level(i) * (1 + noise * draw()));
}

/** A moving mean over `w` samples, as rate(x[w·step]) smooths what it reads. */
function smoothed(xs: number[], w: number): number[] {
  return xs.map((_, i) => {
    const from = Math.max(0, i - w + 1);
    return xs.slice(from, i + 1).reduce((s, v) => s + v, 0) / (i + 1 - from);
  });
}

const at = (i: number, step = 30_000) => new Date(T0 + i * step).toISOString().replace('.000Z', 'Z');
const points = (xs: number[], step = 30_000, t0 = T0): Point[] => xs.map((v, i) => ({ t: t0 + i * step, v }));
const onsets = (xs: number[], smoothing = 0, from = 0) =>
  findChangePoints(xs, 2, from, smoothing).map((c) => c.index);

/** Level `a` until `onset`, then a linear ramp to `b` over `ramp` samples. */
const ramp = (onset: number, length: number, a: number, b: number) => (i: number) =>
  i < onset ? a : i >= onset + length ? b : a + ((b - a) * (i - onset)) / length;

describe('findChangePoints', () => {
  it('puts a noisy step at its first sample, once', () => {
    expect(onsets(values(720, (i) => (i < 600 ? 8 : 10), 0.05))).toEqual([600]);
  });

  it('puts a noise-free ramp at the sample where it leaves the old level, not minutes earlier', () => {
    // 0.2% → 31% over 2 minutes at 15s: the old detector found a second "change" inside it.
    expect(onsets(values(480, ramp(400, 8, 0.002, 0.31)))).toEqual([401]);
  });

  it('places a slow noisy ramp (a leak filling a pool over 38 minutes) within a sample of its start', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const [onset] = onsets(values(720, ramp(616, 76, 9, 30), 0.03, seed));
      expect(Math.abs(onset! - 616), `seed ${seed}`).toBeLessThanOrEqual(1);
    }
  });

  it('places a ramp seen through a rate() window at its start, not half a window late', () => {
    // rate(x[1m]) at 15s: each sample averages the last 4.
    const seen = smoothed(values(960, ramp(848, 20, 180, 560), 0.01, 3), 4);
    const [onset] = onsets(seen, 4);
    expect(onset! - 848).toBeGreaterThanOrEqual(0);
    expect(onset! - 848).toBeLessThanOrEqual(1);
  });

  it('puts a step followed by growth (memory after a bad deploy) at the step', () => {
    const memory = values(720, (i) => (i < 690 ? 2.8e9 : 3.4e9 + (i - 690) * 1e8), 0.01, 7);
    expect(onsets(memory)).toEqual([690]);
  });

  it('reports a two-minute dip and its recovery in a four-hour window as two changes', () => {
    const clients = values(960, (i) => (i >= 876 && i < 884 ? 0 : 96), 0.02, 5);
    const found = findChangePoints(clients, 2);
    expect(found.map((c) => c.index)).toEqual([876, 884]);
    expect(found[0]!.after).toBe(0);
  });

  it('sees no change in a series that trends from its first sample, nor in a warm-up it is told of', () => {
    expect(onsets(values(480, (i) => 100 + i, 0.01))).toEqual([]);
    // A rate(x[5m]) where history begins: 10 samples at 30s climbing to the level.
    const warm = values(720, (i) => (i < 10 ? (10 * (i + 1)) / 10 : 10), 0.01, 2);
    expect(onsets(warm, 10, 10)).toEqual([]);
  });

  it('finds nothing in a series that wanders (each sample close to the last)', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const draw = gaussian(seed);
      let x = 0;
      const wandering = Array.from({ length: 720 }, () => {
        x = 0.9 * x + Math.sqrt(1 - 0.81) * draw();
        return 100 * (1 + 0.05 * x);
      });
      expect(onsets(wandering), `seed ${seed}`).toEqual([]);
    }
  });

  it('finds nothing in noise smoothed by a rate() window, nor in 0.5% wobbles of a busy counter', () => {
    for (const seed of [1, 2, 3]) {
      const busy = smoothed(
        values(240, () => 180, 0.05, seed),
        20,
      );
      expect(onsets(busy, 20), `seed ${seed}`).toEqual([]);
    }
    expect(onsets(values(720, (i) => (i < 400 ? 1000 : 1005), 0.0005))).toEqual([]);
  });
});

describe('summarizeSeries', () => {
  it('ignores the start-up ramp of a series that begins inside the window', () => {
    // The window starts a step before the data; rate(x[5m]) climbs for 5 minutes.
    const seen = values(720, (i) => (i < 10 ? (i + 1) / 10 : 1), 0.01, 4);
    const s = summarizeSeries(points(seen), 24, { start: T0 - 30_000, warmupMs: 300_000 });
    expect(s.changePoints).toEqual([]);
    expect(s.recent).toBeUndefined();
  });

  it('says when the last minutes of a 6-hour window leave the baseline the p95 hides', () => {
    // Flat at 1.1 for six hours at 30s, then 12.3 for the final ten minutes (the last 2.8%).
    const n = 721;
    const xs = values(n, (i) => (i >= n - 20 ? 12.3 : 1.1), 0.02, 9);
    const s = summarizeSeries(points(xs));
    expect(s.stats!.p95).toBeLessThan(1.2);
    expect(s.recent).toMatch(
      new RegExp(`^rising at the end: last 12\\.\\d+ vs baseline 1\\.1\\d* \\(11×\\), since ${at(n - 20)}$`),
    );
    expect(s.changePoints.map((c) => c.at)).toEqual([at(n - 20)]);
  });

  it('says so when the end falls, and says nothing when the end is like the rest', () => {
    const xs = values(480, (i) => (i >= 470 ? 2 : 40), 0.02, 3);
    expect(summarizeSeries(points(xs)).recent).toMatch(
      /^falling at the end: last \d\.\d+ vs baseline \d+\.?\d* \(-95%\), since /,
    );
    expect(summarizeSeries(points(values(480, () => 40, 0.02, 3))).recent).toBeUndefined();
  });

  it('says so even when the spike is too short for a change point', () => {
    const n = 721;
    const xs = values(n, (i) => (i >= n - 3 ? 50 : 5), 0.02, 6);
    const s = summarizeSeries(points(xs));
    expect(s.recent).toMatch(/^rising at the end: last 5\d\.?\d* vs baseline 5\.?\d* \(10×\)/);
    expect(s.deviation).toBeGreaterThan(100);
  });
});
