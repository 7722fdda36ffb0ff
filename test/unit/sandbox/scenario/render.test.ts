// What `scenario render` shows at spec.now, on small scenarios built for each question: which
// pods are in trouble, which alerts fire, which series moved and by how much, what changed
// in the last day (newest first) and which nodes are unhealthy, without ever reading the
// ground truth or the sandbox's reactions.

import { describe, expect, it } from 'vitest';
import { renderScenarioSummary } from '../../../../src/sandbox/scenario/render.ts';
import type { Scenario } from '../../../../src/sandbox/scenario/schema.ts';
import { formatScenarioSummary } from '../../../../src/sandbox/scenario/summary-text.ts';
import { baseSpec, type Loose, minutesAgo, scenarioOf } from './helpers.ts';

/**
 * When the metrics below change. Windows are left-open as in PromQL: the recent one is
 * (now-15m, now], so a value that changes one step after now-15m lies entirely in it.
 */
const CHANGE = '-14m45s';

const iso = (minutes: number) => `${minutesAgo(minutes).toISOString().slice(0, 19)}Z`;

/** baseSpec() plus `edit`, rendered. */
function summaryOf(edit: (spec: Loose) => void = () => {}) {
  const spec = baseSpec();
  edit(spec);
  return renderScenarioSummary(scenarioOf(spec));
}

/** A noiseless gauge or counter series of the `metrics` section. */
const series = (name: string, type: 'gauge' | 'counter', segments: object[], labels: object = {}) => ({
  name,
  type,
  labels: { service: 'checkout', ...labels },
  noise: 0,
  [type === 'gauge' ? 'value' : 'rate']: segments,
});

describe('pods', () => {
  it('lists pods in trouble first, with kubectl status, restarts, last restart, node and workload', () => {
    const summary = summaryOf((spec) => {
      spec.kubernetes.deployments[0].pods = [
        {
          index: 1,
          state: 'CrashLoopBackOff',
          restarts: [{ at: '-12m', reason: 'OOMKilled' }, { at: '-4m' }],
        },
        { index: 2, state: 'Pending' },
      ];
    });
    const rows = summary.pods.map((p) => [p.status, p.ready, p.restarts, p.lastRestart, p.node]);
    expect(rows.slice(0, 2)).toEqual(
      expect.arrayContaining([
        ['CrashLoopBackOff', '0/1', 2, iso(4), 'ip-10-0-1-42'],
        ['Pending', '0/1', 0, null, null],
      ]),
    );
    expect(rows[2]).toEqual(['Running', '1/1', 0, null, 'ip-10-0-1-42']);
    for (const pod of summary.pods) {
      expect(pod).toMatchObject({ namespace: 'shop', workload: 'Deployment/shop/checkout' });
      expect(pod.name).toMatch(/^checkout-[a-z0-9]+-[a-z0-9]{5}$/);
    }
  });
});

describe('alerts', () => {
  it('shows only the alerts firing at now, critical first, with their summary', () => {
    const summary = summaryOf((spec) => {
      spec.alerts = [
        { name: 'DiskFilling', labels: { severity: 'warning' }, startsAt: '-3h' },
        { name: 'Resolved', labels: { severity: 'critical' }, startsAt: '-2h', endsAt: '-1h' },
        { name: 'Later', labels: { severity: 'critical' }, startsAt: '+5m' },
        {
          name: 'HighErrorRate',
          labels: { service: 'checkout', severity: 'critical' },
          annotations: { summary: 'checkout 5xx above 5%' },
          startsAt: '-15m',
        },
      ];
    });
    expect(summary.alerts).toEqual([
      {
        name: 'HighErrorRate',
        severity: 'critical',
        labels: { service: 'checkout', severity: 'critical' },
        since: iso(15),
        summary: 'checkout 5xx above 5%',
      },
      {
        name: 'DiskFilling',
        severity: 'warning',
        labels: { severity: 'warning' },
        since: iso(180),
        summary: null,
      },
    ]);
  });
});

describe('top moving series', () => {
  it('compares a gauge average and a counter rate over the last 15 minutes with the hour before', () => {
    const { movers } = summaryOf((spec) => {
      spec.metrics = [
        series('db_pool_pending', 'gauge', [
          { from: '-6h', value: 2 },
          { from: CHANGE, value: 50 },
        ]),
        series('timeouts_total', 'counter', [
          { from: '-6h', rate: 1 },
          { from: CHANGE, rate: 4 },
        ]),
        series('steady_total', 'counter', [{ from: '-6h', rate: 7 }]),
      ];
    });
    const byName = Object.fromEntries(movers.map((m) => [m.name, m]));
    expect(byName.db_pool_pending).toMatchObject({ measure: 'value', before: 2, after: 50, change: 24 });
    expect(byName.timeouts_total).toMatchObject({ measure: 'rate', before: 1, after: 4, change: 3 });
    expect(byName.steady_total).toBeUndefined();
    expect(movers.map((m) => m.name).slice(0, 2)).toEqual(['db_pool_pending', 'timeouts_total']);
  });

  it('ranks a fall to a tenth with a rise to ten times, and something from zero above both', () => {
    const { movers } = summaryOf((spec) => {
      spec.metrics = [
        series('cache_hits_total', 'counter', [
          { from: '-6h', rate: 100 },
          { from: CHANGE, rate: 5 },
        ]),
        series('errors_total', 'counter', [
          { from: '-6h', rate: 1 },
          { from: CHANGE, rate: 12 },
        ]),
        series('pending', 'gauge', [
          { from: '-6h', value: 0 },
          { from: CHANGE, value: 9 },
        ]),
      ];
    });
    expect(movers.map((m) => [m.name, m.change])).toEqual([
      ['pending', null],
      ['cache_hits_total', -0.95],
      ['errors_total', 11],
    ]);
  });

  it('sums the pods of a workload into one line and shows a histogram as its mean', () => {
    const { movers } = summaryOf((spec) => {
      spec.services = [
        {
          name: 'checkout',
          namespace: 'shop',
          workload: 'Deployment/shop/checkout',
          traffic: { rps: 90 },
          errors: [
            { from: '-6h', ratio: 0.01 },
            { from: '-15m', ratio: 0.3 },
          ],
          latency: [
            { from: '-6h', p50: 0.05, p99: 0.2 },
            { from: '-15m', p50: 0.5, p99: 2 },
          ],
        },
      ];
    });
    const errors = movers.find((m) => m.name === 'http_requests_total' && m.labels.code === '500')!;
    expect(errors).toMatchObject({ measure: 'rate', series: 3 });
    expect(errors.labels).not.toHaveProperty('pod');
    expect(errors.before).toBeCloseTo(0.9, 0);
    expect(errors.after).toBeCloseTo(27, -1);
    const latency = movers.find((m) => m.name === 'http_request_duration_seconds')!;
    expect(latency.measure).toBe('mean');
    expect(latency.after / latency.before).toBeGreaterThan(5);
    expect(movers.some((m) => m.name.endsWith('_bucket'))).toBe(false);
  });

  it('lists at most ten series', () => {
    const { movers } = summaryOf((spec) => {
      spec.metrics = Array.from({ length: 14 }, (_, i) =>
        series(
          'queue_depth',
          'gauge',
          [
            { from: '-6h', value: 1 },
            { from: CHANGE, value: 2 + i },
          ],
          {
            queue: `q${i}`,
          },
        ),
      );
    });
    expect(movers).toHaveLength(10);
    expect(movers[0]!.labels.queue).toBe('q13');
  });
});

describe('recent changes', () => {
  it('merges change events, rollouts and ConfigMap writes of the last 24 hours, newest first', () => {
    const { changes } = summaryOf((spec) => {
      spec.kubernetes.deployments[0].revisions[0].env = { DB_POOL_MAX: '50', DB_HOST: 'orders-db' };
      spec.kubernetes.configmaps = [
        {
          name: 'checkout-config',
          namespace: 'shop',
          data: { max_connections: '10', timeout_ms: '3000' },
          history: [
            { at: '-30d', data: { max_connections: '100' } },
            { at: '-40m', data: { max_connections: '10', timeout_ms: '3000' } },
          ],
        },
      ];
      spec.services = [{ name: 'checkout', namespace: 'shop', workload: 'Deployment/shop/checkout' }];
      spec.changes = [
        { id: 'flag-4411', at: '-22m', kind: 'feature_flag', service: 'checkout', summary: 'new-pricing on' },
        { id: 'mig-old', at: '-3d', kind: 'database_migration', summary: 'too old to show' },
      ];
    });
    expect(changes).toEqual([
      {
        at: iso(19),
        kind: 'rollout',
        ref: 'Deployment/shop/checkout',
        summary:
          'revision 2 "release 1.42.0": image registry.example/checkout:1.41.0 → 1.42.0; env DB_POOL_MAX 50 → 10',
      },
      {
        at: iso(22),
        kind: 'feature_flag',
        ref: 'Change/flag-4411',
        service: 'checkout',
        summary: 'new-pricing on',
      },
      {
        at: iso(40),
        kind: 'configmap',
        ref: 'ConfigMap/shop/checkout-config',
        summary: 'max_connections 100 → 10, timeout_ms=3000 (new)',
      },
    ]);
  });

  it('lists ConfigMap content that differs from its last dated version last, without a time', () => {
    const { changes } = summaryOf((spec) => {
      spec.kubernetes.configmaps = [
        {
          name: 'checkout-config',
          namespace: 'shop',
          data: { max_connections: '10' },
          history: [{ at: '-3d', data: { max_connections: '100' } }],
        },
      ];
    });
    expect(changes.at(-1)).toEqual({
      at: null,
      kind: 'configmap',
      ref: 'ConfigMap/shop/checkout-config',
      summary: `max_connections 100 → 10 (current content, written some time after ${iso(3 * 24 * 60)})`,
    });
  });
});

describe('nodes', () => {
  it('lists nodes with a condition out of its healthy state or cordoned, and only those', () => {
    const { nodes } = summaryOf((spec) => {
      spec.kubernetes.nodes = [
        { name: 'ip-10-0-1-42', conditions: [{ type: 'Ready', status: 'Unknown', since: '-6m' }] },
        { name: 'ip-10-0-2-17', unschedulable: true },
        { name: 'ip-10-0-3-88', conditions: [{ type: 'MemoryPressure', status: 'False' }] },
      ];
    });
    expect(nodes).toEqual([
      {
        name: 'ip-10-0-1-42',
        unschedulable: false,
        conditions: [
          {
            type: 'Ready',
            status: 'Unknown',
            reason: 'NodeStatusUnknown',
            message: 'Kubelet stopped posting node status.',
            since: iso(6),
          },
        ],
      },
      { name: 'ip-10-0-2-17', unschedulable: true, conditions: [] },
    ]);
  });
});

describe('ground truth', () => {
  it('is never read: a scenario whose truth and resolution throw when touched renders', () => {
    const scenario = scenarioOf();
    const blind: Scenario = Object.defineProperties(
      {
        source: scenario.source,
        name: scenario.name,
        description: scenario.description,
        spec: scenario.spec,
      },
      {
        truth: { get: () => expect.fail('renderScenarioSummary read truth') },
        resolution: { get: () => expect.fail('renderScenarioSummary read resolution') },
      },
    ) as Scenario;
    expect(renderScenarioSummary(blind)).toEqual(renderScenarioSummary(scenario));
  });
});

describe('text', () => {
  it('shows ages relative to spec.now and values in their units', () => {
    const text = formatScenarioSummary(
      summaryOf((spec) => {
        spec.kubernetes.deployments[0].pods = [
          { index: 0, state: 'CrashLoopBackOff', restarts: [{ at: '-3m', reason: 'OOMKilled' }] },
        ];
        spec.alerts = [{ name: 'HighErrorRate', labels: { severity: 'critical' }, startsAt: '-15m' }];
        spec.metrics = [
          series('process_resident_memory_bytes', 'gauge', [
            { from: '-6h', value: 200 * 2 ** 20 },
            { from: CHANGE, value: 1.5 * 2 ** 30 },
          ]),
        ];
      }),
    );
    expect(text).toMatch(/CrashLoopBackOff\s+0\/1\s+1 \(3m ago\)\s+ip-10-0-1-42/);
    expect(text).toContain('critical  HighErrorRate  since 15m ago');
    expect(text).toMatch(/process_resident_memory_bytes\{service="checkout"\}\s+200Mi → 1\.5Gi\s+\+668%/);
    expect(text).toMatch(/19m ago\s+rollout\s+Deployment\/shop\/checkout/);
    expect(text).toMatch(/Nodes not healthy\n {2}\(none\)\n$/);
  });
});
