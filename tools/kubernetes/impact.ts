// Blast-radius estimates for Kubernetes changes, so the policy's impact rules can act:
// how many pods a change touches and what share of a workload's capacity is at risk
// while it happens. A rolling replacement takes each workload kind's own way:
// - Deployment: surge and maxUnavailable (default 25%, rounded down: often nothing down);
// - StatefulSet: ordered, one pod at a time from the highest ordinal, each deleted before
//   its successor starts (so a one-replica StatefulSet is fully down for a while); only
//   ordinals at or above the partition change; OnDelete replaces nothing by itself;
// - DaemonSet: the pod on every node it runs on, maxUnavailable nodes at a time (default
//   1, rounded up), none down when it surges; OnDelete replaces nothing by itself.

import type { KubeObject } from '../../src/backends/kubernetes/types.ts';
import type { Impact } from '../../src/types.ts';

/** A rolling replacement (restart, undo, image change) of a Deployment, StatefulSet or DaemonSet. */
export function rolloutImpact(workload: KubeObject): Impact {
  if (workload.kind === 'StatefulSet') return statefulSetImpact(workload);
  if (workload.kind === 'DaemonSet') return daemonSetImpact(workload);
  return rollingImpact(workload);
}

interface UpdateStrategy {
  type?: string;
  rollingUpdate?: { partition?: number; maxUnavailable?: number | string; maxSurge?: number | string };
}

function statefulSetImpact(sts: KubeObject): Impact {
  const spec = (sts.spec ?? {}) as { replicas?: number; updateStrategy?: UpdateStrategy };
  const replicas = spec.replicas ?? 1;
  if (spec.updateStrategy?.type === 'OnDelete')
    return { pods: 0, replicas, fractionOfService: 0, reversible: true };
  const rolling = spec.updateStrategy?.rollingUpdate ?? {};
  const pods = Math.max(0, replicas - Math.max(0, rolling.partition ?? 0));
  const down = Math.max(1, resolveIntOrPercent(rolling.maxUnavailable ?? 1, replicas, 'down'));
  return {
    pods,
    replicas,
    fractionOfService: pods && replicas ? Math.min(1, down / replicas) : 0,
    reversible: true,
  };
}

function daemonSetImpact(ds: KubeObject): Impact {
  const spec = (ds.spec ?? {}) as { updateStrategy?: UpdateStrategy };
  const nodes = Number(
    (ds.status as { desiredNumberScheduled?: number } | undefined)?.desiredNumberScheduled ?? 0,
  );
  if (spec.updateStrategy?.type === 'OnDelete')
    return { pods: 0, replicas: nodes, fractionOfService: 0, reversible: true };
  const rolling = spec.updateStrategy?.rollingUpdate ?? {};
  const surge = resolveIntOrPercent(rolling.maxSurge ?? 0, nodes, 'up');
  const down = surge > 0 ? 0 : Math.max(1, resolveIntOrPercent(rolling.maxUnavailable ?? 1, nodes, 'up'));
  return {
    pods: nodes,
    replicas: nodes,
    fractionOfService: nodes ? Math.min(1, down / nodes) : 0,
    reversible: true,
  };
}

/** A rolling replacement (restart, undo, image change) of a Deployment. */
export function rollingImpact(deployment: KubeObject): Impact {
  const spec = (deployment.spec ?? {}) as {
    replicas?: number;
    strategy?: { type?: string; rollingUpdate?: { maxUnavailable?: number | string } };
  };
  const replicas = spec.replicas ?? 1;
  if (spec.strategy?.type === 'Recreate')
    return { pods: replicas, replicas, fractionOfService: 1, reversible: true };
  const unavailable = resolveIntOrPercent(
    spec.strategy?.rollingUpdate?.maxUnavailable ?? '25%',
    replicas,
    'down',
  );
  return {
    pods: replicas,
    replicas,
    fractionOfService: replicas ? Math.min(1, unavailable / replicas) : 0,
    reversible: true,
  };
}

/** Kubernetes rounds maxUnavailable down and maxSurge up. */
export function resolveIntOrPercent(value: number | string, total: number, round: 'down' | 'up'): number {
  if (typeof value === 'number') return value;
  const percent = Number.parseFloat(value);
  if (Number.isNaN(percent)) throw new Error(`not an int or percentage: ${value}`);
  const raw = (percent / 100) * total;
  return round === 'down' ? Math.floor(raw) : Math.ceil(raw);
}
