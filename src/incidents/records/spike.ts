// The metric spike an incident record leads with ("checkout error ratio from 2% to 78%"):
// a golden signal's last 15 minutes against the hour before. The baseline is the hour's
// median (a spike that began a little before the 15 minutes does not drag it up), the
// spike the 15 minutes' peak, the onset the first sample past half-way. A signal
// counts only when the change is one an on-call engineer would call a spike.

import type { RangeSeries, Sample } from '../../backends/prometheus/types.ts';
import { type CatalogService, queriesFor } from '../catalog.ts';
import type { MetricSpike } from './model.ts';
import { ERROR_RATIO_SIGNAL } from './severity.ts';

export const RECENT_MS = 15 * 60_000;
export const BASELINE_MS = 60 * 60_000;
export const STEP_SECONDS = 60;

export interface Signal {
  name: string;
  query: string;
  /** No samples before the spike means this value (a ratio of errors with no errors is 0). */
  missingBaseline?: number;
  significant(from: number, to: number): boolean;
  format(value: number): string;
}

const percent = (v: number) => {
  const p = v * 100;
  return `${p < 1 && p > 0 ? p.toFixed(1) : Math.round(p)}%`;
};
const seconds = (v: number) => (v < 1 ? `${Math.round(v * 1000)}ms` : `${v.toFixed(1)}s`);

/** The signals to look at, most telling first: errors, then latency, then saturation. */
export function signalsFor(service: CatalogService): Signal[] {
  const queries = queriesFor(service);
  const signals: Signal[] = [
    {
      name: ERROR_RATIO_SIGNAL,
      query: queries.errorRatio,
      missingBaseline: 0,
      significant: (from, to) => to >= 0.01 && to - from >= 0.01 && to >= 2 * from,
      format: percent,
    },
    {
      name: 'p99 latency',
      query: queries.latencyP99,
      significant: (from, to) => to >= 1.5 * from && to - from >= 0.05,
      format: seconds,
    },
  ];
  if (queries.saturation)
    signals.push({
      name: 'saturation',
      query: queries.saturation,
      significant: (from, to) => to >= 0.8 && to - from >= 0.1,
      format: percent,
    });
  return signals;
}

/** The spike in `series` (a range over [now − 75m, now]), if the signal calls it one. */
export function spikeIn(
  signal: Signal,
  service: string,
  series: readonly RangeSeries[],
  now: Date,
): MetricSpike | undefined {
  const split = now.getTime() - RECENT_MS;
  let best: MetricSpike | undefined;
  for (const { samples } of series) {
    const usable = samples.filter((s) => Number.isFinite(s.v));
    const before = usable.filter((s) => s.t < split);
    const recent = usable.filter((s) => s.t >= split);
    if (!recent.length) continue;
    const from = before.length ? median(before) : signal.missingBaseline;
    if (from === undefined) continue;
    const to = Math.max(...recent.map((s) => s.v));
    if (!signal.significant(from, to) || (best && to - from <= best.to - best.from)) continue;
    const onset = usable.find((s) => s.v > from + (to - from) / 2);
    best = {
      signal: signal.name,
      service,
      from,
      to,
      summary: `${service} ${signal.name} from ${signal.format(from)} to ${signal.format(to)}`,
      ...(onset ? { onset: new Date(onset.t).toISOString() } : {}),
    };
  }
  return best;
}

function median(samples: readonly Sample[]): number {
  const values = samples.map((s) => s.v).sort((a, b) => a - b);
  const middle = Math.floor(values.length / 2);
  return values.length % 2 ? values[middle]! : (values[middle - 1]! + values[middle]!) / 2;
}
