// The sandbox's metric series as the PromQL engine reads them: generated from the scenario
// up to the clock's now, with the incident timeline applied. Generation runs ahead of the
// clock (`aheadMs`) so a live clock does not regenerate on every query, and again after a
// fix or transient action changes the timeline. Samples after now are never served.

import { generateSeries, type SeriesStream } from '../metrics/generate.ts';
import { streamsStorage } from '../prometheus/storage.ts';
import type { SeriesStorage } from '../promql/storage.ts';
import type { IncidentTimeline } from '../reactions/timeline.ts';
import type { Scenario } from '../scenario/schema.ts';

/** Live data is generated this far past now: one regeneration per ten minutes of scenario time. */
const DEFAULT_AHEAD_MS = 10 * 60_000;

export interface MetricStore extends SeriesStorage {
  /** The generated streams as of now (metadata, targets). */
  streams(): readonly SeriesStream[];
}

export function scenarioMetricStore(
  scenario: Scenario,
  clock: { now(): Date },
  timeline: IncidentTimeline,
  opts: { aheadMs?: number } = {},
): MetricStore {
  const specNow = scenario.spec.now.getTime();
  let generated: { until: number; streams: SeriesStream[]; storage: SeriesStorage } | undefined;
  timeline.onChange(() => {
    generated = undefined;
  });
  const current = () => {
    const now = clock.now().getTime();
    if (!generated || generated.until < now) {
      const until = now > specNow ? now + (opts.aheadMs ?? DEFAULT_AHEAD_MS) : specNow;
      const streams = generateSeries(scenario, { until: new Date(until), timeline });
      generated = { until, streams, storage: streamsStorage(streams) };
    }
    return generated;
  };
  return {
    select: (matchers, mint, maxt) =>
      current().storage.select(matchers, mint, Math.min(maxt, clock.now().getTime())),
    streams: () => current().streams,
  };
}
