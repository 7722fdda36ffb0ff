// Which runbooks a hypothesis suggests and with what parameters (correlate/runbooks.ts): the
// category and a shared signal select them, the hypothesis fills their parameters (a node,
// its condition, the namespace and pod selector of the workload failing on it), a runbook
// whose checks query a series the target service does not have is left out (a batch job has
// no http_requests_total), and so is one with a required parameter nothing fills.

import { describe, expect, it } from 'vitest';
import type { Labels } from '../../../src/backends/prometheus/types.ts';
import { serviceCatalogSchema } from '../../../src/incidents/catalog.ts';
import { correlate } from '../../../src/incidents/correlate/index.ts';
import type { RunbookMatch } from '../../../src/incidents/correlate/types.ts';
import { deploymentPods, fakeKubernetes, fakePrometheus, MIN, NOW, node, repeated, step } from './fakes.ts';

const catalog = serviceCatalogSchema.parse([{ name: 'api', workload: 'Deployment/shop/api' }]);

const nodeRunbook: RunbookMatch = {
  name: 'drain-node',
  matches: { categories: ['infrastructure'], signals: ['node_pid_pressure'] },
  params: [
    { name: 'node', type: 'ref', kind: 'Node', required: true },
    {
      name: 'condition',
      type: 'enum',
      values: ['DiskPressure', 'PIDPressure'],
      default: 'DiskPressure',
      required: false,
    },
    { name: 'namespace', type: 'string', required: true },
    { name: 'selector', type: 'string', required: true },
  ],
  queries: [],
};
const httpCheck: RunbookMatch = {
  name: 'http-check',
  matches: { categories: ['infrastructure'], signals: ['node_pid_pressure'] },
  params: [{ name: 'service', type: 'string', required: true }],
  queries: ['sum(rate(http_requests_total{service="{{ params.service }}",code=~"5.."}[5m])) > 0'],
};
const needsTicket: RunbookMatch = {
  name: 'needs-ticket',
  matches: { categories: ['infrastructure'], signals: ['node_pid_pressure'] },
  params: [{ name: 'ticket', type: 'string', required: true }],
};
const wrongCategory: RunbookMatch = {
  name: 'rollback',
  matches: { categories: ['deploy'], signals: ['node_pid_pressure'] },
  params: [],
};

async function topOf(seriesNames: string[]) {
  const pods = (['a', 'b', 'c'] as const).map((n) => ({
    name: `api-7d788647f7-pod${n}`,
    node: `node-${n}`,
    ...(n === 'b' ? { problem: 'CrashLoopBackOff' as const, restartedAt: NOW - 8 * MIN } : {}),
  }));
  const logs = Object.fromEntries(
    pods.map((p) => [
      p.name,
      [
        ...repeated(-120, 0, 5, 'INFO GET /api 200 12ms'),
        ...(p.problem ? repeated(-10, 0, 10, 'ERROR unable to create native thread') : []),
      ],
    ]),
  );
  const prometheus = {
    ...fakePrometheus({ api: { errorRatio: step(-10, 0.002, 0.2), traffic: () => 100 } }),
    series: async () => seriesNames.map((name): Labels => ({ __name__: name, service: 'api' })),
  };
  const result = await correlate(
    { service: 'api', at: new Date(NOW) },
    {
      backends: {
        kubernetes: fakeKubernetes(
          [
            ...deploymentPods('shop', 'api', pods),
            node('node-a'),
            node('node-b', { type: 'PIDPressure', status: 'True', since: NOW - 12 * MIN }),
            node('node-c'),
          ],
          logs,
        ),
        prometheus,
      },
      catalog,
      clock: { now: () => new Date(NOW) },
      runbooks: [nodeRunbook, httpCheck, needsTicket, wrongCategory],
    },
  );
  return result.hypotheses[0]!;
}

describe('suggested runbooks', () => {
  it('fill their parameters from the hypothesis: the node, its condition, the workload failing on it', async () => {
    const top = await topOf(['http_requests_total']);
    expect(top.ref).toBe('Node/node-b');
    expect(top.suggestedRunbooks).toEqual([
      {
        name: 'drain-node',
        params: { node: 'node-b', condition: 'PIDPressure', namespace: 'shop', selector: 'app=api' },
      },
      { name: 'http-check', params: { service: 'api' } },
    ]);
  });

  it('leave out a runbook whose checks query a series the service does not have', async () => {
    const top = await topOf(['etl_tasks_processed_total']);
    expect(top.suggestedRunbooks.map((r) => r.name)).toEqual(['drain-node']);
  });
});
