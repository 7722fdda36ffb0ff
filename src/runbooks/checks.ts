// A check step's condition, evaluated once against the live systems: PromQL through the
// Prometheus backend at the world's time (true when the query returns a series, as an
// alerting rule fires, or a non-zero scalar), and Kubernetes rollout and pod readiness
// read the way `kubectl rollout status` does. Each evaluation returns the values it saw,
// which the engine keeps as the step's evidence.

import { rolloutState } from '../../tools/kubernetes/rollout-state.ts';
import type { Backends } from '../backends/types.ts';
import type { Clock } from '../tool.ts';
import type { CheckCondition } from './types.ts';

export interface Evaluation {
  ok: boolean;
  /** What was seen, compact: series values, rollout counts, pod readiness. */
  value: Record<string, unknown>;
}

const SHOWN = 5;

export async function evaluateCondition(
  condition: CheckCondition,
  deps: { backends: Backends; worldClock: Clock; signal?: AbortSignal },
): Promise<Evaluation> {
  switch (condition.type) {
    case 'promql':
      return promql(condition.query, deps);
    case 'rolloutComplete':
      return rolloutComplete(condition, deps.backends);
    case 'podsReady':
      return podsReady(condition, deps.backends);
  }
}

async function promql(
  query: string,
  { backends, worldClock, signal }: { backends: Backends; worldClock: Clock; signal?: AbortSignal },
): Promise<Evaluation> {
  if (!backends.prometheus)
    throw new Error('Prometheus is not configured: add a `prometheus:` section to opswarden.yaml');
  const at = worldClock.now();
  const result = await backends.prometheus.instantQuery(query, at, signal ? { signal } : {});
  if (result.type === 'vector') {
    return {
      ok: result.series.length > 0,
      value: {
        at: at.toISOString(),
        series: result.series.length,
        values: result.series.slice(0, SHOWN).map((s) => ({ labels: s.labels, value: s.sample.v })),
      },
    };
  }
  const v = result.sample.v;
  return { ok: typeof v === 'number' ? v !== 0 : v !== '', value: { at: at.toISOString(), scalar: v } };
}

function kube(backends: Backends) {
  if (!backends.kubernetes)
    throw new Error('Kubernetes is not configured: add a `kubernetes:` section to opswarden.yaml');
  return backends.kubernetes;
}

async function rolloutComplete(
  c: { namespace: string; name: string },
  backends: Backends,
): Promise<Evaluation> {
  const deployment = await kube(backends).get({ kind: 'Deployment', namespace: c.namespace, name: c.name });
  const s = rolloutState(deployment);
  return {
    ok: s.state === 'complete',
    value: {
      deployment: `${c.namespace}/${c.name}`,
      state: s.state,
      message: s.message,
      desired: s.desired,
      updated: s.updated,
      available: s.available,
    },
  };
}

async function podsReady(
  c: { namespace: string; selector: string },
  backends: Backends,
): Promise<Evaluation> {
  const { items } = await kube(backends).list({
    kind: 'Pod',
    namespace: c.namespace,
    labelSelector: c.selector,
  });
  const notReady = items
    .filter((pod) => {
      const conditions = (pod.status as { conditions?: { type: string; status: string }[] } | undefined)
        ?.conditions;
      return !conditions?.some((x) => x.type === 'Ready' && x.status === 'True');
    })
    .map((pod) => pod.metadata.name);
  return {
    ok: items.length > 0 && notReady.length === 0,
    value: {
      selector: `${c.namespace}/${c.selector}`,
      pods: items.length,
      ready: items.length - notReady.length,
      ...(notReady.length ? { notReady: notReady.slice(0, SHOWN) } : {}),
    },
  };
}
