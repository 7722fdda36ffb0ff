// Metric series react to the incident timeline: with no suppression they are exactly the
// scenario's; after a fix every incident segment ramps back to its pre-incident value over
// `recovery` (5xx ratio, latency, memory, custom series), crashed pods come back up and stop
// restarting, counters keep rising, and nothing before the fix changes; after a transient
// action the incident returns.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSeries, type SeriesStream } from '../../../../src/sandbox/metrics/generate.ts';
import { incidentTimeline } from '../../../../src/sandbox/reactions/timeline.ts';
import { loadScenario } from '../../../../src/sandbox/scenario/load.ts';
import { REPO } from '../../../helpers/world.ts';
import { baseSpec, NOW, scenarioOf } from '../scenario/helpers.ts';

const checkout = loadScenario(join(REPO, 'scenarios/checkout-bad-deploy.yaml'));
const MINUTE = 60_000;
const fromNow = (minutes: number) => NOW.getTime() + minutes * MINUTE;
const UNTIL = new Date(fromNow(20));

/** checkout-bad-deploy until now+20m, with `suppressions` applied to a fresh timeline. */
function generate(...suppressions: [number, number][]): SeriesStream[] {
  const timeline = incidentTimeline(checkout.resolution);
  for (const [from, until] of suppressions) timeline.suppress(from, until);
  return generateSeries(checkout, { until: UNTIL, timeline });
}

const flatten = (list: SeriesStream[]) => list.map((s) => ({ ...s, samples: [...s.samples] }));
const matching = (list: SeriesStream[], name: string, labels: Record<string, string> = {}) =>
  list.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
const valueAt = (one: SeriesStream, t: number) => [...one.samples].find((sample) => sample.t === t)!.v;
/** Sum over series of the increase from `from` to `to`. */
const increase = (list: SeriesStream[], from: number, to: number) =>
  list.reduce((sum, one) => sum + valueAt(one, to) - valueAt(one, from), 0);
/** checkout's share of 5xx among its requests from `from` to `to`. */
const errorRatio = (list: SeriesStream[], from: number, to: number) =>
  increase(matching(list, 'http_requests_total', { service: 'checkout', code: '500' }), from, to) /
  increase(matching(list, 'http_requests_total', { service: 'checkout' }), from, to);

const unsuppressed = generate();
const fixed = generate([fromNow(1), Number.POSITIVE_INFINITY]);
const transient = generate([fromNow(1), fromNow(6)]);

describe('metric series under the incident timeline', () => {
  it('are exactly the scenario series when nothing is suppressed', () => {
    const plain = generateSeries(checkout, { until: UNTIL });
    expect(flatten(unsuppressed)).toEqual(flatten(plain));
    const today = flatten(generateSeries(checkout));
    const upToNow = flatten(plain).map((s) => ({
      ...s,
      samples: s.samples.filter((p) => p.t <= NOW.getTime()),
    }));
    expect(upToNow).toEqual(today);
  });

  it('bring the 5xx ratio back to its pre-incident level over `recovery` after a fix', () => {
    expect(errorRatio(unsuppressed, fromNow(15), fromNow(20))).toBeCloseTo(0.31, 4);
    // Half way through the two-minute recovery the ratio is half way back.
    expect(errorRatio(fixed, fromNow(2) - 15_000, fromNow(2))).toBeCloseTo(0.002 + (0.31 - 0.002) * 0.5, 4);
    expect(errorRatio(fixed, fromNow(3), fromNow(20))).toBeCloseTo(0.002, 4);
  });

  it('bring latency, memory and the custom series back after a fix', () => {
    const pod = matching(fixed, 'up', { service: 'checkout' })[1]!.labels.pod!;
    const bucket = (list: SeriesStream[], le: string) =>
      increase(matching(list, 'http_request_duration_seconds_bucket', { pod, le }), fromNow(5), fromNow(20));
    expect(bucket(unsuppressed, '0.05') / bucket(unsuppressed, '+Inf')).toBeLessThan(0.01);
    expect(bucket(fixed, '0.05') / bucket(fixed, '+Inf')).toBeCloseTo(0.5, 1);

    for (const one of matching(fixed, 'container_memory_working_set_bytes', { service: 'checkout' }))
      expect(valueAt(one, fromNow(20))).toBeLessThan(230 * 2 ** 20);
    const pool = matching(fixed, 'db_pool_connections_in_use')[0]!;
    expect(valueAt(pool, fromNow(20))).toBeCloseTo(8, -1);
    const timeouts = matching(fixed, 'db_pool_wait_timeouts_total');
    expect(increase(timeouts, fromNow(3), fromNow(20))).toBe(0);
    expect(
      increase(matching(unsuppressed, 'db_pool_wait_timeouts_total'), fromNow(3), fromNow(20)),
    ).toBeGreaterThan(0);
  });

  it('bring the crashed pod back up with its restarts frozen after a fix', () => {
    const up = (list: SeriesStream[], t: number) =>
      matching(list, 'up', { service: 'checkout' }).map((s) => valueAt(s, t));
    expect(up(unsuppressed, fromNow(20))).toContain(0);
    expect(up(fixed, fromNow(1) - 15_000)).toContain(0);
    expect(up(fixed, fromNow(1))).toEqual([1, 1, 1]);
    const available = (list: SeriesStream[]) =>
      valueAt(
        matching(list, 'kube_deployment_status_replicas_available', { deployment: 'checkout' })[0]!,
        fromNow(20),
      );
    expect([available(unsuppressed), available(fixed)]).toEqual([2, 3]);
    const restarts = matching(fixed, 'kube_pod_container_status_restarts_total', { service: 'checkout' });
    expect(restarts.map((s) => valueAt(s, fromNow(20))).sort()).toEqual([0, 0, 2]);
  });

  it('keep every counter rising and every value before the fix unchanged', () => {
    const before = flatten(unsuppressed);
    flatten(fixed).forEach((one, i) => {
      const earlier = before[i]!;
      expect(one.labels).toEqual(earlier.labels);
      const cut = one.samples.findIndex((p) => p.t >= fromNow(1));
      expect(one.samples.slice(0, cut)).toEqual(earlier.samples.slice(0, cut));
      if (one.type === 'counter' || one.name.endsWith('_bucket') || one.name.endsWith('_count')) {
        const firstDrop = one.samples.findIndex((p, j) => j > 0 && p.v < one.samples[j - 1]!.v);
        expect({ name: one.name, labels: one.labels, firstDrop }).toEqual({
          name: one.name,
          labels: one.labels,
          firstDrop: -1,
        });
      }
    });
  });

  it('recover during a transient window and return to the incident after it', () => {
    expect(errorRatio(transient, fromNow(3), fromNow(6))).toBeCloseTo(0.002, 4);
    expect(errorRatio(transient, fromNow(8), fromNow(20))).toBeCloseTo(0.31, 4);
    const up = (t: number) => matching(transient, 'up', { service: 'checkout' }).map((s) => valueAt(s, t));
    expect(up(fromNow(5))).toEqual([1, 1, 1]);
    expect(up(fromNow(6))).toContain(0);
  });
});

describe('scenario-written series under the incident timeline', () => {
  /** baseSpec with an incident from -19m, `edit`ed, fixed at now+1m; generated until now+10m. */
  function fixedScenario(edit: (spec: ReturnType<typeof baseSpec>) => void) {
    const spec = baseSpec();
    spec.history = '-1h';
    spec.resolution = { incidentStart: '-19m', recovery: '1m' };
    edit(spec);
    const scenario = scenarioOf(spec);
    const timeline = incidentTimeline(scenario.resolution);
    timeline.suppress(fromNow(1), Number.POSITIVE_INFINITY);
    return generateSeries(scenario, { until: new Date(fromNow(10)), timeline });
  }

  it('does not reset a counter at an incident segment that begins after the fix', () => {
    const series = fixedScenario((spec) => {
      spec.metrics = [
        {
          name: 'custom_jobs_total',
          type: 'counter',
          rate: [{ rate: 1 }, { from: '+5m', rate: 1, reset: true }],
          noise: 0,
        },
      ];
    });
    const [counter] = matching(series, 'custom_jobs_total');
    expect(valueAt(counter!, fromNow(6)) - valueAt(counter!, fromNow(4))).toBeCloseTo(120, 6);
  });

  it('reports a node condition that came with the incident as healthy again after the fix', () => {
    const series = fixedScenario((spec) => {
      spec.kubernetes.nodes[0].conditions = [{ type: 'MemoryPressure', status: 'True', since: '-10m' }];
    });
    const [pressure] = matching(series, 'kube_node_status_condition', {
      condition: 'MemoryPressure',
      status: 'true',
    });
    expect([fromNow(-11), fromNow(0), fromNow(1)].map((t) => valueAt(pressure!, t))).toEqual([0, 1, 0]);
  });
});
