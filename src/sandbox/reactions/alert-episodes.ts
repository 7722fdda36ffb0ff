// When a scenario alert fires. An alert with an `expr` is a real alerting rule over the
// sandbox's series (prometheus/rule-evaluation.ts): it fires and resolves as its metric
// does. A scripted alert (no `expr`) fires from its startsAt to its endsAt and, when it is
// the incident's (starting at or after incidentStart), only outside the suppressions, each
// stretch an episode of its own. Alertmanager's alerts and Prometheus's rules, alerts and
// ALERTS series all read these, so they resolve and re-fire together.

import type { Clock } from '../../tool.ts';
import { evaluatedRule } from '../prometheus/rule-evaluation.ts';
import { createPromqlEngine, type PromqlEngine } from '../promql/engine.ts';
import type { SeriesStorage } from '../promql/storage.ts';
import { scenarioMetricStore } from '../run/metric-store.ts';
import type { AlertSpec, Scenario } from '../scenario/schema.ts';
import { type Span, suppressedSpans, without } from './spans.ts';
import type { IncidentTimeline } from './timeline.ts';

export interface AlertEpisodes {
  /** The alert's firing episodes up to `now`, oldest first; the last may be open (until Infinity). */
  of(alert: AlertSpec, now: number): Span[];
  /** The rule's value at its last evaluation by `now` (a scripted alert's `vector(1)`: 1). */
  value(alert: AlertSpec, now: number): number;
}

/**
 * The episodes of a scenario's alerts. Rules read `storage` (the sandbox's series; made from
 * the scenario when absent), evaluated on the scenario's grid.
 */
export function alertEpisodes(
  scenario: Scenario,
  clock: Clock,
  timeline: IncidentTimeline,
  storage?: SeriesStorage,
): AlertEpisodes {
  let engine: PromqlEngine | undefined;
  const rules = new Map<AlertSpec, ReturnType<typeof evaluatedRule>>();
  const ruleOf = (alert: AlertSpec & { expr: string }) => {
    let rule = rules.get(alert);
    if (!rule) {
      engine ??= createPromqlEngine(storage ?? scenarioMetricStore(scenario, clock, timeline));
      const grid = { start: scenario.spec.history.getTime(), step: scenario.spec.step };
      const before = alert.startsAt.getTime() < grid.start ? { firingSince: alert.startsAt.getTime() } : {};
      rule = evaluatedRule({ expr: alert.expr, forMs: alert.for, ...before }, grid, engine, timeline);
      rules.set(alert, rule);
    }
    return rule;
  };
  return {
    of: (alert, now) =>
      alert.expr === undefined
        ? scriptedEpisodes(alert, timeline)
        : ruleOf(alert as AlertSpec & { expr: string }).episodes(now),
    value(alert, now) {
      if (alert.expr === undefined) return 1;
      ruleOf(alert as AlertSpec & { expr: string });
      const { step } = scenario.spec;
      const start = scenario.spec.history.getTime();
      const evaluated = start + Math.floor((now - start) / step) * step;
      const data = engine!.instant(alert.expr, evaluated);
      return data.resultType === 'vector' && data.result[0] ? Number(data.result[0].value[1]) : 1;
    },
  };
}

/** A scripted alert's episodes: its span, without the suppressions when it is the incident's. */
function scriptedEpisodes(alert: Pick<AlertSpec, 'startsAt' | 'endsAt'>, timeline: IncidentTimeline): Span[] {
  const firing: Span = [alert.startsAt.getTime(), alert.endsAt?.getTime() ?? Number.POSITIVE_INFINITY];
  return firing[0] >= timeline.incidentStart ? without(firing, suppressedSpans(timeline)) : [firing];
}

/** The episode firing at t, if any. */
export function episodeAt(episodes: readonly Span[], t: number): Span | undefined {
  return episodes.find(([from, until]) => from <= t && t < until);
}
