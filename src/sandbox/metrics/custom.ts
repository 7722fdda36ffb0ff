// The `metrics` section: series the scenario writes out. Gauges follow their `value`
// segments, counters integrate their `rate` segments (a `reset: true` segment restarts the
// counter from 0 where it begins, as after a pod restart) and histograms take `rate` plus
// p50/p99 like services. Noise is relative and Gaussian, from one seeded stream per series.

import { streamRandom } from '../scenario/random.ts';
import type { MetricSpec, ScenarioSpec } from '../scenario/schema.ts';
import { histogramSeries } from './histogram.ts';
import {
  atGridPoint,
  fillGrid,
  type Grid,
  gridSamples,
  integrate,
  piecewiseAt,
  type SeriesStream,
  withNoise,
} from './series.ts';

export function customSeries(spec: ScenarioSpec, grid: Grid): SeriesStream[] {
  return spec.metrics.flatMap((metric) => metricSeries(metric, spec.seed, grid));
}

function metricSeries(metric: MetricSpec, seed: number, grid: Grid): SeriesStream[] {
  const random = streamRandom(seed, `metrics/${metric.name}/${canonicalLabels(metric.labels)}`);
  const help = `Scenario series ${metric.name}.`;
  const { name, labels } = metric;
  switch (metric.type) {
    case 'gauge': {
      const values = fillGrid(grid, (t) =>
        withNoise(
          piecewiseAt(metric.value, (s) => s.value, t),
          metric.noise,
          random,
        ),
      );
      return [{ name, family: name, type: 'gauge', help, labels, samples: gridSamples(grid, values) }];
    }
    case 'counter': {
      const resets = metric.rate.filter((s) => s.reset).map((s) => s.from.getTime());
      const values = integrate(
        grid,
        (t) =>
          withNoise(
            piecewiseAt(metric.rate, (s) => s.rate, t),
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
          piecewiseAt(metric.rate, (s) => s.rate, t),
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
          p50At: (t) => piecewiseAt(metric.rate, (s) => s.p50, t),
          p99At: (t) => piecewiseAt(metric.rate, (s) => s.p99, t),
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
