// How far the incident holds at any scenario time. A scenario's `resolution` says which
// segments and log lines belong to the incident (at or after `incidentStart`); a fix (the
// world holding one of the resolution's fixes, whoever made it) suppresses the incident
// from then on, a transient action for a while. Metrics blend between their incident and
// pre-incident values by `weight(t)`; log lines and alerts follow `active(t)`. Without a
// resolution nothing ever changes.

import type { Resolution } from '../scenario/schema.ts';

/** A span of scenario time during which the incident is suppressed; `until` is Infinity for a fix. */
export interface SuppressionWindow {
  from: number;
  until: number;
}

export interface IncidentTimeline {
  /** Unix ms; segments and log lines at or after it belong to the incident. Infinity without a resolution. */
  readonly incidentStart: number;
  /** Milliseconds over which metrics move between incident and pre-incident values. */
  readonly recovery: number;
  /** 1 while the incident holds in full, 0 once recovered; ramps linearly over `recovery`. */
  weight(t: number): number;
  /** Whether incident log lines are written and incident alerts fire at t. */
  active(t: number): boolean;
  /** The suppression windows so far, oldest first. */
  windows(): readonly SuppressionWindow[];
  /** Suppresses the incident from `from` until `until` (Infinity: for good). */
  suppress(from: number, until: number): void;
  /** Ends the suppression for good (a fix undone) at `at`: the incident comes back from then on. */
  resume(at: number): void;
  /** Called after each `suppress`, so generated data can be refreshed. */
  onChange(listener: () => void): () => void;
}

export function incidentTimeline(resolution: Resolution | undefined): IncidentTimeline {
  const windows: SuppressionWindow[] = [];
  const listeners = new Set<() => void>();
  const incidentStart = resolution ? resolution.incidentStart.getTime() : Number.POSITIVE_INFINITY;
  const recovery = resolution?.recovery ?? 0;
  const ramp = (elapsed: number) => (recovery > 0 ? Math.min(1, Math.max(0, elapsed / recovery)) : 1);
  /** The incident's weight under one window: ramps down from `from`, back up from `until`. */
  const weightIn = (w: SuppressionWindow, t: number) => {
    if (t < w.from) return 1;
    if (t < w.until) return 1 - ramp(t - w.from);
    const atEnd = 1 - ramp(w.until - w.from);
    return atEnd + (1 - atEnd) * ramp(t - w.until);
  };
  return {
    incidentStart,
    recovery,
    weight: (t) => windows.reduce((least, w) => Math.min(least, weightIn(w, t)), 1),
    active: (t) => !windows.some((w) => t >= w.from && t < w.until),
    windows: () => windows,
    suppress(from, until) {
      if (!(until > from)) throw new Error(`a suppression must end after it starts (${from} → ${until})`);
      windows.push({ from, until });
      windows.sort((a, b) => a.from - b.from);
      for (const listener of listeners) listener();
    },
    resume(at) {
      const open = windows.findIndex((w) => w.until === Number.POSITIVE_INFINITY);
      if (open < 0) return;
      const { from } = windows[open]!;
      if (at > from) windows[open] = { from, until: at };
      else windows.splice(open, 1);
      for (const listener of listeners) listener();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
