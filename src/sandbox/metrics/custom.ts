// The `metrics` section: series the scenario writes out. Gauges follow their `value`
// segments, counters integrate their `rate` segments (a `reset: true` segment restarts the
// counter from 0 where it begins, as after a pod restart) and histograms take `rate` plus
// p50/p99 like services. Noise is relative and Gaussian, from one seeded stream per series.
// Incident segments blend towards the pre-incident value as the incident is suppressed; a
// reset the incident would bring does not happen while it is. A series lives from its
// `from` to its `until` (life.ts), whatever the incident does.

import { heldOff } from '../reactions/spans.ts';
import type { IncidentTimeline } from '../reactions/timeline.ts';
import { streamRandom } from '../scenario/random.ts';
import type { MetricSpec, ScenarioSpec } from '../scenario/schema.ts';
import { histogramSeries } from './histogram.ts';
import { livingStreams, seriesLife } from './life.ts';
import {
  atGridPoint,
  blendIncident,
  fillGrid,
  type Grid,
  gridSamples,
  integrate,
  type SeriesStream,
  withNoise,
} from './series.ts';

export function customSeries(spec: ScenarioSpec, grid: Grid, timeline: IncidentTimeline): SeriesStream[] {
  return spec.metrics.flatMap((metric) => {
    const life = seriesLife(grid, metric.from, metric.until);
    return livingStreams(life, metricSeries(metric, spec.seed, life.grid, timeline));
  });
}

function metricSeries(
  metric: MetricSpec,
  seed: number,
  grid: Grid,
  timeline: IncidentTimeline,
): SeriesStream[] {
  const random = streamRandom(seed, `metrics/${metric.name}/${canonicalLabels(metric.labels)}`);
  const help = `Scenario series ${metric.name}.`;
  const { name, labels } = metric;
  switch (metric.type) {
    case 'gauge': {
      const values = fillGrid(grid, (t) =>
        withNoise(
          blendIncident(metric.value, (s) => s.value, t, timeline),
          metric.noise,
          random,
        ),
      );
      return [{ name, family: name, type: 'gauge', help, labels, samples: gridSamples(grid, values) }];
    }
    case 'counter': {
      const resets = metric.rate
        .filter((s) => s.reset)
        .map((s) => s.from.getTime())
        .filter((reset) => !heldOff(timeline, reset, reset));
      const values = integrate(
        grid,
        (t) =>
          withNoise(
            blendIncident(metric.rate, (s) => s.rate, t, timeline),
            metric.noise,
            random,
          ),
        (previous, t) => resets.some((reset) => previous < reset && reset <= t),
      );
      const family = name.endsWith('_total') ? name.slice(0, -'_total'.length) : name;
      return [{ name, family, type: 'counter', help, labels, samples: gridSamples(grid, values) }];
    }
    case 'histogram': {
      const rates = fillGrid(grid, (t) =>
        withNoise(
          blendIncident(metric.rate, (s) => s.rate, t, timeline),
          metric.noise,
          random,
        ),
      );
      return histogramSeries({
        family: name,
        help,
        labels,
        grid,
        shape: {
          rateAt: atGridPoint(grid, rates),
          p50At: (t) => blendIncident(metric.rate, (s) => s.p50, t, timeline),
          p99At: (t) => blendIncident(metric.rate, (s) => s.p99, t, timeline),
        },
      });
    }
  }
}

function canonicalLabels(labels: Record<string, string>): string {
  return Object.keys(labels)
    .sort()
    .map((key) => `${key}=${labels[key]}`)
    .join(',');
}
