// kube-state-metrics' kube_node_status_condition for every node of the scenario (the three
// default nodes when it lists none): one series per node, condition and status
// (true/false/unknown), 1 for the status the condition is in at that time. A listed
// condition holds from its `since` (from the start of history without one); before that the
// condition is healthy (Ready true, pressures false), as it is again while the incident is
// suppressed if the condition came with it (its `since` at or after incidentStart).

import { heldOff } from '../reactions/spans.ts';
import type { IncidentTimeline } from '../reactions/timeline.ts';
import type { NodePlan } from '../scenario/nodes.ts';
import { fillGrid, type Grid, gridSamples, type SeriesStream } from './series.ts';

const HELP = 'The condition of a cluster node.';
const KUBELET_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];
const STATUSES = ['True', 'False', 'Unknown'] as const;

export function nodeConditionSeries(
  nodes: readonly NodePlan[],
  grid: Grid,
  timeline: IncidentTimeline,
): SeriesStream[] {
  return nodes.flatMap((node) => {
    const listed = node.spec.conditions;
    const types = [...new Set([...KUBELET_CONDITIONS, ...listed.map((c) => c.type)])];
    return types.flatMap((condition) => {
      const spec = listed.find((c) => c.type === condition);
      const healthy = condition === 'Ready' ? 'True' : 'False';
      const since = spec?.since?.getTime() ?? Number.NEGATIVE_INFINITY;
      const statusAt = (t: number) =>
        spec && since <= t && !heldOff(timeline, since, t) ? spec.status : healthy;
      return STATUSES.map(
        (status): SeriesStream => ({
          name: 'kube_node_status_condition',
          family: 'kube_node_status_condition',
          type: 'gauge',
          help: HELP,
          labels: {
            job: 'kube-state-metrics',
            node: node.spec.name,
            condition,
            status: status.toLowerCase(),
          },
          samples: gridSamples(
            grid,
            fillGrid(grid, (t) => (statusAt(t) === status ? 1 : 0)),
          ),
        }),
      );
    });
  });
}
