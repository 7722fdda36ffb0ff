// The ALERTS series Prometheus writes for every active alert (`ALERTS{alertname, alertstate,
// ...labels} 1` at each rule evaluation), for the scenario's alerts: one sample per
// evaluation interval in each of the alert's firing episodes, up to the clock's now. Added
// to the storage the simulator queries, so `ALERTS{alertstate="firing"}` agrees with
// /api/v1/alerts, frozen or live.

import type { Clock } from '../../tool.ts';
import { labelsMatch } from '../promql/matcher.ts';
import type { SeriesStorage, StoredSeries } from '../promql/storage.ts';
import type { AlertEpisodes } from '../reactions/alert-episodes.ts';
import type { Span } from '../reactions/spans.ts';
import type { Scenario } from '../scenario/schema.ts';

export function withAlertSeries(
  storage: SeriesStorage,
  scenario: Scenario,
  clock: Clock,
  episodes: AlertEpisodes,
): SeriesStorage {
  const intervalMs = scenario.spec.step;
  const alerts = scenario.spec.alerts.map((alert) => ({
    spec: alert,
    labels: Object.freeze({
      ...alert.labels,
      __name__: 'ALERTS',
      alertname: alert.name,
      alertstate: 'firing',
    }),
  }));
  return {
    select(matchers, mint, maxt) {
      const now = clock.now().getTime();
      const last = Math.min(maxt, now);
      const active = alerts
        .filter((alert) => labelsMatch(matchers, alert.labels))
        .flatMap(
          (alert) => evaluations(alert.labels, episodes.of(alert.spec, now), intervalMs, mint, last) ?? [],
        );
      const selected = storage.select(matchers, mint, maxt);
      return active.length ? [...selected, ...active] : selected;
    },
  };
}

/** The alert's samples in [mint, maxt] on each episode's evaluation grid; undefined when none. */
function evaluations(
  labels: StoredSeries['labels'],
  episodes: readonly Span[],
  intervalMs: number,
  mint: number,
  maxt: number,
): StoredSeries | undefined {
  const timestamps: number[] = [];
  for (const [from, until] of episodes) {
    const first = from + Math.max(0, Math.ceil((mint - from) / intervalMs)) * intervalMs;
    for (let t = first; t <= maxt && t < until; t += intervalMs) timestamps.push(t);
  }
  if (timestamps.length === 0) return undefined;
  return { labels, timestamps, values: new Float64Array(timestamps.length).fill(1) };
}
