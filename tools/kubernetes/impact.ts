// Blast-radius estimates for Kubernetes changes, so the policy's impact rules can act:
// how many pods a change touches and what share of a workload's capacity is at risk
// while it happens.

import type { KubeObject } from '../../src/backends/kubernetes/types.ts';
import type { Impact } from '../../src/types.ts';

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
