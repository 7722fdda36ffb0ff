// Is a workload's rollout complete, progressing, stuck, paused, or waiting for pods to be
// deleted (updateStrategy OnDelete: "manual")? Read the way `kubectl rollout status` reads
// each kind: a Deployment's counts and Progressing condition; a StatefulSet's update and
// current revisions and partition; a DaemonSet's desired/updated/available counts. Shared
// by k8s_rollout_status and by the changes whose policy context says whether a rollout is
// in progress.

import type { KubeObject, KubernetesBackend } from '../../src/backends/kubernetes/types.ts';
import type { TargetContext } from '../../src/tool.ts';
import { kubeRef, kubernetes } from './common.ts';
import type { WorkloadKind } from './workloads.ts';

interface DeploymentStatus {
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  observedGeneration?: number;
  conditions?: Condition[];
}

export interface RolloutState {
  state: 'complete' | 'progressing' | 'stuck' | 'paused' | 'manual';
  message: string;
  desired: number;
  updated: number;
  ready: number;
  available: number;
  /** DaemonSets: nodes that should run a daemon pod and have no available one. */
  unavailable?: number;
  /** StatefulSets: the revision pods move to, the one the rest still run, and the partition. */
  revision?: { update: string; current: string; partition?: number };
  conditions: { type: string; status: string; reason?: string; message?: string }[];
}

type Condition = RolloutState['conditions'][number];

function conditionsOf(status: { conditions?: Condition[] }): Condition[] {
  return (status.conditions ?? []).map(({ type, status: value, reason, message }) => ({
    type,
    status: value,
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
  }));
}

/** The rollout state of a Deployment, StatefulSet or DaemonSet, by its kind. */
export function rolloutState(workload: KubeObject): RolloutState {
  if (workload.kind === 'StatefulSet') return statefulSetState(workload);
  if (workload.kind === 'DaemonSet') return daemonSetState(workload);
  return deploymentState(workload);
}

function deploymentState(deployment: KubeObject): RolloutState {
  const spec = (deployment.spec ?? {}) as { replicas?: number; paused?: boolean };
  const s = (deployment.status ?? {}) as DeploymentStatus;
  const desired = spec.replicas ?? 1;
  const updated = s.updatedReplicas ?? 0;
  const available = s.availableReplicas ?? 0;
  const progressing = s.conditions?.find((c) => c.type === 'Progressing');
  const stale = (s.observedGeneration ?? 0) < (deployment.metadata.generation ?? 0);
  const counts = { desired, updated, ready: s.readyReplicas ?? 0, available, conditions: conditionsOf(s) };
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

interface StatefulSetStatus {
  observedGeneration?: number;
  replicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  updatedReplicas?: number;
  currentReplicas?: number;
  currentRevision?: string;
  updateRevision?: string;
  conditions?: Condition[];
}

interface UpdateStrategy {
  type?: string;
  rollingUpdate?: { partition?: number };
}

function statefulSetState(sts: KubeObject): RolloutState {
  const spec = (sts.spec ?? {}) as { replicas?: number; updateStrategy?: UpdateStrategy };
  const s = (sts.status ?? {}) as StatefulSetStatus;
  const desired = spec.replicas ?? 1;
  const updated = s.updatedReplicas ?? 0;
  const ready = s.readyReplicas ?? 0;
  const partition = spec.updateStrategy?.rollingUpdate?.partition ?? 0;
  const update = s.updateRevision ?? '';
  const current = s.currentRevision ?? update;
  const counts = {
    desired,
    updated,
    ready,
    available: s.availableReplicas ?? ready,
    revision: { update, current, ...(partition > 0 ? { partition } : {}) },
    conditions: conditionsOf(s),
  };
  if (spec.updateStrategy?.type === 'OnDelete') return onDelete(counts, update);
  if (!s.observedGeneration || s.observedGeneration < (sts.metadata.generation ?? 0))
    return {
      state: 'progressing',
      message: 'waiting for the controller to observe the latest spec',
      ...counts,
    };
  if (ready < desired)
    return {
      state: 'progressing',
      message: `waiting for ${desired - ready} pods to be ready (${ready}/${desired} ready, ${updated} at ${update})`,
      ...counts,
    };
  if (partition > 0) {
    const due = Math.max(0, desired - partition);
    return updated < due
      ? {
          state: 'progressing',
          message: `partitioned rollout: ${updated}/${due} pods at ${update} (ordinals from ${partition} up)`,
          ...counts,
        }
      : {
          state: 'complete',
          message: `partitioned rollout complete: ${updated} pods at ${update}; ordinals below ${partition} stay at ${current} until the partition is lowered`,
          ...counts,
        };
  }
  if (updated < desired || current !== update)
    return {
      state: 'progressing',
      message: `rolling update: ${updated}/${desired} pods at ${update}, one at a time from the highest ordinal`,
      ...counts,
    };
  return {
    state: 'complete',
    message: `successfully rolled out: ${updated}/${desired} pods at ${update}, ${ready} ready`,
    ...counts,
  };
}

interface DaemonSetStatus {
  observedGeneration?: number;
  desiredNumberScheduled?: number;
  currentNumberScheduled?: number;
  updatedNumberScheduled?: number;
  numberReady?: number;
  numberAvailable?: number;
  numberUnavailable?: number;
  conditions?: Condition[];
}

function daemonSetState(ds: KubeObject): RolloutState {
  const spec = (ds.spec ?? {}) as { updateStrategy?: UpdateStrategy };
  const s = (ds.status ?? {}) as DaemonSetStatus;
  const desired = s.desiredNumberScheduled ?? 0;
  const updated = s.updatedNumberScheduled ?? 0;
  const available = s.numberAvailable ?? 0;
  const counts = {
    desired,
    updated,
    ready: s.numberReady ?? 0,
    available,
    unavailable: s.numberUnavailable ?? Math.max(0, desired - available),
    conditions: conditionsOf(s),
  };
  if (spec.updateStrategy?.type === 'OnDelete') return onDelete(counts, 'the current template');
  if ((s.observedGeneration ?? 0) < (ds.metadata.generation ?? 0))
    return {
      state: 'progressing',
      message: 'waiting for the controller to observe the latest spec',
      ...counts,
    };
  if (updated < desired)
    return {
      state: 'progressing',
      message: `${updated}/${desired} nodes run the updated pod, node by node`,
      ...counts,
    };
  if (available < desired)
    return { state: 'progressing', message: `${available}/${desired} updated pods available`, ...counts };
  return {
    state: 'complete',
    message: `successfully rolled out: the updated pod runs on all ${desired} nodes`,
    ...counts,
  };
}

function onDelete<T extends { desired: number; updated: number }>(counts: T, revision: string) {
  return counts.updated >= counts.desired
    ? { state: 'complete' as const, message: `all ${counts.desired} pods run ${revision}`, ...counts }
    : {
        state: 'manual' as const,
        message: `updateStrategy OnDelete: ${counts.updated}/${counts.desired} pods run ${revision}; the others change only when deleted (k8s_pod_delete)`,
        ...counts,
      };
}

/** Container states that stop a rollout until someone acts: the pod will not become ready. */
const STUCK_REASONS = new Set([
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'InvalidImageName',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
]);

/**
 * Why a StatefulSet's or DaemonSet's rollout is stuck, from its pods (these kinds have no
 * progress deadline): a container of one of them waiting in a state that needs a fix, or a
 * pod the scheduler cannot place. Undefined when no pod says so.
 */
export async function stuckReason(
  kube: KubernetesBackend,
  workload: KubeObject,
  cluster: string | undefined,
): Promise<string | undefined> {
  const matchLabels =
    (workload.spec as { selector?: { matchLabels?: Record<string, string> } }).selector?.matchLabels ?? {};
  const labelSelector = Object.entries(matchLabels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const { items } = await kube.list({
    kind: 'Pod',
    ...(workload.metadata.namespace ? { namespace: workload.metadata.namespace } : {}),
    ...(cluster ? { cluster } : {}),
    ...(labelSelector ? { labelSelector } : {}),
  });
  for (const pod of items) {
    if (!pod.metadata.ownerReferences?.some((o) => o.uid === workload.metadata.uid)) continue;
    const status = (pod.status ?? {}) as {
      containerStatuses?: { name: string; state?: { waiting?: { reason?: string; message?: string } } }[];
      conditions?: Condition[];
    };
    for (const c of status.containerStatuses ?? []) {
      const waiting = c.state?.waiting;
      if (waiting?.reason && STUCK_REASONS.has(waiting.reason))
        return `pod ${pod.metadata.name} container ${c.name}: ${waiting.reason}${waiting.message ? ` (${waiting.message})` : ''}`;
    }
    const scheduled = status.conditions?.find((c) => c.type === 'PodScheduled');
    if (scheduled?.status === 'False')
      return `pod ${pod.metadata.name} cannot be scheduled${scheduled.message ? `: ${scheduled.message}` : ''}`;
  }
  return undefined;
}

/** The policy context of a change to a workload: is a rollout already under way? */
export async function rolloutContext(
  args: { cluster?: string | undefined; namespace: string; name: string; kind: WorkloadKind },
  ctx: { backends: Parameters<typeof kubernetes>[0] },
): Promise<TargetContext> {
  const workload = await kubernetes(ctx.backends).get(kubeRef(args.kind, args));
  return { rolloutInProgress: rolloutState(workload).state === 'progressing' };
}

/** The policy context of a change to a Deployment: is a rollout already under way? */
export async function deploymentContext(
  args: { cluster?: string | undefined; namespace: string; name: string },
  ctx: { backends: Parameters<typeof kubernetes>[0] },
): Promise<TargetContext> {
  const deployment = await kubernetes(ctx.backends).get(kubeRef('Deployment', args));
  return { rolloutInProgress: rolloutState(deployment).state === 'progressing' };
}
