// When a check's condition counts as true: a PromQL query holds when it returns a series
// (as an alerting rule fires) or a non-zero scalar; pods are ready when there is at least
// one and every one has Ready=True. Backends here answer fixed data; the sandbox
// integration tests run the same checks against the simulated cluster and Prometheus.

import { describe, expect, it } from 'vitest';
import type { KubernetesBackend } from '../../../src/backends/kubernetes/types.ts';
import type { InstantResult, PrometheusBackend } from '../../../src/backends/prometheus/types.ts';
import type { Backends } from '../../../src/backends/types.ts';
import { evaluateCondition } from '../../../src/runbooks/checks.ts';

const worldClock = { now: () => new Date('2026-05-12T03:10:00Z') };

function withProm(answer: InstantResult): Backends {
  const prometheus = { instantQuery: async () => answer } as unknown as PrometheusBackend;
  return { prometheus } as unknown as Backends;
}

function withPods(ready: boolean[]): Backends {
  const items = ready.map((r, i) => ({
    metadata: { name: `worker-${i}` },
    status: { conditions: [{ type: 'Ready', status: r ? 'True' : 'False' }] },
  }));
  const kubernetes = { list: async () => ({ items }) } as unknown as KubernetesBackend;
  return { kubernetes } as unknown as Backends;
}

const promql = { type: 'promql', query: 'up == 1' } as const;
const pods = { type: 'podsReady', namespace: 'data', selector: 'app=worker' } as const;

describe('check conditions', () => {
  it('PromQL: a series or a non-zero scalar holds; an empty vector or zero does not', async () => {
    const vector = (n: number): InstantResult => ({
      type: 'vector',
      series: Array.from({ length: n }, () => ({ labels: {}, sample: { t: 0, v: 1 } })),
    });
    const scalar = (v: number): InstantResult => ({ type: 'scalar', sample: { t: 0, v } });
    const ok = async (r: InstantResult) =>
      (await evaluateCondition(promql, { backends: withProm(r), worldClock })).ok;
    expect([await ok(vector(1)), await ok(vector(0)), await ok(scalar(3)), await ok(scalar(0))]).toEqual([
      true,
      false,
      true,
      false,
    ]);
    const seen = await evaluateCondition(promql, { backends: withProm(vector(7)), worldClock });
    expect(seen.value).toMatchObject({ at: '2026-05-12T03:10:00.000Z', series: 7 });
    expect(seen.value.values).toHaveLength(5);
  });

  it('podsReady: every matching pod Ready, and at least one', async () => {
    expect((await evaluateCondition(pods, { backends: withPods([true, true]), worldClock })).ok).toBe(true);
    expect((await evaluateCondition(pods, { backends: withPods([]), worldClock })).ok).toBe(false);
    const partly = await evaluateCondition(pods, { backends: withPods([true, false]), worldClock });
    expect(partly).toEqual({
      ok: false,
      value: { selector: 'data/app=worker', pods: 2, ready: 1, notReady: ['worker-1'] },
    });
  });

  it('names the missing backend', async () => {
    const none = {} as Backends;
    await expect(evaluateCondition(promql, { backends: none, worldClock })).rejects.toThrow(
      /Prometheus is not configured/,
    );
    await expect(evaluateCondition(pods, { backends: none, worldClock })).rejects.toThrow(
      /Kubernetes is not configured/,
    );
  });
});
