// The simulated cluster without the HTTP server: the world loaded into the store with the
// standard controllers, and the in-process view of it (`KubeStore`) that the simulator
// exposes, tests use, and the sandbox's reaction logic can write through.

import type { KubeObject, KubeWorld } from '../world.ts';
import { Cluster, type Controller } from './cluster.ts';
import { daemonSetController } from './daemonset-controller.ts';
import { deploymentController } from './deployment-controller.ts';
import { disruptionController } from './disruption.ts';
import { endpointsController } from './endpoints-controller.ts';
import { listPage, parseListQuery } from './list.ts';
import { nodeController } from './node-controller.ts';
import { killPod } from './pods.ts';
import { replicaSetController } from './replicaset-controller.ts';
import { scheduler } from './scheduler.ts';
import { statefulSetController } from './statefulset-controller.ts';
import type { ChangeType } from './store.ts';

export interface KubeStoreChange {
  type: ChangeType;
  object: KubeObject;
  previous?: KubeObject;
}

/**
 * In-process access to the simulated cluster's objects. Reads return copies; writes are
 * stored as given (no admission) and the controllers react before the call returns. Pods
 * created without a node are scheduled and started; deleted pods go the kubelet's way.
 */
export interface KubeStore {
  readonly resourceVersion: string;
  get(kind: string, namespace: string | undefined, name: string): KubeObject | undefined;
  list(
    kind: string,
    opts?: { namespace?: string; labelSelector?: string; fieldSelector?: string },
  ): KubeObject[];
  create(object: KubeObject): KubeObject;
  update(object: KubeObject): KubeObject;
  delete(kind: string, namespace: string | undefined, name: string): KubeObject | undefined;
  onChange(listener: (change: KubeStoreChange) => void): () => void;
}

function controllers(): Controller[] {
  return [
    deploymentController(),
    replicaSetController,
    statefulSetController(),
    daemonSetController(),
    scheduler,
    nodeController,
    disruptionController,
    endpointsController,
  ];
}

function storeFacade(cluster: Cluster): KubeStore {
  const settle = <T>(result: T): T => {
    cluster.reconcile();
    return result;
  };
  return {
    get resourceVersion() {
      return cluster.store.resourceVersion;
    },
    get: (kind, namespace, name) => cluster.get(kind, namespace, name),
    list(kind, opts = {}) {
      const type = cluster.typeByKind(kind);
      const params = new URLSearchParams();
      if (opts.labelSelector) params.set('labelSelector', opts.labelSelector);
      if (opts.fieldSelector) params.set('fieldSelector', opts.fieldSelector);
      return listPage(cluster.store, type, opts.namespace, parseListQuery(params, type)).items;
    },
    create(object) {
      if (object.kind === 'Pod') cluster.simulatedPods.add(object.metadata.uid);
      return settle(cluster.create(object));
    },
    update: (object) => settle(cluster.update(object)),
    delete(kind, namespace, name) {
      const object = cluster.get(kind, namespace, name);
      if (!object) return undefined;
      return settle(
        kind === 'Pod' ? killPod(cluster, object) : cluster.delete(cluster.typeByKind(kind), namespace, name),
      );
    },
    onChange: (listener) =>
      cluster.store.subscribe(({ type, object, previous }) =>
        listener({
          type,
          object: structuredClone(object),
          ...(previous ? { previous: structuredClone(previous) } : {}),
        }),
      ),
  };
}

/** Loads the world and starts its controllers; `cluster.close()` stops pending rollout timers. */
export function simulateCluster(
  world: KubeWorld,
  opts: { rolloutStepMs?: number } = {},
): { cluster: Cluster; store: KubeStore } {
  const cluster = new Cluster(world, controllers(), opts);
  return { cluster, store: storeFacade(cluster) };
}
