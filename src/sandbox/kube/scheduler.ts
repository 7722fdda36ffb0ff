// The scheduler (and kubelet start-up) for pods the simulator created: a pod goes to a
// Ready, schedulable node whose labels match its nodeSelector and whose NoSchedule/NoExecute
// taints it tolerates, preferring the node with the fewest pods of the same workload, then
// the fewest pods overall, and starts at once. With no such node it stays
// Pending with a FailedScheduling event, and is retried when a node changes (uncordon).

import type { KubeObject } from '../world.ts';
import type { Cluster, Controller } from './cluster.ts';
import { recordEvent } from './events.ts';
import { conditionStatus, controllerRef } from './objects.ts';
import { bindAndStart } from './pods.ts';

export interface Taint {
  key: string;
  value?: string;
  effect: string;
}

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
}

/** Whether a pod with `tolerations` may run on a node with `taint` (as the scheduler and the DaemonSet controller judge it). */
export function tolerates(tolerations: Toleration[], taint: Taint): boolean {
  return tolerations.some(
    (t) =>
      (!t.effect || t.effect === taint.effect) &&
      ((t.operator === 'Exists' && (!t.key || t.key === taint.key)) ||
        (t.key === taint.key && (t.value ?? '') === (taint.value ?? ''))),
  );
}

/** Why a node cannot take the pod, in the scheduler's words; undefined when it can. */
function unfit(node: KubeObject, pod: KubeObject, podsOnNode: number): string | undefined {
  if (node.spec?.unschedulable) return 'node(s) were unschedulable';
  if ((conditionStatus(node, 'Ready') ?? 'True') !== 'True')
    return 'node(s) had untolerated taint {node.kubernetes.io/not-ready: }';
  const taints = ((node.spec?.taints ?? []) as Taint[]).filter((t) => t.effect !== 'PreferNoSchedule');
  const untolerated = taints.find(
    (taint) => !tolerates((pod.spec?.tolerations ?? []) as Toleration[], taint),
  );
  if (untolerated) return `node(s) had untolerated taint {${untolerated.key}: ${untolerated.value ?? ''}}`;
  const selector = (pod.spec?.nodeSelector ?? {}) as Record<string, string>;
  if (Object.entries(selector).some(([key, value]) => node.metadata.labels?.[key] !== value)) {
    return "node(s) didn't match Pod's node affinity/selector";
  }
  const capacity = Number((node.status?.allocatable as Record<string, string> | undefined)?.pods ?? 110);
  if (podsOnNode >= capacity) return 'Too many pods';
  return undefined;
}

function isWaitingForNode(cluster: Cluster, pod: KubeObject | undefined): pod is KubeObject {
  return !!pod && cluster.simulatedPods.has(pod.metadata.uid) && !pod.spec?.nodeName;
}

function schedule(cluster: Cluster, namespace: string | undefined, name: string): undefined {
  const pod = cluster.get('Pod', namespace, name);
  if (!isWaitingForNode(cluster, pod)) return undefined;
  const owner = controllerRef(pod)?.uid;
  const podsPerNode = new Map<string, number>();
  const siblingsPerNode = new Map<string, number>();
  for (const other of cluster.list('Pod')) {
    const nodeName = other.spec?.nodeName as string | undefined;
    if (!nodeName) continue;
    podsPerNode.set(nodeName, (podsPerNode.get(nodeName) ?? 0) + 1);
    if (owner && controllerRef(other)?.uid === owner)
      siblingsPerNode.set(nodeName, (siblingsPerNode.get(nodeName) ?? 0) + 1);
  }
  const nodes = cluster.list('Node');
  const reasons = new Map<string, number>();
  const fits = nodes.filter((node) => {
    const why = unfit(node, pod, podsPerNode.get(node.metadata.name) ?? 0);
    if (why) reasons.set(why, (reasons.get(why) ?? 0) + 1);
    return !why;
  });
  // Spread a workload's pods first (the default topology spread), then balance all pods.
  const load = (node: KubeObject) => [
    siblingsPerNode.get(node.metadata.name) ?? 0,
    podsPerNode.get(node.metadata.name) ?? 0,
  ];
  fits.sort((a, b) => load(a)[0]! - load(b)[0]! || load(a)[1]! - load(b)[1]!);
  if (fits[0]) {
    bindAndStart(cluster, pod, fits[0]);
    return undefined;
  }
  if (conditionStatus(pod, 'PodScheduled') === 'False') return undefined;
  const why = [...reasons].map(([reason, count]) => `${count} ${reason}`).join(', ');
  const message = `0/${nodes.length} nodes are available: ${why}.`;
  pod.status = {
    ...pod.status,
    conditions: [
      {
        type: 'PodScheduled',
        status: 'False',
        reason: 'Unschedulable',
        message,
        lastProbeTime: null,
        lastTransitionTime: cluster.nowIso(),
      },
    ],
  };
  const pending = cluster.update(pod);
  recordEvent(cluster, pending, {
    type: 'Warning',
    reason: 'FailedScheduling',
    message,
    component: 'default-scheduler',
  });
  return undefined;
}

export const scheduler: Controller = {
  name: 'scheduler',
  affected(change, cluster) {
    if (
      change.resource.kind === 'Pod' &&
      change.type !== 'DELETED' &&
      isWaitingForNode(cluster, change.object)
    ) {
      return [{ namespace: change.object.metadata.namespace, name: change.object.metadata.name }];
    }
    if (change.resource.kind === 'Node' && change.type !== 'DELETED') {
      return cluster
        .list('Pod')
        .filter((pod) => isWaitingForNode(cluster, pod))
        .map((pod) => ({ namespace: pod.metadata.namespace, name: pod.metadata.name }));
    }
    return [];
  },
  reconcile: schedule,
};
