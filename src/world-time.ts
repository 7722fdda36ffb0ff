// One clock per answer. The gate (audit records, approval expiry) runs on the wall clock;
// the observed world runs on its own (in production the same clock; in the sandbox the
// scenario's, at its `speed`). Whatever a tool answers is in the world's time, so the
// model never compares an approval's expiry on one clock with a pod's age on another.
// Gate times are mapped to world times (and back, for filters) by reading both clocks at
// the same moment; expiry is still enforced on the gate's clock.

import type { Clock } from './tool.ts';

export interface Clocks {
  /** The gate's clock (audit records, approvals). */
  clock: Clock;
  /** The observed world's clock (what tools see). */
  worldClock: Clock;
  /** World ms per gate ms (a live sandbox at --speed n: n). */
  timeScale: number;
}

export interface WorldTime {
  /** Whether the two clocks are one (nothing to map). */
  readonly same: boolean;
  toWorld(gate: Date): Date;
  toGate(world: Date): Date;
  /** An RFC 3339 gate time as world time. */
  isoToWorld(gateIso: string): string;
}

export function worldTime(clocks: Clocks): WorldTime {
  const same = clocks.clock === clocks.worldClock && clocks.timeScale === 1;
  const toWorld = (gate: Date) => {
    if (same) return gate;
    const gateNow = clocks.clock.now().getTime();
    return new Date(clocks.worldClock.now().getTime() - (gateNow - gate.getTime()) * clocks.timeScale);
  };
  return {
    same,
    toWorld,
    toGate(world) {
      if (same) return world;
      const worldNow = clocks.worldClock.now().getTime();
      return new Date(clocks.clock.now().getTime() - (worldNow - world.getTime()) / clocks.timeScale);
    },
    isoToWorld: (gateIso) => (same ? gateIso : toWorld(new Date(gateIso)).toISOString()),
  };
}
