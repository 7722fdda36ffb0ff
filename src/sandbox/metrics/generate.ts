// Every metric series of a scenario, from spec.history to spec.now (or later, for a live
// clock) at spec.step: the standard exporter series derived from `services` and the nodes,
// then the `metrics` section. Deterministic: the same scenario and suppressions always give
// the same numbers (one seeded stream per series identity, drawn in time order, so a point's
// value depends neither on how far the grid runs nor on suppressions after it). Reads only
// `scenario.spec`, never `truth`; `resolution` reaches it only through the timeline.

import { type IncidentTimeline, incidentTimeline } from '../reactions/timeline.ts';
import { clusterCreation } from '../scenario/kube.ts';
import { planNodes } from '../scenario/nodes.ts';
import type { Scenario } from '../scenario/schema.ts';
import { planWorkloads } from '../scenario/workloads.ts';
import { customSeries } from './custom.ts';
import { kubeStateSeries } from './kube-state.ts';
import { nodeConditionSeries } from './node-conditions.ts';
import { gridOf, type SeriesStream } from './series.ts';
import { serviceSeries } from './services.ts';

export type { MetricType, Sample, SeriesStream } from './series.ts';

export interface GenerateOptions {
  /** The last time sampled (default spec.now). */
  until?: Date;
  /** How the incident has been suppressed (default: never; the scenario's series as written). */
  timeline?: IncidentTimeline;
}

export function generateSeries(scenario: Scenario, opts: GenerateOptions = {}): SeriesStream[] {
  const { spec } = scenario;
  const grid = gridOf(spec, opts.until ?? spec.now);
  const timeline = opts.timeline ?? incidentTimeline(undefined);
  const nodes = planNodes(spec);
  const plans = planWorkloads(spec, nodes, spec.now);
  return [
    ...serviceSeries(spec, plans, grid, timeline),
    ...nodeConditionSeries(nodes, grid, timeline),
    ...kubeStateSeries(spec, plans, nodes, grid, timeline, clusterCreation(spec)),
    ...customSeries(spec, grid, timeline),
  ];
}
