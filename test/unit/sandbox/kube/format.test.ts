import { describe, expect, it } from 'vitest';
import { humanDuration } from '../../../../src/sandbox/kube/age.ts';
import { lastItems, rfc3339Nano } from '../../../../src/sandbox/kube/logs.ts';

describe('ages as kubectl prints them', () => {
  it.each([
    [45_000, '45s'],
    [119_000, '119s'],
    [372_000, '6m12s'],
    [600_000, '10m'],
    [3 * 3_600_000 + 20 * 60_000, '3h20m'],
    [30 * 3_600_000, '30h'],
    [9 * 86_400_000, '9d'],
    [3 * 86_400_000 + 5 * 3_600_000, '3d5h'],
    [800 * 86_400_000, '2y70d'],
    [-5_000, '<invalid>'],
  ])('%d ms is %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});

describe('log helpers', () => {
  it('keeps only the last N lines of a long stream, in order', () => {
    function* lines() {
      for (let i = 0; i < 100_000; i++) yield i;
    }
    expect(lastItems(lines(), 5)).toEqual([99_995, 99_996, 99_997, 99_998, 99_999]);
    expect(lastItems([1, 2], 5)).toEqual([1, 2]);
    expect(lastItems([1, 2, 3], 0)).toEqual([]);
  });

  it('writes timestamps as Go RFC3339Nano does (no trailing zeros)', () => {
    expect(rfc3339Nano(new Date('2026-04-25T14:29:58.120Z'))).toBe('2026-04-25T14:29:58.12Z');
    expect(rfc3339Nano(new Date('2026-04-25T14:29:58.000Z'))).toBe('2026-04-25T14:29:58Z');
  });
});
