// Change points as an on-call engineer reads a graph: a jump that stays is dated where it
// began and sized from the baseline to now; a ramp is dated where it started; noise, a
// single spike and a blip that recovered are not changes; steady growth is a trend.

import { describe, expect, it } from 'vitest';
import {
  crossingTime,
  detectShift,
  linearTrend,
  pointwiseMax,
  type Sample,
} from '../../../src/incidents/correlate/changepoint.ts';

const STEP = 30_000;
const T0 = Date.parse('2026-04-25T12:30:00Z');

/** 240 points (2 h at 30 s) of `value(i)` with deterministic ±`noise` relative jitter. */
function series(value: (i: number) => number, noise = 0.02): Sample[] {
  return Array.from({ length: 240 }, (_, i) => ({
    t: T0 + i * STEP,
    v: value(i) * (1 + noise * Math.sin(i * 12.9898) * 0.999),
  }));
}

describe('detectShift', () => {
  it('dates a step change at its first point and sizes it from baseline to now', () => {
    const shift = detectShift(series((i) => (i < 200 ? 0.002 : 0.31)));
    expect(shift).toMatchObject({ at: T0 + 200 * STEP, direction: 'up' });
    expect(shift!.from).toBeCloseTo(0.002, 3);
    expect(shift!.to).toBeCloseTo(0.31, 1);
    expect(shift!.magnitude).toBeGreaterThan(100);
  });

  it('dates a ramp where it started, not where it crossed the threshold', () => {
    // 1.5 s -> 6 s over 60 points (30 min) starting at point 150.
    const shift = detectShift(series((i) => (i < 150 ? 1.5 : 1.5 + Math.min(4.5, ((i - 150) / 60) * 4.5))));
    expect(shift!.at).toBeGreaterThanOrEqual(T0 + 150 * STEP);
    expect(shift!.at).toBeLessThanOrEqual(T0 + 153 * STEP);
  });

  it('finds falls as well as rises', () => {
    expect(detectShift(series((i) => (i < 180 ? 0.25 : 0.02)))).toMatchObject({
      direction: 'down',
      at: T0 + 180 * STEP,
    });
  });

  it('ignores noise, a single spike, and an excursion that has recovered', () => {
    expect(detectShift(series(() => 40, 0.05))).toBeUndefined();
    expect(detectShift(series((i) => (i === 200 ? 400 : 40)))).toBeUndefined();
    expect(detectShift(series((i) => (i >= 150 && i < 190 ? 90 : 40)))).toBeUndefined();
  });

  it('needs a change larger than the given relative and absolute minimums', () => {
    const small = series((i) => (i < 200 ? 0.06 : 0.07), 0);
    expect(detectShift(small, { minRelative: 0.5 })).toBeUndefined();
    expect(detectShift(small, { minRelative: 0.1 })).toBeDefined();
    const tiny = series((i) => (i < 200 ? 0.001 : 0.003), 0);
    expect(detectShift(tiny, { minRelative: 1, minAbsolute: 0.01 })).toBeUndefined();
  });

  it('counts a change inside the baseline as the baseline', () => {
    const early = series((i) => (i < 50 ? 10 : 30));
    expect(detectShift(early)).toBeUndefined();
    expect(detectShift(early, { baselineEnd: T0 + 40 * STEP })).toMatchObject({ at: T0 + 50 * STEP });
  });

  it('says nothing about a series too short to have a baseline', () => {
    expect(detectShift(series((i) => i).slice(0, 6))).toBeUndefined();
  });
});

describe('linearTrend', () => {
  it('sees steady growth as a rising line that fits well', () => {
    const trend = linearTrend(series((i) => 0.4 + i * 0.0025, 0.01))!;
    expect(trend.slopePerHour).toBeCloseTo(0.3, 1);
    expect(trend.r2).toBeGreaterThan(0.95);
    expect(trend.to - trend.from).toBeCloseTo(0.6, 1);
  });

  it('sees a step as a poor fit', () => {
    expect(linearTrend(series((i) => (i < 200 ? 0.4 : 0.9), 0))!.r2).toBeLessThan(0.8);
  });
});

describe('crossingTime', () => {
  it('is when the series rose to the level and stayed, through a brief dip', () => {
    const points = series((i) => (i < 100 ? 0.5 : i === 150 ? 0.7 : 0.95), 0);
    expect(crossingTime(points, 0.9)).toBe(T0 + 100 * STEP);
  });

  it('is undefined while the series is below the level', () => {
    expect(
      crossingTime(
        series(() => 0.5),
        0.9,
      ),
    ).toBeUndefined();
  });
});

describe('pointwiseMax', () => {
  it('takes the busiest series at each time', () => {
    const a = [
      { t: 1, v: 1 },
      { t: 2, v: 5 },
    ];
    const b = [
      { t: 1, v: 3 },
      { t: 2, v: Number.NaN },
    ];
    expect(pointwiseMax([a, b])).toEqual([
      { t: 1, v: 3 },
      { t: 2, v: 5 },
    ]);
  });
});
