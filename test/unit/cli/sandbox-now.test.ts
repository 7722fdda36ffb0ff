// Where `opswarden sandbox --now` puts the scenario's now: at the wall clock (the default
// with a live clock, to the whole second), where the file says (the default when frozen),
// or at a given RFC 3339 time; anything else is refused naming the flag.

import { describe, expect, it } from 'vitest';
import { scenarioNow } from '../../../src/cli/sandbox.ts';

const WALL = Date.parse('2026-12-07T20:41:07.654Z');

describe('sandbox --now', () => {
  it('defaults to the wall clock when live and to the file when frozen', () => {
    expect(scenarioNow(undefined, 'live', WALL)?.toISOString()).toBe('2026-12-07T20:41:07.000Z');
    expect(scenarioNow(undefined, 'frozen', WALL)).toBeUndefined();
  });

  it('takes wall, scenario or a time whatever the clock', () => {
    expect(scenarioNow('wall', 'frozen', WALL)?.toISOString()).toBe('2026-12-07T20:41:07.000Z');
    expect(scenarioNow('scenario', 'live', WALL)).toBeUndefined();
    expect(scenarioNow('2026-01-02T03:04:05+01:00', 'live', WALL)?.toISOString()).toBe(
      '2026-01-02T02:04:05.000Z',
    );
  });

  it('refuses anything else, naming the flag', () => {
    for (const bad of ['now', '2026-01-02', '2026-13-02T03:04:05Z', '1700000000'])
      expect(() => scenarioNow(bad, 'live', WALL), bad).toThrow(
        /--now must be wall, scenario or an RFC 3339 time/,
      );
  });
});
