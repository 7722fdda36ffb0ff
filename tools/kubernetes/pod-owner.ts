// Which workload a pod belongs to: its controller, with a ReplicaSet resolved to the
// Deployment that owns it. Policy history counts a pod delete against that workload, so
// deleting a Deployment's pods one by one is seen as the restart loop it is.

import type { KubeObject, KubernetesBackend } from '../../src/backends/kubernetes/types.ts';
import { kubeRef } from './common.ts';

type PodArgs = { cluster?: string | undefined; namespace: string; name: string };

export interface PodOwner {
  pod: KubeObject;
  /** The pod's controlling ReplicaSet, when it has one (its replicas are the service's size). */
  replicaSet?: KubeObject;
  /** The workload the pod counts against; absent for a pod no controller owns. */
  workload?: { kind: string; name: string };
}

const controllerOf = (object: KubeObject) => object.metadata.ownerReferences?.find((o) => o.controller);

export async function podOwner(kube: KubernetesBackend, args: PodArgs): Promise<PodOwner> {
  const pod = await kube.get(kubeRef('Pod', args));
  const owner = controllerOf(pod);
  if (!owner) return { pod };
  if (owner.kind !== 'ReplicaSet') return { pod, workload: { kind: owner.kind, name: owner.name } };
  const replicaSet = await kube.get(kubeRef('ReplicaSet', { ...args, name: owner.name }));
  const deployment = controllerOf(replicaSet) ?? owner;
  return { pod, replicaSet, workload: { kind: deployment.kind, name: deployment.name } };
}
