// Is a Deployment's rollout complete, progressing, stuck or paused? Read the way
// `kubectl rollout status` reads it; shared by k8s_rollout_status and by the changes
// whose policy context says whether a rollout is in progress.

import type { KubeObject } from '../../src/backends/kubernetes/types.ts';
import type { TargetContext } from '../../src/tool.ts';
import { kubeRef, kubernetes } from './common.ts';

interface DeploymentStatus {
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  observedGeneration?: number;
  conditions?: { type: string; status: string; reason?: string; message?: string }[];
}

export interface RolloutState {
  state: 'complete' | 'progressing' | 'stuck' | 'paused';
  message: string;
  desired: number;
  updated: number;
  ready: number;
  available: number;
  conditions: { type: string; status: string; reason?: string; message?: string }[];
}

export function rolloutState(deployment: KubeObject): RolloutState {
  const spec = (deployment.spec ?? {}) as { replicas?: number; paused?: boolean };
  const s = (deployment.status ?? {}) as DeploymentStatus;
  const desired = spec.replicas ?? 1;
  const updated = s.updatedReplicas ?? 0;
  const available = s.availableReplicas ?? 0;
  const progressing = s.conditions?.find((c) => c.type === 'Progressing');
  const stale = (s.observedGeneration ?? 0) < (deployment.metadata.generation ?? 0);
  const counts = {
    desired,
    updated,
    ready: s.readyReplicas ?? 0,
    available,
    conditions: (s.conditions ?? []).map(({ type, status, reason, message }) => ({
      type,
      status,
      ...(reason ? { reason } : {}),
      ...(message ? { message } : {}),
    })),
  };
  if (spec.paused) return { state: 'paused', message: 'rollout is paused', ...counts };
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    return {
      state: 'stuck',
      message: `stuck: ${progressing.message ?? 'progress deadline exceeded'}`,
      ...counts,
    };
  }
  if (!stale && updated >= desired && available >= desired && (s.replicas ?? 0) <= desired) {
    return {
      state: 'complete',
      message: `successfully rolled out: ${available}/${desired} available`,
      ...counts,
    };
  }
  const message = stale
    ? 'waiting for the controller to observe the latest spec'
    : `${updated}/${desired} updated, ${available}/${desired} available`;
  return { state: 'progressing', message, ...counts };
}

/** The policy context of a change to a Deployment: is a rollout already under way? */
export async function deploymentContext(
  args: { cluster?: string | undefined; namespace: string; name: string },
  ctx: { backends: Parameters<typeof kubernetes>[0] },
): Promise<TargetContext> {
  const deployment = await kubernetes(ctx.backends).get(kubeRef('Deployment', args));
  return { rolloutInProgress: rolloutState(deployment).state === 'progressing' };
}
