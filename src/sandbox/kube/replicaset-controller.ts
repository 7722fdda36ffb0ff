// The ReplicaSet controller: keeps `spec.replicas` pods (replacing deleted or evicted ones
// under new names, removing the least valuable pods first when scaling down, as
// Kubernetes ranks them) and reports replicas/ready/available in status.

import type { KubeObject } from '../world.ts';
import type { Cluster, Controller } from './cluster.ts';
import { recordEvent } from './events.ts';
import { controllerRef, creationTime, isControlledBy, isPodReady, replicasOf } from './objects.ts';
import { killPod, newPod } from './pods.ts';
import { sameFields } from './status.ts';

/** Kubernetes' deletion preference: unscheduled, then not running, then not ready, then newest. */
function deletionRank(pod: KubeObject): number[] {
  return [
    pod.spec?.nodeName ? 1 : 0,
    pod.status?.phase === 'Running' ? 1 : 0,
    isPodReady(pod) ? 1 : 0,
    -creationTime(pod),
  ];
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

function reconcileReplicaSet(cluster: Cluster, namespace: string | undefined, name: string): undefined {
  const rs = cluster.get('ReplicaSet', namespace, name);
  if (!rs) return undefined;
  let pods = cluster.list('Pod', namespace).filter((pod) => isControlledBy(pod, rs));
  const desired = replicasOf(rs);
  for (let i = pods.length; i < desired; i++) {
    const pod = newPod(cluster, rs, `${name}-${cluster.ids.suffix()}`, { generateName: `${name}-` });
    cluster.create(pod);
    recordEvent(cluster, rs, {
      reason: 'SuccessfulCreate',
      message: `Created pod: ${pod.metadata.name}`,
      component: 'replicaset-controller',
    });
  }
  if (pods.length > desired) {
    const doomed = [...pods]
      .sort((a, b) => compareRanks(deletionRank(a), deletionRank(b)))
      .slice(0, pods.length - desired);
    for (const pod of doomed) {
      killPod(cluster, pod);
      recordEvent(cluster, rs, {
        reason: 'SuccessfulDelete',
        message: `Deleted pod: ${pod.metadata.name}`,
        component: 'replicaset-controller',
      });
    }
  }
  pods = cluster.list('Pod', namespace).filter((pod) => isControlledBy(pod, rs));
  const ready = pods.filter(isPodReady).length;
  const status = {
    replicas: pods.length,
    fullyLabeledReplicas: pods.length,
    readyReplicas: ready,
    availableReplicas: ready,
    observedGeneration: rs.metadata.generation ?? 1,
  };
  if (!sameFields(rs.status, status)) cluster.update({ ...rs, status: { ...rs.status, ...status } });
  return undefined;
}

export const replicaSetController: Controller = {
  name: 'replicaset',
  affected(change) {
    const { object } = change;
    if (change.resource.kind === 'ReplicaSet' && change.type !== 'DELETED') {
      return [{ namespace: object.metadata.namespace, name: object.metadata.name }];
    }
    const owner = change.resource.kind === 'Pod' ? controllerRef(object) : undefined;
    return owner?.kind === 'ReplicaSet' ? [{ namespace: object.metadata.namespace, name: owner.name }] : [];
  },
  reconcile: reconcileReplicaSet,
};
