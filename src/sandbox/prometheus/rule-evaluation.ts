// A scenario alert with an `expr` is a real alerting rule: evaluated at every step of the
// scenario's grid over the sandbox's series, pending while the expression has results,
// firing once it has had them for `for`, resolved at the first evaluation without. So an
// alert resolves when its metric recovers (after a fix's `recovery`), not at the fix.
//
// The past does not change, so evaluations are kept and only new steps are evaluated as the
// clock moves; a change of the incident timeline (a fix, a relapse) changes the series from
// its window's start on, and the evaluations from there are done again.

import type { PromqlEngine } from '../promql/engine.ts';
import type { Span } from '../reactions/spans.ts';
import type { IncidentTimeline, SuppressionWindow } from '../reactions/timeline.ts';

/** Prometheus refuses longer range queries; evaluations are asked for in chunks this long. */
const CHUNK_POINTS = 10_000;

export interface RuleGrid {
  /** The first evaluation (spec.history). */
  start: number;
  step: number;
}

export interface EvaluatedRule {
  /** The firing episodes up to `now`, oldest first; the last is open (until Infinity) while it fires. */
  episodes(now: number): Span[];
}

export function evaluatedRule(
  rule: {
    expr: string;
    forMs: number;
    /**
     * When the alert fired if that was before the first evaluation (a startsAt before the
     * scenario's history): a rule true at the first evaluation has fired since then, as
     * Prometheus restores an alert's state after a restart.
     */
    firingSince?: number;
  },
  grid: RuleGrid,
  engine: PromqlEngine,
  timeline: IncidentTimeline,
): EvaluatedRule {
  /** Whether the expression had results at each grid point evaluated so far. */
  const results: boolean[] = [];
  let windows = [...timeline.windows()];
  timeline.onChange(() => {
    const changedFrom = firstDifference(windows, timeline.windows());
    windows = [...timeline.windows()];
    const keep = Math.max(0, Math.ceil((changedFrom - grid.start) / grid.step));
    if (keep < results.length) results.length = keep;
  });

  const evaluateUntil = (now: number) => {
    const last = Math.floor((now - grid.start) / grid.step);
    while (results.length <= last) {
      const from = results.length;
      const to = Math.min(last, from + CHUNK_POINTS - 1);
      const startMs = grid.start + from * grid.step;
      const data = engine.range(rule.expr, startMs, grid.start + to * grid.step, grid.step);
      const present = new Array<boolean>(to - from + 1).fill(false);
      if (data.resultType === 'matrix') {
        for (const series of data.result)
          for (const [seconds] of series.values)
            present[Math.round((seconds * 1000 - startMs) / grid.step)] = true;
      }
      results.push(...present);
    }
  };

  return {
    episodes(now) {
      evaluateUntil(now);
      const out: [number, number][] = [];
      let pendingSince: number | undefined;
      let firing = false;
      results.forEach((present, i) => {
        const t = grid.start + i * grid.step;
        if (i === 0 && present && rule.firingSince !== undefined) {
          firing = true;
          pendingSince = rule.firingSince;
          out.push([rule.firingSince, Number.POSITIVE_INFINITY]);
          return;
        }
        if (!present) {
          if (firing) out[out.length - 1]![1] = t;
          pendingSince = undefined;
          firing = false;
          return;
        }
        pendingSince ??= t;
        if (!firing && t - pendingSince >= rule.forMs) {
          firing = true;
          out.push([t, Number.POSITIVE_INFINITY]);
        }
      });
      return out;
    },
  };
}

/** The earliest time at which two lists of suppression windows differ (Infinity: they do not). */
function firstDifference(before: readonly SuppressionWindow[], after: readonly SuppressionWindow[]): number {
  const key = (w: SuppressionWindow) => `${w.from}/${w.until}`;
  const had = new Set(before.map(key));
  const has = new Set(after.map(key));
  const changed = [...before.filter((w) => !has.has(key(w))), ...after.filter((w) => !had.has(key(w)))];
  return Math.min(Number.POSITIVE_INFINITY, ...changed.map((w) => w.from));
}
