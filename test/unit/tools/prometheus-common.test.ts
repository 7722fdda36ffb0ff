// The time arguments of the Prometheus tools (issue 16: unix seconds as Prometheus takes
// them, besides now, relative times and RFC 3339) and the longest range selector of a
// query, which tells the range shaping how much a rate() smooths.

import { describe, expect, it } from 'vitest';
import { longestRange, parseTime } from '../../../tools/prometheus/common.ts';

const now = new Date('2026-04-25T14:30:00Z');

describe('parseTime', () => {
  it('takes now, times before now, RFC 3339 and unix seconds (with fractions, as floats)', () => {
    const cases: [string, string][] = [
      ['now', '2026-04-25T14:30:00.000Z'],
      ['-1h', '2026-04-25T13:30:00.000Z'],
      ['-1h30m', '2026-04-25T13:00:00.000Z'],
      ['2026-04-25T14:00:00Z', '2026-04-25T14:00:00.000Z'],
      ['2026-04-25T16:00:00.5+02:00', '2026-04-25T14:00:00.500Z'],
      ['1777125600', '2026-04-25T14:00:00.000Z'],
      ['1777125600.25', '2026-04-25T14:00:00.250Z'],
      ['1777125600.', '2026-04-25T14:00:00.000Z'],
      ['1.7771256e9', '2026-04-25T14:00:00.000Z'],
      [' 1777125600 ', '2026-04-25T14:00:00.000Z'],
    ];
    for (const [text, iso] of cases) expect(parseTime(text, now, 'start').toISOString(), text).toBe(iso);
  });

  it('refuses anything else, naming the argument and the forms it takes', () => {
    for (const text of ['yesterday', '2026-04-25', '14:00', '-1', '-3600', 'Inf', '0x10', '1e400', '']) {
      expect(() => parseTime(text, now, 'end'), text).toThrow(
        `invalid end ${JSON.stringify(text)}: expected now, a time before now like -1h or -30m, RFC 3339 like 2026-04-25T14:00:00Z, or unix seconds like 1777125600`,
      );
    }
  });
});

describe('longestRange', () => {
  it('is the longest range selector or subquery range of a query, 0 without one', () => {
    expect(longestRange('up')).toBe(0);
    expect(longestRange('sum(rate(x[1m])) / sum(rate(y[5m]))')).toBe(300_000);
    expect(longestRange('max_over_time(rate(x[1m])[30m:1m])')).toBe(1_800_000);
    expect(longestRange('increase(x[1h30m])')).toBe(5_400_000);
    expect(longestRange('x{le="0.5"} offset 5m')).toBe(0);
  });
});
