// The sandbox's time. Frozen (drills, tests): the world stands at the scenario's `now`.
// Live: the scenario's `now` is mapped to the moment the sandbox starts and time runs on
// from there, `speed` scenario seconds per wall second (1 for a demo; more to watch a
// recovery in seconds), so data keeps flowing and fixes play out.

import type { Clock } from '../../tool.ts';

export type ClockMode = 'live' | 'frozen';

export function sandboxClock(
  scenarioNow: Date,
  mode: ClockMode,
  opts: { speed?: number; wallClock?: () => number } = {},
): Clock {
  if (mode === 'frozen') return { now: () => new Date(scenarioNow) };
  const speed = opts.speed ?? 1;
  if (!(speed > 0) || !Number.isFinite(speed))
    throw new Error(`speed must be a positive number, got ${speed}`);
  const wall = opts.wallClock ?? Date.now;
  const started = wall();
  const origin = scenarioNow.getTime();
  return { now: () => new Date(origin + (wall() - started) * speed) };
}
