// Query guardrails: the step that caps points per series, and the refusals that tell the
// agent how to narrow a query.

import { describe, expect, it } from 'vitest';
import {
  checkRange,
  checkSeriesCount,
  chooseStep,
  DEFAULT_PROMETHEUS_LIMITS,
  formatDuration,
  niceStep,
} from '../../../src/backends/prometheus/limits.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('chooseStep', () => {
  it('keeps a requested step that stays under the point limit', () => {
    expect(chooseStep(6 * HOUR, 11_000, 15)).toBe(15);
    expect(chooseStep(6 * HOUR, 11_000, 7)).toBe(7);
  });

  it('raises a too-fine step to the smallest nice step under the limit', () => {
    // 7 days at 15s is 40 320 points; 7d / 11 000 = 55s, rounded up to 1m.
    expect(chooseStep(7 * DAY, 11_000, 15)).toBe(60);
    // 1 day / 100 points = 864s, rounded up to 15m.
    expect(chooseStep(DAY, 100, 1)).toBe(900);
  });

  it('picks about a thousand points, never finer than 15s, without a request', () => {
    expect(chooseStep(HOUR, 11_000)).toBe(15);
    expect(chooseStep(6 * HOUR, 11_000)).toBe(30);
    expect(chooseStep(7 * DAY, 11_000)).toBe(900);
  });

  it('rounds up to nice steps, and to whole days beyond a day', () => {
    expect(niceStep(16)).toBe(30);
    expect(niceStep(3601)).toBe(7200);
    expect(niceStep(90_000)).toBe(172_800);
  });
});

describe('checkRange', () => {
  const start = new Date('2026-04-25T00:00:00Z');

  it('accepts a range within the limit', () => {
    expect(() =>
      checkRange(start, new Date(start.getTime() + 7 * DAY), DEFAULT_PROMETHEUS_LIMITS),
    ).not.toThrow();
  });

  it('refuses a longer range, naming the limit and how to narrow', () => {
    expect(() => checkRange(start, new Date(start.getTime() + 8 * DAY), DEFAULT_PROMETHEUS_LIMITS)).toThrow(
      /range 8d is longer than the configured maximum 7d \(prometheus.limits.maxRange\); shorten the range/,
    );
  });

  it('refuses an empty or inverted range', () => {
    expect(() => checkRange(start, start, DEFAULT_PROMETHEUS_LIMITS)).toThrow(/start .* is not before end/);
  });
});

describe('checkSeriesCount', () => {
  it('refuses too many series with the ways to narrow', () => {
    const limits = { ...DEFAULT_PROMETHEUS_LIMITS, maxSeries: 10 };
    expect(() => checkSeriesCount(10, 'up', limits)).not.toThrow();
    expect(() => checkSeriesCount(11, 'up', limits)).toThrow(
      /"up" returned 11 series, more than the configured maximum 10.*add a label matcher.*sum by.*shorten the range/,
    );
  });
});

describe('formatDuration', () => {
  it('uses the largest whole unit', () => {
    expect(formatDuration(7 * DAY)).toBe('7d');
    expect(formatDuration(25 * HOUR)).toBe('25h');
    expect(formatDuration(90_000)).toBe('90s');
    expect(formatDuration(30_000)).toBe('30s');
    expect(formatDuration(200)).toBe('200ms');
  });
});
