// Scenario metric series: the same numbers on every run, pods named as the Kubernetes world
// names them, counters that only go up, error ratios and latency histograms that match what
// the scenario says, and the `metrics` section's ramps and counter resets.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSeries, type SeriesStream } from '../../../../src/sandbox/metrics/generate.ts';
import { renderKubeWorld } from '../../../../src/sandbox/scenario/kube.ts';
import { loadScenario } from '../../../../src/sandbox/scenario/load.ts';
import { REPO } from '../../../helpers/world.ts';
import { baseSpec, minutesAgo, NOW, scenarioOf } from '../scenario/helpers.ts';

const checkout = loadScenario(join(REPO, 'scenarios/checkout-bad-deploy.yaml'));
const series = generateSeries(checkout);

const matching = (name: string, labels: Record<string, string> = {}) =>
  series.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
const valueAt = (one: SeriesStream, t: Date) =>
  [...one.samples].find((sample) => sample.t === t.getTime())!.v;
/** Sum over series of the increase in the window of `minutes` ending at `end`. */
const increase = (list: SeriesStream[], end: Date, minutes: number) =>
  list.reduce(
    (sum, one) => sum + valueAt(one, end) - valueAt(one, new Date(end.getTime() - minutes * 60_000)),
    0,
  );

describe('generateSeries', () => {
  it('gives identical series on every run', () => {
    const again = generateSeries(loadScenario(join(REPO, 'scenarios/checkout-bad-deploy.yaml')));
    const flatten = (list: SeriesStream[]) => list.map((s) => ({ ...s, samples: [...s.samples] }));
    expect(flatten(again)).toEqual(flatten(series));
  });

  /** kube-state-metrics reports a waiting reason only while the container waits (here: from its crash). */
  const fromHistory = (list: SeriesStream[]) =>
    list.filter((s) => s.name !== 'kube_pod_container_status_waiting_reason');

  it('samples every series from spec.history to spec.now at spec.step', () => {
    for (const one of fromHistory(series)) {
      const samples = [...one.samples];
      expect(samples).toHaveLength(6 * 240 + 1);
      expect(samples[0]!.t).toBe(checkout.spec.history.getTime());
      expect(samples.at(-1)!.t).toBe(NOW.getTime());
    }
  });

  it('runs the grid on to `until`, the samples up to now unchanged by how far it runs', () => {
    const later = generateSeries(checkout, { until: new Date(NOW.getTime() + 3_600_000) });
    expect(later.map((s) => s.labels)).toEqual(series.map((s) => s.labels));
    fromHistory(later).forEach((one, i) => {
      const samples = [...one.samples];
      expect(samples).toHaveLength(7 * 240 + 1);
      expect(samples.slice(0, 6 * 240 + 1)).toEqual([...fromHistory(series)[i]!.samples]);
    });
  });

  it('has one `up` series per pod of the rendered Kubernetes world, 0 for the crash-looping pod', () => {
    const world = renderKubeWorld(checkout, { now: () => NOW });
    const pods = world.objects.filter((o) => o.kind === 'Pod');
    const up = matching('up');
    expect(up.map((s) => s.labels.pod).sort()).toEqual(pods.map((p) => p.metadata.name).sort());
    const crashLooping = pods.filter((p) => JSON.stringify(p.status).includes('CrashLoopBackOff'));
    const down = up.filter((s) => valueAt(s, NOW) === 0).map((s) => s.labels.pod);
    expect(down).toEqual(crashLooping.map((p) => p.metadata.name));
    expect(up[0]!.labels).toMatchObject({ service: 'checkout', namespace: 'shop', container: 'app' });
  });

  it('never lets a counter decrease', () => {
    const counters = series.filter(
      (s) => s.type === 'counter' || s.name.endsWith('_bucket') || s.name.endsWith('_count'),
    );
    expect(counters.length).toBeGreaterThan(10);
    for (const one of counters) {
      const values = [...one.samples].map((s) => s.v);
      const firstDrop = values.findIndex((v, i) => i > 0 && v < values[i - 1]!);
      expect({ series: one.name, labels: one.labels, firstDrop }).toEqual({
        series: one.name,
        labels: one.labels,
        firstDrop: -1,
      });
    }
  });

  it('splits checkout requests into 500s by the scenario error ratio', () => {
    const all = matching('http_requests_total', { service: 'checkout' });
    const errors = matching('http_requests_total', { service: 'checkout', code: '500' });
    expect(increase(errors, NOW, 5) / increase(all, NOW, 5)).toBeCloseTo(0.31, 2);
    expect(increase(errors, minutesAgo(60), 5) / increase(all, minutesAgo(60), 5)).toBeCloseTo(0.002, 3);
    // 125 rps at now, 40 rps an hour before the ramp.
    expect(increase(all, NOW, 5) / 300).toBeGreaterThan(115);
    expect(increase(all, minutesAgo(60), 5) / 300).toBeCloseTo(40, -1);
  });

  it('fits latency buckets to the p50 and p99 of each segment, cumulatively', () => {
    const pod = matching('up', { service: 'checkout' })[1]!.labels.pod!;
    const buckets = matching('http_request_duration_seconds_bucket', { pod });
    const count = matching('http_request_duration_seconds_count', { pod })[0]!;
    expect(buckets.map((b) => b.labels.le)).toEqual([
      ...['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '10'],
      '+Inf',
    ]);
    const window = (le: string, end: Date) =>
      increase(
        buckets.filter((b) => b.labels.le === le),
        end,
        5,
      );
    for (const end of [NOW, minutesAgo(60)]) {
      const counts = buckets.map((b) => increase([b], end, 5));
      expect(counts).toEqual([...counts].sort((a, b) => a - b));
      expect(counts.at(-1)).toBeCloseTo(increase([count], end, 5), 6);
    }
    // Before the incident half the requests take under 50 ms; during it, under 400 ms.
    expect(window('0.05', minutesAgo(60)) / window('+Inf', minutesAgo(60))).toBeCloseTo(0.5, 1);
    expect(window('0.25', NOW) / window('+Inf', NOW)).toBeLessThan(0.5);
    expect(window('0.5', NOW) / window('+Inf', NOW)).toBeGreaterThan(0.5);
  });

  it('grows checkout memory from the deploy on and keeps it under the container limit', () => {
    for (const one of matching('container_memory_working_set_bytes', { service: 'checkout' })) {
      expect(valueAt(one, minutesAgo(60))).toBeLessThan(230 * 2 ** 20);
      expect(valueAt(one, NOW)).toBeGreaterThan(380 * 2 ** 20);
      expect(valueAt(one, NOW)).toBeLessThanOrEqual(512 * 2 ** 20);
    }
    expect(
      matching('container_spec_memory_limit_bytes', { service: 'payments' }).map((s) => valueAt(s, NOW)),
    ).toEqual([256 * 2 ** 20, 256 * 2 ** 20]);
  });

  it('counts restarts and available replicas as kube-state-metrics would', () => {
    const restarts = matching('kube_pod_container_status_restarts_total', { service: 'checkout' });
    expect(restarts.map((s) => valueAt(s, NOW)).sort()).toEqual([0, 0, 2]);
    const available = matching('kube_deployment_status_replicas_available', { deployment: 'checkout' })[0]!;
    expect([valueAt(available, minutesAgo(60)), valueAt(available, NOW)]).toEqual([3, 2]);
  });

  it('reports node conditions from their `since` on', () => {
    const diskPressure = matching('kube_node_status_condition', {
      node: 'ip-10-0-1-42',
      condition: 'DiskPressure',
      status: 'true',
    })[0]!;
    expect([valueAt(diskPressure, minutesAgo(30)), valueAt(diskPressure, NOW)]).toEqual([0, 1]);
    const ready = matching('kube_node_status_condition', { condition: 'Ready', status: 'true' });
    expect(ready.map((s) => valueAt(s, NOW))).toEqual([1, 1, 1]);
  });
});

describe('the metrics section', () => {
  function customScenario(metrics: unknown[]) {
    const spec = baseSpec();
    spec.history = '-1h';
    spec.metrics = metrics;
    return generateSeries(scenarioOf(spec)).filter((s) => s.name.startsWith('custom_'));
  }

  it('ramps a gauge between segments', () => {
    const [gauge] = customScenario([
      {
        name: 'custom_pool',
        type: 'gauge',
        labels: { service: 'checkout' },
        value: [{ value: 8 }, { from: '-10m', value: 20, ramp: '2m' }],
        noise: 0,
      },
    ]);
    expect(gauge!.labels).toEqual({ service: 'checkout' });
    expect([minutesAgo(11), minutesAgo(9), minutesAgo(5)].map((t) => valueAt(gauge!, t))).toEqual([
      8, 14, 20,
    ]);
  });

  it('integrates a counter rate and restarts it from 0 at a reset segment', () => {
    const [counter] = customScenario([
      {
        name: 'custom_events_total',
        type: 'counter',
        rate: [{ rate: 2 }, { from: '-10m', rate: 2, reset: true }],
        noise: 0,
      },
    ]);
    expect(counter!.family).toBe('custom_events');
    expect(valueAt(counter!, minutesAgo(11)) - valueAt(counter!, minutesAgo(12))).toBeCloseTo(120, 6);
    expect(valueAt(counter!, minutesAgo(10))).toBe(0);
    expect(valueAt(counter!, minutesAgo(9))).toBeCloseTo(120, 6);
  });

  it('writes histogram series with buckets, sum and count', () => {
    const histogram = customScenario([
      { name: 'custom_job_seconds', type: 'histogram', rate: { rate: 1, p50: 0.2, p99: 1 } },
    ]);
    expect(new Set(histogram.map((s) => s.name))).toEqual(
      new Set(['custom_job_seconds_bucket', 'custom_job_seconds_sum', 'custom_job_seconds_count']),
    );
    expect(histogram.every((s) => s.family === 'custom_job_seconds' && s.type === 'histogram')).toBe(true);
  });
});
