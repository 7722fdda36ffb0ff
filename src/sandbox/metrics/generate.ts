// Every metric series of a scenario, from spec.history to spec.now at spec.step: the
// standard exporter series derived from `services` and the nodes, then the `metrics`
// section. Deterministic: the same scenario always gives the same numbers (one seeded
// stream per series identity). Reads only `scenario.spec`, never `truth` or `resolution`.

import { planNodes } from '../scenario/nodes.ts';
import type { Scenario } from '../scenario/schema.ts';
import { planWorkloads } from '../scenario/workloads.ts';
import { customSeries } from './custom.ts';
import { nodeConditionSeries } from './node-conditions.ts';
import { gridOf, type SeriesStream } from './series.ts';
import { serviceSeries } from './services.ts';

export type { MetricType, Sample, SeriesStream } from './series.ts';

export function generateSeries(scenario: Scenario): SeriesStream[] {
  const { spec } = scenario;
  const grid = gridOf(spec);
  const nodes = planNodes(spec);
  const plans = planWorkloads(spec, nodes, spec.now);
  return [
    ...serviceSeries(spec, plans, grid),
    ...nodeConditionSeries(nodes, grid),
    ...customSeries(spec, grid),
  ];
}
