// The sandbox clock: frozen stands at the scenario's now; live maps it to the start and runs
// at `speed` scenario seconds per wall second.

import { describe, expect, it } from 'vitest';
import { sandboxClock } from '../../../../src/sandbox/run/clock.ts';

const NOW = new Date('2026-05-12T03:10:00Z');

describe('sandboxClock', () => {
  it('frozen never moves', () => {
    const clock = sandboxClock(NOW, 'frozen');
    expect(clock.now()).toEqual(NOW);
    expect(clock.now()).not.toBe(clock.now());
  });

  it('live runs from the scenario now at the given speed', () => {
    let wall = 1_000_000;
    const clock = sandboxClock(NOW, 'live', { speed: 30, wallClock: () => wall });
    expect(clock.now()).toEqual(NOW);
    wall += 2_000;
    expect(clock.now().getTime() - NOW.getTime()).toBe(60_000);
  });

  it('refuses a speed that is not positive', () => {
    expect(() => sandboxClock(NOW, 'live', { speed: 0 })).toThrow('speed must be a positive number, got 0');
  });
});
